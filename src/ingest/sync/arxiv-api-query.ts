// Fetching papers through the arXiv API (Atom): paging a search query, or looking up ids in chunks.
import { ValidationError } from "../../domain/errors.js";
import type { AtomPageMeta, ImportSummary } from "../../domain/ingest-types.js";
import { parseArxivAtom } from "../formats/arxiv-atom.js";
import { addSummary, emptySummary } from "../import-summary.js";
import { tally, type Tally } from "./tally.js";
import type { SyncDeps } from "./sync-deps.js";

export interface ArxivQueryOptions {
  /** arXiv `search_query` syntax, e.g. `cat:cs.LG AND ti:diffusion`; newest submissions first. */
  query?: string;
  /** arXiv ids to look up (instead of a query). */
  ids?: string[];
  /** Entries per request (default 100; the API allows at most 2000, and answers big pages slowly). */
  pageSize?: number;
  /** Stop after this many entries. */
  max?: number;
}

export interface ArxivQueryResult {
  summary: ImportSummary;
  pages: number;
  /** Entries received (valid or not). */
  entries: number;
  /** opensearch:totalResults of the last query page, when given. */
  totalResults: number | null;
}

const DEFAULT_PAGE_SIZE = 100;
const MAX_PAGE_SIZE = 2000;

/**
 * Pages with start/max_results until totalResults, `max`, or an empty page
 * (the API occasionally returns an empty page early; stopping there is the
 * safe choice: a re-run picks up the rest, and upserts make repeats harmless).
 */
export async function queryArxivApi(deps: SyncDeps, opts: ArxivQueryOptions): Promise<ArxivQueryResult> {
  const pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
    throw new ValidationError(`pageSize must be an integer from 1 to ${MAX_PAGE_SIZE}`);
  }
  if (opts.max !== undefined && (!Number.isInteger(opts.max) || opts.max < 0)) {
    throw new ValidationError("max must be a non-negative integer");
  }
  const hasIds = opts.ids !== undefined && opts.ids.length > 0;
  if (hasIds === (opts.query !== undefined && opts.query.trim() !== "")) {
    throw new ValidationError("give either a search query or a list of ids");
  }
  const result: ArxivQueryResult = { summary: emptySummary(), pages: 0, entries: 0, totalResults: null };
  const max = opts.max ?? Infinity;
  return hasIds
    ? fetchIds(deps, dedupe(opts.ids ?? []).slice(0, max), pageSize, result)
    : fetchQuery(deps, opts.query ?? "", pageSize, max, result);
}

async function fetchQuery(deps: SyncDeps, query: string, pageSize: number, max: number, out: ArxivQueryResult) {
  while (out.entries < max) {
    const size = Math.min(pageSize, max - out.entries);
    const url = apiUrl(deps.urls.arxivApi, {
      search_query: query,
      start: String(out.entries),
      max_results: String(size),
      sortBy: "submittedDate",
      sortOrder: "descending",
    });
    const { seen, meta } = await fetchPage(deps, url, out);
    if (meta.totalResults !== undefined) out.totalResults = meta.totalResults;
    if (seen === 0) break;
    if (out.totalResults !== null && out.entries >= out.totalResults) break;
  }
  return out;
}

async function fetchIds(deps: SyncDeps, ids: string[], chunkSize: number, out: ArxivQueryResult) {
  for (let i = 0; i < ids.length; i += chunkSize) {
    const chunk = ids.slice(i, i + chunkSize);
    // max_results defaults to 10 on the API, so it must be sent with id_list.
    const url = apiUrl(deps.urls.arxivApi, { id_list: chunk.join(","), start: "0", max_results: String(chunk.length) });
    await fetchPage(deps, url, out);
  }
  return out;
}

async function fetchPage(deps: SyncDeps, url: string, out: ArxivQueryResult) {
  let meta: AtomPageMeta = {};
  const seen: Tally = { entries: 0, ids: [] };
  const summary = await deps.http.consume(
    url,
    async (res) => {
      meta = {};
      seen.entries = 0;
      seen.ids.length = 0;
      const results = parseArxivAtom(res.body, { file: url, onMeta: (m) => (meta = m) });
      return deps.sink.importResults(tally(results, seen), { signal: deps.signal });
    },
    { signal: deps.signal },
  );
  out.pages += 1;
  out.entries += seen.entries;
  addSummary(out.summary, summary);
  deps.log?.info({ url, entries: seen.entries, total: meta.totalResults }, "arXiv API page imported");
  return { seen: seen.entries, meta };
}

function apiUrl(base: string, params: Record<string, string>): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) u.searchParams.set(k, v);
  return u.toString();
}

function dedupe(ids: string[]): string[] {
  return [...new Set(ids.map((s) => s.trim()).filter(Boolean))];
}
