// Lexical "more like this": the distinctive words of a paper, as a query for papers like it.
const STOPWORDS = new Set(
  (
    "a an and are as at be by can for from has have in into is it its of on or our that the their these this to using via we " +
    "which with without while based show shows study paper propose proposed approach method methods results new also than " +
    "both such more most over under between across each when where how what whether does not only other use used two one"
  ).split(" "),
);

/**
 * Up to `max` words that characterise a title and abstract: frequent,
 * non-trivial words, title words counted three times (a title names the
 * subject). BM25 supplies the rarity weighting when the words are searched.
 */
export function characteristicTerms(title: string, abstract: string, max = 12): string[] {
  const counts = new Map<string, number>();
  const add = (text: string, weight: number) => {
    for (const w of text.toLowerCase().normalize("NFKC").split(/[^\p{L}\p{N}]+/u)) {
      if (w.length < 3 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
      counts.set(w, (counts.get(w) ?? 0) + weight);
    }
  };
  add(title, 3);
  add(abstract, 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, max)
    .map(([w]) => w);
}
