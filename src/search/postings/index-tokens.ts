// Words of a paper as SQLite's FTS5 table sees them (tokenize = 'porter unicode61 remove_diacritics 2'), for the postings index.
//
// The postings index must rank by the tokens FTS5 indexes, and FTS5 answers
// what the index cannot, so both cut and stem text alike: letters and digits make
// tokens, everything else separates them; case and Latin diacritics are
// folded; Porter stems every token (it leaves those under 3 letters alone).
// Function words (search/stopwords.ts) are counted in a paper's length, as FTS5
// counts them, but get no postings: no ranking query uses them, and they
// would be a fifth of the index. token-table.ts scans whole papers fast by
// these rules; text-match.ts cuts the few it checks and highlights.
import { stemmer } from "stemmer";
import { FUNCTION_WORDS } from "../stopwords.js";

const SEPARATORS = /[^\p{L}\p{N}\p{Co}]+/u;
const NON_ASCII = /[^\x00-\x7f]/;
const MARKS = /\p{Mn}+/gu;
const STEM_CACHE_MAX = 500_000;
const stems = new Map<string, string>();

/**
 * Stems of the function words: a token with one of these stems is never indexed. Only function
 * words: a stem shared with words of meaning ("base" of "based" and "bases") must have postings,
 * or a query holding it could not be ranked here.
 */
export const STOP_STEMS: ReadonlySet<string> = new Set([...FUNCTION_WORDS].map((w) => stemmer(w)));

/** Porter's stem of a folded token, memoised (abstracts repeat a small vocabulary). */
export function stemToken(token: string): string {
  let s = stems.get(token);
  if (s === undefined) {
    s = token.length < 3 || token.length > 64 ? token : stemmer(token);
    if (stems.size < STEM_CACHE_MAX) stems.set(token, s);
  }
  return s;
}

/** One token (letters, digits, combining marks) case- and diacritic-folded; "" when only marks. */
export function foldToken(token: string): string {
  const t = token.toLowerCase();
  return NON_ASCII.test(t) ? t.normalize("NFD").replace(MARKS, "").normalize("NFC") : t;
}

/** Whether the text is plain ASCII, which the char-code scans below cut as the Unicode patterns do. */
export function isAscii(text: string): boolean {
  return !NON_ASCII.test(text);
}

/** Case- and diacritic-folded tokens of a text, before stemming. */
export function rawTokens(text: string): string[] {
  if (isAscii(text)) return asciiTokens(text);
  const t = text.toLowerCase().normalize("NFD").replace(MARKS, "").normalize("NFC");
  const parts = t.split(SEPARATORS);
  // split leaves an empty first or last part around leading or trailing separators
  if (parts.length > 0 && parts[0] === "") parts.shift();
  if (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

/**
 * Calls visit(start, end) for each run of letters and digits of ASCII text, found by char code:
 * the tokens the separator and token patterns give there, measured 3x faster than the split.
 */
export function asciiRuns(text: string, visit: (start: number, end: number) => void): void {
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : 32;
    if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      visit(start, i);
      start = -1;
    }
  }
}

/** rawTokens of ASCII text (nearly every title and abstract). */
function asciiTokens(text: string): string[] {
  const lower = text.toLowerCase();
  const out: string[] = [];
  asciiRuns(lower, (start, end) => out.push(lower.slice(start, end)));
  return out;
}

/** The stems of a text, stop words included. */
export function queryStems(text: string): string[] {
  return rawTokens(text).map(stemToken);
}
