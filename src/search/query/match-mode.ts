// Whether free words are all required or any may match: the one rule both database compilers share.
//
// "all" (AND) suits what people type into a search box: one to three
// keywords, each narrowing the result as they type. Long natural-language
// queries ("how do transformers handle very long context windows") are
// different: almost no abstract contains every word, so AND returns little or
// nothing, while OR lets the ranking (BM25 in SQLite, ts_rank in PostgreSQL)
// put papers with more and rarer query words first, which keeps the top of
// the list precise and recall high. So "any" is the default from 4 words on.
// Phrases, authors and exclusions are constraints the user spelled out and are
// always applied, in either mode.

import type { ParsedQuery } from "./parse-query.js";

export type MatchMode = "all" | "any";

/** Free words from which the default becomes "any". */
export const ANY_MODE_MIN_TERMS = 4;

export function defaultMatchMode(q: ParsedQuery): MatchMode {
  return q.terms.length >= ANY_MODE_MIN_TERMS ? "any" : "all";
}
