// The search service used by the web pages, the API and the CLI: parse the query, search the index, load the papers.
import { NotFoundError, ValidationError } from "../domain/errors.js";
import type { Paper, StoredPaper } from "../domain/paper.js";
import type { LexicalFilters } from "../storage/lexical-index.js";
import type { Store } from "../storage/store.js";
import { characteristicTerms } from "./more-like-this.js";
import { toFts5Match } from "./query/fts5-match.js";
import { parseQuery, type ParsedQuery } from "./query/parse-query.js";
import { toTsqueryText } from "./query/tsquery.js";

export const SEARCH_MODES = ["hybrid", "lexical", "semantic"] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];
export const SEARCH_SORTS = ["relevance", "date", "upvotes"] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchOptions {
  limit?: number;
  mode?: SearchMode;
  sort?: SearchSort;
  /** Filters from a form, added to those written in the query. */
  filters?: LexicalFilters;
  /**
   * Match the last word as a prefix when the text does not end in a space (a
   * search box while typing). Default true; whole queries (evaluation, API
   * clients sending finished questions) may turn it off.
   */
  prefix?: boolean;
}

export interface SearchResult {
  paper: StoredPaper;
  score: number;
  /** Title and abstract excerpt with matches between MARK_START and MARK_END (see highlight.ts). */
  titleHighlight: string | null;
  snippet: string | null;
}

export interface SearchResponse {
  query: ParsedQuery;
  mode: SearchMode;
  results: SearchResult[];
  /** Things the user should know: ignored filters, a mode that is not available, a paper not in the hub. */
  warnings: string[];
}

export const MAX_LIMIT = 200;

export class SearchService {
  constructor(private readonly store: Store) {}

  async search(text: string, opts: SearchOptions = {}): Promise<SearchResponse> {
    const limit = opts.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new ValidationError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    const requested = opts.mode ?? "hybrid";
    const query = parseQuery(opts.prefix === false ? `${text} ` : text);
    const warnings = [...query.warnings];
    if (requested === "semantic") {
      throw new ValidationError("semantic search needs an embedding index, which this hub has not built yet; use mode=lexical");
    }
    if (requested === "hybrid") warnings.push("semantic index not built yet: showing lexical results only");

    if (query.arxivId) {
      const paper = await this.store.getPaper(query.arxivId);
      if (!paper) warnings.push(`arXiv paper ${query.arxivId} is not in this hub yet (paperboard sync arxiv --id ${query.arxivId})`);
      return { query, mode: "lexical", results: paper ? [{ paper, score: 1, titleHighlight: null, snippet: null }] : [], warnings };
    }

    const filters: LexicalFilters = {
      after: dayStart(opts.filters?.after ?? query.after),
      before: dayEnd(opts.filters?.before ?? query.before),
      categories: [...query.categories, ...(opts.filters?.categories ?? [])],
      authors: opts.filters?.authors ?? [],
      organizations: opts.filters?.organizations ?? [],
      hasCode: opts.filters?.hasCode ?? false,
    };
    const syntax = this.store.capabilities.lexicalSyntax;
    // author: is matched inside the expression: the FTS5 authors column, or the tsvector's weight C (migration 0003).
    const match = syntax === "fts5" ? toFts5Match(query) : toTsqueryText(query, { authorWeight: "C" });
    if (match === null && !hasFilters(filters)) return { query, mode: "lexical", results: [], warnings };

    const hits = await this.store.lexical.search({ match, filters, limit, order: opts.sort ?? "relevance" });
    const papers = new Map((await this.store.getPapers(hits.map((h) => h.id))).map((p) => [p.id, p]));
    const results = hits.flatMap((h) => {
      const paper = papers.get(h.id);
      return paper ? [{ paper, score: h.score, titleHighlight: h.titleHighlight, snippet: h.snippet }] : [];
    });
    return { query, mode: "lexical", results, warnings };
  }

  /** Papers like the one with this id; NotFoundError for an unknown id. */
  async similar(id: string, opts: SimilarOptions = {}): Promise<SearchResult[]> {
    const paper = await this.store.getPaper(id);
    if (!paper) throw new NotFoundError(`No paper with id ${id} in this hub.`);
    return this.similarTo(paper, opts);
  }

  /** Papers like this one, itself excluded (lexical more-like-this for now). */
  async similarTo(paper: Paper, opts: SimilarOptions = {}): Promise<SearchResult[]> {
    const limit = opts.limit ?? 10;
    const terms = characteristicTerms(paper.title, paper.abstract);
    if (terms.length === 0) return [];
    const r = await this.search(terms.join(" "), { mode: "lexical", limit: Math.min(limit + 1, MAX_LIMIT), prefix: false });
    return r.results.filter((x) => x.paper.id !== paper.id).slice(0, limit);
  }
}

export interface SimilarOptions {
  limit?: number;
}

function hasFilters(f: LexicalFilters): boolean {
  return !!(f.after || f.before || f.categories?.length || f.authors?.length || f.organizations?.length || f.hasCode);
}

function dayStart(day: string | null | undefined): string | null {
  return day ? `${day.slice(0, 10)}T00:00:00.000Z` : null;
}

function dayEnd(day: string | null | undefined): string | null {
  return day ? `${day.slice(0, 10)}T23:59:59.999Z` : null;
}
