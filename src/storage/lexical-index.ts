// The lexical search index interface: full-text matching with BM25-style ranking, per database.
export interface LexicalFilters {
  /** Inclusive ISO bounds on the publication date. */
  after?: string | null;
  before?: string | null;
  /** Category filters; an entry without a dot (`cs`) matches the whole archive (`cs.*`). */
  categories?: string[];
  /** Author name filters, each matched as a substring of one author's name, case-insensitively. */
  authors?: string[];
  /** Organisation names (the hub's organisation handle or full name), any of which may match. */
  organizations?: string[];
  /** Only papers with a code repository. */
  hasCode?: boolean;
}

/** Whether any filter is set (an empty filter set lets every paper through). */
export function hasFilters(f: LexicalFilters): boolean {
  return !!(f.after || f.before || f.categories?.length || f.authors?.length || f.organizations?.length || f.hasCode);
}

/** relevance: the engine's ranking; date: newest first; upvotes: most upvoted first. Ties fall back to relevance, then id. */
export type LexicalOrder = "relevance" | "date" | "upvotes";

export interface LexicalSearch {
  /** The match in the database's own syntax (FTS5 MATCH expression or tsquery text); null for filters only. */
  match: string | null;
  filters: LexicalFilters;
  limit: number;
  order?: LexicalOrder;
  /** Compute title highlights and snippets (default true); fusion candidates skip them and call highlight() for the page shown. */
  highlights?: boolean;
}

export interface Highlight {
  titleHighlight: string | null;
  snippet: string | null;
}

export interface LexicalHit {
  id: string;
  /** Higher is better; comparable within one query only. */
  score: number;
  /** Title and an abstract excerpt with matches between MARK_START and MARK_END. */
  titleHighlight: string | null;
  snippet: string | null;
}

export interface LexicalIndex {
  /** Adds what the store holds but the index does not yet; returns how many papers it indexed. */
  catchUp(opts?: { batchSize?: number; onProgress?: (indexed: number) => void; signal?: AbortSignal }): Promise<number>;
  /** Papers waiting to be indexed. */
  pending(): Promise<number>;
  search(s: LexicalSearch): Promise<LexicalHit[]>;
  /**
   * Of these words, those found in more than `maxShare` of the indexed papers;
   * none while fewer than `minPapers` are indexed. Optional: an engine
   * without cheap document counts leaves it out.
   */
  frequentWords?(words: string[], maxShare: number, minPapers?: number): Promise<Set<string>>;
  /** Highlights of these papers for a match expression; papers it does not match are left out. */
  highlight(match: string, ids: string[]): Promise<Map<string, Highlight>>;
}
