// Words of a title or abstract as the builtin embedding model sees them: lower-cased, stop words out, Porter-stemmed.
import { stemmer } from "stemmer";
import { STOPWORDS } from "../../stopwords.js";


const cache = new Map<string, string>();

/** Stems, memoised: abstracts repeat a small vocabulary, and stemming is the costly step. */
function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = stemmer(word);
    if (cache.size < 200_000) cache.set(word, s);
  }
  return s;
}

/** Lower-case words of a text, before stop words and stemming. */
export function rawWords(text: string): string[] {
  return text
    .toLowerCase()
    .normalize("NFKC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== "");
}

export function contentTokens(text: string): string[] {
  const out: string[] = [];
  for (const w of rawWords(text)) {
    if (w.length < 2 || w.length > 40 || STOPWORDS.has(w) || /^\d+$/.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}
