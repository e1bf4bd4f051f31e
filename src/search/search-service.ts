// The search service used by the web pages, the API and the CLI: parse the query, search lexically and/or by meaning, fuse, load.
import { NotFoundError, ValidationError } from "../domain/errors.js";
import type { Paper, StoredPaper } from "../domain/paper.js";
import { trendingScore } from "../domain/trending.js";
import { CommunityRepo } from "../storage/community-repo.js";
import { hasFilters, type LexicalFilters, type LexicalHit } from "../storage/lexical-index.js";
import type { Store } from "../storage/store.js";
import { convexFusion } from "./fusion.js";
import { characteristicTerms } from "./more-like-this.js";
import { toFts5Match } from "./query/fts5-match.js";
import { parseQuery, type ParsedQuery } from "./query/parse-query.js";
import { toTsqueryText } from "./query/tsquery.js";
import { rankingTerms } from "./query/ranking-terms.js";
import { defaultMatchMode } from "./query/match-mode.js";
import { STOPWORDS } from "./stopwords.js";
import { makeSnippet } from "./snippet.js";
import { normalise } from "./embed/provider.js";
import { searchMemo, type SemanticHit, type SemanticIndex } from "./vector/semantic-index.js";
import type { PostingsIndex } from "./postings/postings-index.js";
import { PostingsSearch } from "./postings/postings-search.js";
import { highlightText, snippetText, type TextQuery } from "./postings/text-match.js";
import { queryStems } from "./postings/index-tokens.js";
import { feedbackRerank, idfFunction, MIN_RERANK_WEIGHT, paperTerms, RERANK_DEFAULTS, rerankMix, textTerms } from "./rerank.js";

export const SEARCH_MODES = ["hybrid", "lexical", "semantic"] as const;
export type SearchMode = (typeof SEARCH_MODES)[number];
export const SEARCH_SORTS = ["relevance", "date", "upvotes", "trending"] as const;
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
  /** Re-rank a hybrid ranking's top candidates (rerank.ts); default: the service's setting, itself on by default. */
  rerank?: boolean;
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
  /** The mode that produced the results (hybrid falls back to lexical when there is no vector index). */
  mode: SearchMode;
  results: SearchResult[];
  /** Things the user should know: ignored filters, a mode that is not available, a paper not in the hub. */
  warnings: string[];
}

export interface SearchServiceOptions {
  /** The vector index of the active embedding model, or null while there is none (it may change after a reindex). */
  semantic?: () => SemanticIndex | null;
  /** Weight of the lexical ranking in hybrid fusion (see fusion.ts), or a function of the moment's index. */
  lexicalWeight?: number | (() => number);
  /** Half-life of the trending sort. */
  trendingHalfLifeHours?: number;
  /** The in-memory postings index that ranks full-text searches in relevance order (postings/), when there is one. */
  postings?: () => PostingsIndex | null;
  /** Re-rank hybrid results with pseudo-relevance feedback (rerank.ts); default true. */
  rerank?: boolean;
}

/** The hub's own counts and moderation state of a paper (imported counts live in its hub facts). */
interface LocalStats {
  upvotes: number;
  comments: number;
  hidden: boolean;
}

export const MAX_LIMIT = 200;
/** Candidates each retriever contributes to a fused ranking, and to re-sorting by date, upvotes or trending. */
const CANDIDATES = 100;
/** Hybrid settings measured on the seed set (see hybrid()). */
export const HYBRID_LEXICAL_WEIGHT = 0.4;
const FEEDBACK_DOCS = 5;
const FEEDBACK_WEIGHT = 0.7;
/**
 * Share of the papers above which a word of a long query is left out of its
 * ranking (ranking-terms.ts), in hubs of FREQUENT_MIN_PAPERS or more: the
 * point is bounding the work of ranking, which only matters at scale, and in
 * a small hub a "frequent" word may be exactly what similar papers share.
 * Measured at 100k papers (bench:search): lexical p95 92 → 42 ms. Its cost
 * in quality, measured with the rule forced on the seed and SciFact sets
 * (bench:quality): hybrid nDCG@10 -0.01 paraphrase, +0.007 keyword, -0.002
 * SciFact; a share of 0.1 cost 0.02-0.06 of lexical nDCG@10.
 */
const FREQUENT_SHARE = 0.2;
const FREQUENT_MIN_PAPERS = 20_000;
/**
 * Hybrid candidates the re-ranker scores again (rerank.ts). 50 ranked as well as 100 (seed
 * paraphrase 0.634 vs 0.635, keyword 0.879 vs 0.881, SciFact train 0.704 vs 0.703) at half the
 * cost: reading and cutting 100 abstracts took 5 ms at 100k papers.
 */
const RERANK_DEPTH = 50;
/** Candidates read beyond the page, for the few that hidden papers and -exclusions drop. */
const PAGE_SLACK = 5;

export class SearchService {
  private readonly semantic: () => SemanticIndex | null;

  private readonly community: CommunityRepo;
  private readonly postings: PostingsSearch | null;

  constructor(
    private readonly store: Store,
    private readonly opts: SearchServiceOptions = {},
  ) {
    this.semantic = opts.semantic ?? (() => null);
    this.community = new CommunityRepo(store.db);
    this.postings = opts.postings ? new PostingsSearch(store, opts.postings) : null;
  }

  private lexicalWeight(): number {
    const w = this.opts.lexicalWeight;
    return typeof w === "function" ? w() : (w ?? HYBRID_LEXICAL_WEIGHT);
  }

  /** Whether semantic and hybrid search can run (a vector index with at least one paper). */
  semanticReady(): boolean {
    return (this.semantic()?.size() ?? 0) > 0;
  }

  async search(text: string, opts: SearchOptions = {}): Promise<SearchResponse> {
    const limit = opts.limit ?? 20;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new ValidationError(`limit must be an integer from 1 to ${MAX_LIMIT}`);
    const requested = opts.mode ?? "hybrid";
    const sort = opts.sort ?? "relevance";
    const query = parseQuery(opts.prefix === false ? `${text} ` : text);
    const warnings = [...query.warnings];
    const index = this.semantic();
    const ready = !!index && index.size() > 0;
    if (requested === "semantic" && !ready) {
      throw new ValidationError("semantic search needs the vector index, which is empty or still being built; try mode=lexical (or run paperboard index)");
    }

    if (query.arxivId) {
      const paper = await this.store.getPaper(query.arxivId);
      if (!paper) warnings.push(`arXiv paper ${query.arxivId} is not in this hub yet (paperboard sync arxiv --id ${query.arxivId})`);
      return { query, mode: requested, results: paper ? [{ paper, score: 1, titleHighlight: null, snippet: null }] : [], warnings };
    }

    const filters: LexicalFilters = {
      after: dayStart(opts.filters?.after ?? query.after),
      before: dayEnd(opts.filters?.before ?? query.before),
      categories: [...query.categories, ...(opts.filters?.categories ?? [])],
      authors: [...query.authors, ...(opts.filters?.authors ?? [])].filter((a, i, all) => all.indexOf(a) === i),
      organizations: [...query.organizations, ...(opts.filters?.organizations ?? [])],
      hasCode: query.hasCode || (opts.filters?.hasCode ?? false),
    };
    // The meaning of the query: its words and phrases, without the filter syntax.
    const meaning = [...query.terms, ...query.phrases.flat()].join(" ");
    let mode: SearchMode = requested;
    if (requested === "hybrid" && !ready) {
      warnings.push("the vector index is not built yet: showing lexical results only");
      mode = "lexical";
    }
    if (meaning === "" && mode !== "lexical") mode = "lexical"; // filters only: a listing, nothing to embed

    const depth = sort === "relevance" && mode === "lexical" ? limit : Math.min(MAX_LIMIT, Math.max(limit, CANDIDATES));
    const lexicalOrder = mode === "lexical" && (sort === "date" || sort === "upvotes") ? sort : "relevance";
    const lexicalDepth = mode === "lexical" && lexicalOrder !== "relevance" ? limit : depth;
    // Candidates beyond the page are ranked without highlights; the page shown is highlighted afterwards.
    const deferHighlights = lexicalDepth > limit;
    const lexical = mode === "semantic" ? { hits: [], match: null, text: null } : await this.lexical(query, filters, lexicalOrder, lexicalDepth, !deferHighlights);
    if (lexical === null) return { query, mode, results: [], warnings };
    let ranked: Array<{ id: string; score: number }>;
    if (mode === "lexical") ranked = lexical.hits;
    else if (mode === "semantic") ranked = await index!.searchText(meaning, depth, filters, this.opts.postings?.());
    else ranked = await this.hybrid(index!, meaning, lexical.hits, depth, filters);
    // Papers read so far (the re-ranker reads the candidates), so the page below does not read them again.
    const known = new Map<string, StoredPaper>();
    if (mode === "hybrid" && sort === "relevance" && (opts.rerank ?? this.opts.rerank ?? true)) ranked = await this.rerank(meaning, ranked, known);

    const highlights = new Map(lexical.hits.map((h) => [h.id, h]));
    const excluded = query.excluded.map((words) => words.join(" "));
    const reorder = sort !== "relevance" && !(mode === "lexical" && lexicalOrder === sort);
    // In relevance order only the page shown is read (a little more, for what the checks below drop);
    // another sort needs every candidate's counts.
    let results: SearchResult[] = [];
    let local = new Map<string, LocalStats>();
    for (let from = 0; from < ranked.length && (reorder || results.length < limit); ) {
      const take = reorder ? ranked.length : Math.max(limit - results.length, 0) + PAGE_SLACK;
      const slice = ranked.slice(from, from + take);
      from += slice.length;
      const ids = slice.map((h) => h.id);
      const unread = ids.filter((id) => !known.has(id));
      const [papers, stats] = await Promise.all([unread.length > 0 ? this.store.getPapers(unread) : [], this.community.localStats(ids)]);
      for (const p of papers) known.set(p.id, p);
      for (const [id, st] of stats) local.set(id, st);
      for (const h of slice) {
        const paper = known.get(h.id);
        // Moderators' hidden papers never show.
        if (!paper || stats.get(h.id)?.hidden) continue;
        const lex = highlights.get(h.id);
        // The full-text engine applied -exclusions to its own hits; apply them to the semantic ones here.
        if (!lex && excluded.length > 0 && mentionsAny(paper, excluded)) continue;
        results.push({ paper, score: h.score, titleHighlight: lex?.titleHighlight ?? null, snippet: lex?.snippet ?? null });
      }
    }
    // Sorts by community interest count this hub's own votes and comments too.
    if (reorder) results = sortResults(results, sort, local, this.opts.trendingHalfLifeHours);
    results = results.slice(0, limit).map((r) =>
      r.snippet !== null || !r.paper.abstract ? r : { ...r, snippet: makeSnippet(r.paper.abstract, [...query.terms, ...query.phrases.flat()]) },
    );
    if (lexical.text) {
      // Ranked by the postings index: the page is highlighted from the papers' own text.
      const text = lexical.text;
      results = results.map((r) =>
        highlights.has(r.paper.id) ? { ...r, titleHighlight: highlightText(text, r.paper.title), snippet: r.paper.abstract ? snippetText(text, r.paper.abstract) : r.snippet } : r,
      );
    } else if (deferHighlights && lexical.hits.length > 0 && lexical.match !== null) {
      const marked = await this.store.lexical.highlight(
        lexical.match,
        results.filter((r) => highlights.has(r.paper.id)).map((r) => r.paper.id),
      );
      results = results.map((r) => {
        const h = marked.get(r.paper.id);
        return h ? { ...r, titleHighlight: h.titleHighlight, snippet: h.snippet ?? r.snippet } : r;
      });
    }
    return { query, mode, results, warnings };
  }

  /**
   * Lexical and semantic rankings fused (fusion.ts), with one round of
   * pseudo-relevance feedback on the semantic side (Rocchio): the query vector
   * moves towards the vectors of the first fused ranking's top papers, and the
   * semantic search runs again. The papers both retrievers agree on say what
   * the query means in this hub's words. Measured on the seed set
   * (bench:quality): paraphrase nDCG@10 0.509 → 0.544, keyword 0.871 → 0.878,
   * with feedback from the top 5 at weight 0.7 and lexical weight 0.4.
   * The first round's graph search keeps the index's full candidate list: at
   * 1M papers a first round at ef 256 instead of 512 saved 1 ms a query, but
   * the page's top 20 then differed from that of a near-exact first round (ef
   * 4096) in 33 of the bench's 200 queries instead of 27 (overlap 0.919
   * against 0.944): the feedback papers it picks move the second round.
   */
  private async hybrid(index: SemanticIndex, text: string, lexical: LexicalHit[], depth: number, filters: LexicalFilters) {
    const weight = this.lexicalWeight();
    const postings = this.opts.postings?.() ?? null;
    const q = await index.embedQuery(text);
    // A selective filter's vectors are read once for both rounds, and a filter the graph walk had to
    // widen for re-scores the first round's papers (see SearchMemo).
    const memo = searchMemo();
    const first = convexFusion(lexical, await index.searchVector(q, depth, filters, undefined, postings, memo), weight);
    const feedback = await index.vectorsFor(first.slice(0, FEEDBACK_DOCS).map((h) => h.id));
    if (feedback.length === 0) return first;
    const moved = Float32Array.from(q);
    for (const v of feedback) for (let i = 0; i < moved.length; i++) moved[i]! += (FEEDBACK_WEIGHT / feedback.length) * v[i]!;
    return convexFusion(lexical, await index.searchVector(normalise(moved), depth, filters, undefined, postings, memo), weight);
  }

  /**
   * The first candidates re-scored with the words of the best of them (rerank.ts). Only the
   * candidates the re-ranker can move are read: a query whose words the first papers already
   * hold (most keyword queries) is left as it was after reading those few.
   */
  private async rerank(text: string, ranked: Array<{ id: string; score: number }>, known: Map<string, StoredPaper>) {
    const terms = textTerms(text);
    if (terms.length === 0 || ranked.length < 2) return ranked;
    const stats = this.opts.postings?.() ?? null;
    const candidatesOf = async (hits: Array<{ id: string; score: number }>) => {
      const unread = hits.map((h) => h.id).filter((id) => !known.has(id));
      if (unread.length > 0) for (const p of await this.store.getPapers(unread)) known.set(p.id, p);
      return hits.flatMap((h) => {
        const p = known.get(h.id);
        return p ? [{ id: h.id, score: h.score, terms: paperTerms(p.title, p.abstract) }] : [];
      });
    };
    const head = ranked.slice(0, RERANK_DEPTH);
    const first = await candidatesOf(head.slice(0, RERANK_DEFAULTS.coverageDocs));
    // With the hub's own counts the first few papers tell whether re-ranking would change anything.
    if (stats && stats.size() > 0 && rerankMix(terms, first, idfFunction(first, stats)) < MIN_RERANK_WEIGHT) return ranked;
    const reranked = feedbackRerank(terms, [...first, ...(await candidatesOf(head.slice(RERANK_DEFAULTS.coverageDocs)))], stats);
    // Beyond the re-ranked candidates the order stays, scored no higher than the last of them.
    const floor = reranked.length > 0 ? reranked[reranked.length - 1]!.score : 0;
    return [...reranked, ...ranked.slice(RERANK_DEPTH).map((h) => ({ id: h.id, score: Math.min(h.score, floor) }))];
  }

  /** Lexical hits and the match expression, or null when the query has neither words nor filters. */
  private async lexical(
    query: ParsedQuery,
    filters: LexicalFilters,
    order: "relevance" | "date" | "upvotes",
    limit: number,
    highlights: boolean,
  ): Promise<{ hits: LexicalHit[]; match: string | null; text: TextQuery | null } | null> {
    const syntax = this.store.capabilities.lexicalSyntax;
    // author: is matched inside the expression: the FTS5 authors column, or the tsvector's weight C (migration 0003).
    const ranking = rankingTerms(query, await this.frequentWords(query));
    const match =
      syntax === "fts5"
        ? toFts5Match(ranking.query, { mode: ranking.mode })
        : toTsqueryText(ranking.query, { authorWeight: "C", mode: ranking.mode });
    const f = { ...filters, authors: filters.authors?.filter((a) => !query.authors.includes(a)) ?? [] };
    if (match === null && !hasFilters(f) && query.authors.length === 0) return null;
    if (this.postings && match !== null && order === "relevance") {
      const answer = await this.postings.search(ranking, f, limit);
      if (answer) return { hits: answer.hits, match, text: answer.text };
    }
    return { hits: await this.store.lexical.search({ match, filters: f, limit, order, highlights }), match, text: null };
  }

  /**
   * Words of a long query found in more than FREQUENT_SHARE of the papers
   * (see ranking-terms.ts): from the postings index when there is one (its
   * counts are at hand), else from the full-text engine.
   */
  private async frequentWords(query: ParsedQuery): Promise<Set<string>> {
    const lexical = this.store.lexical;
    if (defaultMatchMode(query) !== "any") return new Set();
    const words = query.terms.filter((t) => !STOPWORDS.has(t));
    const postings = this.opts.postings?.();
    if (postings && postings.size() > 0) {
      const n = postings.size();
      if (n < FREQUENT_MIN_PAPERS) return new Set();
      // A word FTS5 cuts in several tokens is frequent when each of them is.
      return new Set(words.filter((w) => {
        const stems = queryStems(w);
        return stems.length > 0 && stems.every((s) => postings.documentFrequency(s) > FREQUENT_SHARE * n);
      }));
    }
    if (!lexical.frequentWords) return new Set();
    return lexical.frequentWords(words, FREQUENT_SHARE, FREQUENT_MIN_PAPERS);
  }

  /** Papers like the one with this id; NotFoundError for an unknown id. */
  async similar(id: string, opts: SimilarOptions = {}): Promise<SearchResult[]> {
    const paper = await this.store.getPaper(id);
    if (!paper) throw new NotFoundError(`No paper with id ${id} in this hub.`);
    return this.similarTo(paper, opts);
  }

  /**
   * Papers like this one, itself excluded: its vector neighbours fused with a
   * lexical more-like-this query of its characteristic words (either alone
   * when the other has nothing).
   */
  async similarTo(paper: Paper, opts: SimilarOptions = {}): Promise<SearchResult[]> {
    const limit = opts.limit ?? 10;
    const terms = characteristicTerms(paper.title, paper.abstract);
    const lexical =
      terms.length === 0 ? [] : (await this.search(terms.join(" "), { mode: "lexical", limit: Math.min(CANDIDATES + 1, MAX_LIMIT), prefix: false })).results;
    const index = this.semantic();
    const neighbours: SemanticHit[] = index && index.size() > 0 ? await index.neighbours(paper.id, CANDIDATES) : [];
    const lex = lexical.filter((x) => x.paper.id !== paper.id);
    const fused = convexFusion(
      lex.map((x) => ({ id: x.paper.id, score: x.score })),
      neighbours,
      this.lexicalWeight(),
    ).slice(0, limit);
    const byId = new Map(lex.map((x) => [x.paper.id, x]));
    const missing = fused.filter((h) => !byId.has(h.id)).map((h) => h.id);
    const loaded = new Map((await this.store.getPapers(missing)).map((p) => [p.id, p]));
    return fused.flatMap((h) => {
      const hit = byId.get(h.id);
      if (hit) return [{ ...hit, score: h.score }];
      const p = loaded.get(h.id);
      return p ? [{ paper: p, score: h.score, titleHighlight: null, snippet: null }] : [];
    });
  }
}

export interface SimilarOptions {
  limit?: number;
}

function sortResults(results: SearchResult[], sort: SearchSort, local: Map<string, LocalStats>, halfLifeHours?: number): SearchResult[] {
  const key = (r: SearchResult): number => {
    const own = local.get(r.paper.id) ?? { upvotes: 0, comments: 0 };
    if (sort === "date") return r.paper.publishedAt ? Date.parse(r.paper.publishedAt) : -Infinity;
    if (sort === "upvotes") return (r.paper.hub?.upvotes ?? 0) + own.upvotes;
    return trendingScore(r.paper, halfLifeHours === undefined ? {} : { halfLifeHours }, own);
  };
  // A stable sort: equal keys keep their relevance order.
  return results
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => b.k - a.k || a.i - b.i)
    .map((x) => x.r);
}

function mentionsAny(p: Paper, phrases: string[]): boolean {
  const text = ` ${`${p.title} ${p.abstract}`.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ")} `;
  return phrases.some((ph) => text.includes(` ${ph} `));
}


function dayStart(day: string | null | undefined): string | null {
  return day ? `${day.slice(0, 10)}T00:00:00.000Z` : null;
}

function dayEnd(day: string | null | undefined): string | null {
  return day ? `${day.slice(0, 10)}T23:59:59.999Z` : null;
}
