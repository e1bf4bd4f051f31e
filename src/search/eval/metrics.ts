// Retrieval metrics over one ranked list (nDCG, recall, MRR at a cut-off) and their means over a run.
//
// Contracts shared by every metric:
// - a document's gain is its qrels grade; grades <= 0 and unjudged documents
//   gain nothing (BEIR qrels may hold 0 for "judged, not relevant");
// - a document id repeated in a ranking counts once, at its first position,
//   so a buggy search cannot inflate its score by repeating a hit;
// - nDCG uses the linear gain (grade) with the log2(rank + 1) discount, as
//   trec_eval and BEIR do, and the ideal DCG comes from the qrels, not from
//   the ranking, so relevant documents the search missed lower the score.

/** Judged relevance of documents for one query: document id -> grade. */
export type Qrels = Map<string, number>;

function firstOccurrences(ranked: readonly string[], k: number): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ranked) {
    if (out.length >= k) break;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  return out;
}

function gain(qrels: Qrels, id: string): number {
  return Math.max(0, qrels.get(id) ?? 0);
}

/** Normalised discounted cumulative gain of the top k; 0 when the query has no relevant document. */
export function ndcgAtK(ranked: readonly string[], qrels: Qrels, k: number): number {
  let dcg = 0;
  firstOccurrences(ranked, k).forEach((id, i) => {
    dcg += gain(qrels, id) / Math.log2(i + 2);
  });
  const ideal = [...qrels.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k);
  const idcg = ideal.reduce((sum, g, i) => sum + g / Math.log2(i + 2), 0);
  return idcg === 0 ? 0 : dcg / idcg;
}

/** Share of the query's relevant documents (grade > 0) found in the top k; 0 when there are none. */
export function recallAtK(ranked: readonly string[], qrels: Qrels, k: number): number {
  let relevant = 0;
  for (const g of qrels.values()) if (g > 0) relevant++;
  if (relevant === 0) return 0;
  const found = firstOccurrences(ranked, k).filter((id) => gain(qrels, id) > 0).length;
  return found / relevant;
}

/** Reciprocal rank of the first relevant document (grade > 0) in the top k; 0 when none is there. */
export function mrrAtK(ranked: readonly string[], qrels: Qrels, k: number): number {
  const i = firstOccurrences(ranked, k).findIndex((id) => gain(qrels, id) > 0);
  return i < 0 ? 0 : 1 / (i + 1);
}

/** The metrics reported per query and on average: BEIR's headline nDCG@10 plus the usual companions. */
export interface MetricValues {
  ndcgAt10: number;
  mrrAt10: number;
  recallAt10: number;
  recallAt100: number;
}

export interface RunEvaluation {
  /** Number of queries averaged over: those whose qrels hold at least one grade > 0. */
  queries: number;
  /** Mean of each metric over those queries (all 0 when there are none). */
  mean: MetricValues;
  /** Each evaluated query's values. */
  perQuery: Map<string, MetricValues>;
}

function metricsOf(ranked: readonly string[], qrels: Qrels): MetricValues {
  return {
    ndcgAt10: ndcgAtK(ranked, qrels, 10),
    mrrAt10: mrrAtK(ranked, qrels, 10),
    recallAt10: recallAtK(ranked, qrels, 10),
    recallAt100: recallAtK(ranked, qrels, 100),
  };
}

/**
 * Scores a run (query id -> ranked document ids) against qrels (query id -> judgments).
 * The query set is the qrels': a judged query missing from the run scores 0 (an empty
 * ranking), and run entries for queries without qrels are ignored, so two systems are
 * always averaged over the same queries.
 */
export function evaluateRun(run: Map<string, readonly string[]>, qrels: Map<string, Qrels>): RunEvaluation {
  const perQuery = new Map<string, MetricValues>();
  for (const [queryId, judged] of qrels) {
    if (![...judged.values()].some((g) => g > 0)) continue;
    perQuery.set(queryId, metricsOf(run.get(queryId) ?? [], judged));
  }
  const mean: MetricValues = { ndcgAt10: 0, mrrAt10: 0, recallAt10: 0, recallAt100: 0 };
  const keys = Object.keys(mean) as (keyof MetricValues)[];
  for (const values of perQuery.values()) for (const key of keys) mean[key] += values[key];
  if (perQuery.size > 0) for (const key of keys) mean[key] /= perQuery.size;
  return { queries: perQuery.size, mean, perQuery };
}
