// Fetching one paper by arXiv id through the arXiv API, for "index this paper" and submissions.
import { parseArxivId } from "../domain/arxiv-id.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import type { StoredPaper } from "../domain/paper.js";
import type { Store } from "../storage/store.js";
import { queryArxivApi } from "./sync/arxiv-api-query.js";
import type { SyncDeps } from "./sync/sync-deps.js";

export interface FetchedPaper {
  paper: StoredPaper;
  /** False when the store already held it and nothing was fetched. */
  fetched: boolean;
}

/**
 * Returns the paper with this arXiv id (any spelling: bare, versioned, abs or
 * pdf URL), fetching and storing it first when the store does not hold it.
 * Throws ValidationError for input that is no arXiv id and NotFoundError when
 * arXiv does not know the id; network failures propagate from the client.
 */
export async function fetchArxivPaper(store: Store, deps: SyncDeps, input: string, opts: { refresh?: boolean } = {}): Promise<FetchedPaper> {
  const parsed = parseArxivId(input);
  if (!parsed) throw new ValidationError(`"${input.slice(0, 100)}" is not an arXiv id or arXiv URL (expected e.g. 2407.21783 or https://arxiv.org/abs/2407.21783).`);
  if (!opts.refresh) {
    const existing = await store.getPaper(parsed.id);
    if (existing) return { paper: existing, fetched: false };
  }
  const result = await queryArxivApi(deps, { ids: [parsed.id], pageSize: 1, max: 1 });
  const paper = await store.getPaper(parsed.id);
  if (!paper) {
    const why = result.summary.rejected > 0 ? " (arXiv's answer could not be read)" : "";
    throw new NotFoundError(`arXiv has no paper ${parsed.id}${why}.`);
  }
  return { paper, fetched: true };
}
