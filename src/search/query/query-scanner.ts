// Splitting normalised query text into syntax units: words, quoted phrases, exclusions and `key:value` filters.
//
// The scanner is total: every string splits into units and nothing is an
// error. A `"` always opens a phrase, even in the middle of a word, and an
// unbalanced one closes at the end of input. A leading `-` (or several)
// negates the unit it sticks to; a lone `-` is nothing. `author:`, `cat:`,
// `after:` and `before:` are filters (a quoted value may follow:
// `author:"Yann LeCun"`); any other `word:word` is plain text. Runs in one pass
// over the input, so its cost is linear in the (capped) input length.

export const FILTER_KEYS = ["author", "cat", "after", "before", "org", "has"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export type QueryUnit =
  /** Unquoted text up to the next space or quote; `atEnd` when it runs to the end of input. */
  | { kind: "text"; negated: boolean; text: string; atEnd: boolean }
  | { kind: "phrase"; negated: boolean; text: string }
  | { kind: "filter"; negated: boolean; key: FilterKey; value: string };

const FILTER = /^(author|cat|after|before|org|has):(.*)$/s;
const SPACE = /\s/u;

/** Units of text already passed through `normaliseQueryText` (so lower case, no control characters). */
export function scanQuery(s: string): QueryUnit[] {
  const units: QueryUnit[] = [];
  const n = s.length;
  let i = 0;
  const isSpace = (k: number): boolean => k < n && SPACE.test(s.charAt(k));
  const readQuoted = (): string => {
    const close = s.indexOf('"', i + 1);
    const end = close < 0 ? n : close;
    const text = s.slice(i + 1, end);
    i = close < 0 ? n : close + 1;
    return text;
  };
  while (i < n) {
    if (isSpace(i)) {
      i++;
      continue;
    }
    let negated = false;
    while (s[i] === "-") {
      negated = true;
      i++;
    }
    if (i >= n || isSpace(i)) continue;
    if (s[i] === '"') {
      units.push({ kind: "phrase", negated, text: readQuoted() });
      continue;
    }
    const start = i;
    while (i < n && !isSpace(i) && s[i] !== '"') i++;
    const chunk = s.slice(start, i);
    const m = FILTER.exec(chunk);
    if (m) {
      const key = m[1] as FilterKey;
      const value = m[2] === "" && s[i] === '"' ? readQuoted() : (m[2] ?? "");
      units.push({ kind: "filter", negated, key, value });
      continue;
    }
    units.push({ kind: "text", negated, text: chunk, atEnd: i === n });
  }
  return units;
}
