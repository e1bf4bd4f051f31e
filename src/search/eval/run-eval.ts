// The evaluation loop: runs every judged query through a search function and scores the run.
//
// The search function is the only seam, so any backend (FTS, vectors, hybrid,
// a remote service) can be evaluated the same way. Only queries with at least
// one relevant judgment are searched, because evaluateRun averages over exactly
// those. A failing search rejects the whole evaluation instead of scoring 0:
// a silently lower number would look like a quality regression.
import { evaluateRun, type Qrels, type RunEvaluation } from "./metrics.js";

/** Returns document ids, best first; at most `limit` of them are used. */
export type SearchFn = (query: string, limit: number) => Promise<string[]>;

export interface RunEvalOptions {
  /** Ranking depth asked of the search (default 100, enough for Recall@100). */
  limit?: number;
  /** Searches in flight at once (default 4); 1 gives a strictly sequential run. */
  concurrency?: number;
}

function positiveInteger(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  return value;
}

/**
 * Searches each query of `qrels` that has a relevant document, using its text from `queries`,
 * and returns evaluateRun's result. Throws before searching if such a query has no text.
 */
export async function runEval(
  search: SearchFn,
  queries: Map<string, string>,
  qrels: Map<string, Qrels>,
  opts: RunEvalOptions = {},
): Promise<RunEvaluation> {
  const limit = positiveInteger("limit", opts.limit ?? 100);
  const concurrency = positiveInteger("concurrency", opts.concurrency ?? 4);
  const judged = [...qrels].filter(([, grades]) => [...grades.values()].some((g) => g > 0)).map(([id]) => id);
  const missing = judged.filter((id) => !queries.has(id));
  if (missing.length > 0) {
    const shown = missing.slice(0, 5).join(", ");
    throw new Error(`${missing.length} judged queries have no text (${shown}${missing.length > 5 ? ", …" : ""})`);
  }

  const run = new Map<string, string[]>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < judged.length) {
      const id = judged[next++] as string;
      try {
        run.set(id, (await search(queries.get(id) as string, limit)).slice(0, limit));
      } catch (err) {
        next = judged.length; // the other workers stop after their current search
        throw err;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, judged.length) }, worker));
  return evaluateRun(run, qrels);
}
