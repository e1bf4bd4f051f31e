// Full-text search through the postings index: rank by its bm25, check what words alone cannot say on the candidates' text.
//
// Answers the relevance-ordered searches of words it can rank exactly as
// FTS5 would (planQuery); returns null for the rest, and FTS5 answers those:
// phrases, author:, required stop words, a typed prefix of too many words, a
// broad filter on authors, organisations or code that the store must check
// paper by paper, or exclusions that drop so many of the top candidates that
// checking them one by one would cost more than asking FTS5.
import { hasFilters, type LexicalFilters, type LexicalHit } from "../../storage/lexical-index.js";
import { PostingsSource } from "../../storage/postings-source.js";
import type { Store } from "../../storage/store.js";
import type { RankingQuery } from "../query/ranking-terms.js";
import { STOP_STEMS } from "./index-tokens.js";
import type { PostingsIndex, PostingsQuery } from "./postings-index.js";
import { matchesText, textQuery, type TextQuery } from "./text-match.js";

/** A filter the store checks (authors, organisations, code) is used when it passes at most this many papers. */
const SQL_FILTER_CAP = 5_000;
/** Candidates checked on their text before FTS5 is asked instead. */
const MAX_CHECKED = 4_000;

export interface PostingsAnswer {
  hits: LexicalHit[];
  /** The query as checked, for highlighting the page shown (text-match.ts). */
  text: TextQuery;
}

export class PostingsSearch {
  private readonly source: PostingsSource;

  constructor(
    private readonly store: Store,
    private readonly index: () => PostingsIndex | null,
  ) {
    this.source = new PostingsSource(store.db);
  }

  async search(ranking: RankingQuery, filters: LexicalFilters, limit: number): Promise<PostingsAnswer | null> {
    const index = this.index();
    if (!index || index.size() === 0) return null;
    const text = textQuery(ranking.query, ranking.mode);
    const plan = planQuery(text);
    if (!plan) return null;

    const inMemory = index.filter(filters);
    const inStore: LexicalFilters = { authors: filters.authors ?? [], organizations: filters.organizations ?? [], hasCode: filters.hasCode ?? false };
    let allow = inMemory;
    if (hasFilters(inStore)) {
      const seqs = await this.store.vectors.matchingSeqs(inStore, SQL_FILTER_CAP);
      if (seqs === null) return null;
      const ok = new Set(seqs);
      allow = inMemory ? (s) => ok.has(s) && inMemory(s) : (s) => ok.has(s);
    }

    let depth = plan.verify ? limit * 2 + 10 : limit;
    for (;;) {
      const ranked = index.search({ ...plan.query, limit: depth, allow });
      if (ranked === null) return null;
      let kept = ranked;
      if (plan.verify) {
        const papers = new Map((await this.source.papers(ranked.map((h) => h.seq))).map((p) => [p.seq, p]));
        kept = ranked.filter((h) => {
          const p = papers.get(h.seq);
          return !!p && matchesText(text, { title: p.title, abstract: p.abstract, authors: p.authorNames });
        });
      }
      // Enough, or every candidate there is: done. Else look deeper, up to a bound.
      if (kept.length >= limit || ranked.length < depth) {
        const top = kept.slice(0, limit);
        const ids = await this.store.vectors.idsForSeqs(top.map((h) => h.seq));
        const hits = top.flatMap((h) => {
          const id = ids.get(h.seq);
          return id === undefined ? [] : [{ id, score: h.score, titleHighlight: null, snippet: null }];
        });
        return { hits, text };
      }
      if (depth >= MAX_CHECKED) return null;
      depth = Math.min(MAX_CHECKED, depth * 4);
    }
  }
}

/**
 * The words the index ranks by, and whether candidates must be checked on
 * their text, or null when only FTS5 can rank the query as FTS5 does. FTS5
 * scores a phrase as one unit (its own frequency and idf) and `author:` on
 * one column, which word postings cannot reproduce; a stop word the user
 * requires counts in its score too. Exclusions never change a score: they
 * are checked on the candidates' text.
 */
export function planQuery(q: TextQuery): { query: Omit<PostingsQuery, "limit" | "allow">; verify: boolean } | null {
  if (q.authors.length > 0) return null;
  const groups = [...q.words, ...q.phrases];
  if (groups.some((g) => g.length !== 1)) return null;
  const last = q.words.length - 1;
  const stems = (list: string[][], skipLast: boolean) => list.filter((_, i) => !(skipLast && i === last)).map((g) => g[0]!);
  const words = stems(q.words, q.prefixLast);
  const phrases = stems(q.phrases, false);
  let prefix: PostingsQuery["prefix"] = null;
  if (q.prefixLast) {
    const text = q.words[last]![0]!;
    // A word being typed that could be a stop word: FTS5's.
    for (const s of STOP_STEMS) if (s.startsWith(text)) return null;
    prefix = { text, required: q.mode === "all" };
  }
  const required = q.mode === "all" ? [...words, ...phrases] : phrases;
  const optional = q.mode === "all" ? [] : words;
  // Stop words have no postings; "any" mode left them out of the ranking already (ranking-terms.ts).
  if (required.some((s) => STOP_STEMS.has(s)) || optional.some((s) => STOP_STEMS.has(s))) return null;
  if (required.length === 0 && optional.length === 0 && !prefix) return null;
  return { query: { required, optional, prefix }, verify: q.excluded.length > 0 };
}
