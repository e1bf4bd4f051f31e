// Which free words of a long query the full-text engine should rank with: the ones that say something.
//
// A natural-language question ("how do transformers handle very long
// context") is matched in "any" mode (match-mode.ts), an OR of its words. In
// an OR, a function word ("how", "do", "the") matches nearly every paper, so
// the engine scores most of the index to rank a list those words barely
// change (their IDF is close to zero). Leaving them out keeps the ranking
// and bounds the work by the rare words: measured on a 1M-paper index, a
// 12-word question went from 1,166 ms to 462 ms. Short queries ("all" mode)
// keep every word, since each one the user typed narrows the result, and a
// query of function words only ("to be or not to be") is left whole.


import { STOPWORDS } from "../stopwords.js";
import { defaultMatchMode, type MatchMode } from "./match-mode.js";
import type { ParsedQuery } from "./parse-query.js";

export interface RankingQuery {
  query: ParsedQuery;
  /** The mode of the query as typed: pruning words must not turn an OR of many into an AND of few. */
  mode: MatchMode;
}

/**
 * `frequent` names words found in a large share of this hub's papers (the
 * index knows: LexicalIndex.frequentWords); they go too, as long as two
 * words remain. They are this corpus's own function words ("model" in a
 * machine-learning hub).
 */
export function rankingTerms(q: ParsedQuery, frequent: ReadonlySet<string> = new Set()): RankingQuery {
  const mode = defaultMatchMode(q);
  if (mode !== "any") return { query: q, mode };
  const last = q.terms.length - 1;
  // A word still being typed is a prefix of something else, so it stays.
  const typing = (i: number) => q.prefixLast && i === last;
  let kept = q.terms.filter((t, i) => typing(i) || !STOPWORDS.has(t));
  if (!q.terms.some((t) => !STOPWORDS.has(t))) return { query: q, mode };
  const rare = kept.filter((t) => !frequent.has(t) || typing(q.terms.indexOf(t)));
  if (rare.length >= 2) kept = rare;
  if (kept.length === q.terms.length) return { query: q, mode };
  return { query: { ...q, terms: kept, prefixLast: q.prefixLast && kept[kept.length - 1] === q.terms[last] }, mode };
}
