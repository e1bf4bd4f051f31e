// Snippets for results the full-text engine did not highlight (semantic hits): an excerpt around the query's words, marked.
import { MARK_END, MARK_START } from "./highlight.js";

/** Words of the text that start like a query word (its first 5 letters, or all of a shorter word) are marked. */
export function markWords(text: string, queryWords: readonly string[]): string {
  const stems = queryWords.map((w) => w.toLowerCase().slice(0, 5)).filter((w) => w.length >= 3);
  if (stems.length === 0) return text;
  return text.replace(/[\p{L}\p{N}]+/gu, (w) => (stems.some((s) => w.toLowerCase().startsWith(s)) ? `${MARK_START}${w}${MARK_END}` : w));
}

/** About `length` characters of the abstract around its first marked word (or its start), with "…" where cut. */
export function makeSnippet(abstract: string, queryWords: readonly string[], length = 220): string {
  const marked = markWords(abstract, queryWords);
  const first = marked.indexOf(MARK_START);
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(length / 3));
  if (start > 0) {
    const space = marked.indexOf(" ", start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(marked.length, start + length);
  if (end < marked.length) {
    const space = marked.lastIndexOf(" ", end);
    if (space > start) end = space;
  }
  let out = marked.slice(start, end);
  // Never leave a marker open where the excerpt was cut.
  if (out.lastIndexOf(MARK_START) > out.lastIndexOf(MARK_END)) out += MARK_END;
  return `${start > 0 ? "…" : ""}${out}${end < marked.length ? "…" : ""}`;
}
