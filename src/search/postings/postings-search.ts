// Full-text search through the postings index: rank by its bm25, check what words alone cannot say on the candidates' text.
//
// Answers relevance-ordered searches (see planQuery for what ranks exactly
// as FTS5 and what is checked on the text); returns null for the rest, and
// FTS5 answers those: a query of stop words only, a typed prefix of too many
// words, a broad filter on authors, organisations or code that the store
// must check paper by paper, or a phrase or exclusion that drops so many of
// the top candidates that checking them one by one costs more than FTS5.
import { hasFilters, type LexicalFilters, type LexicalHit } from "../../storage/lexical-index.js";
import { PostingsSource } from "../../storage/postings-source.js";
import type { Store } from "../../storage/store.js";
import type { RankingQuery } from "../query/ranking-terms.js";
import { STOP_STEMS } from "./index-tokens.js";
import { storeFilters, type PostingsHit, type PostingsIndex, type PostingsQuery } from "./postings-index.js";
import { matchesText, textQuery, type TextQuery } from "./text-match.js";
import { toFts5Match } from "../query/fts5-match.js";

/** A filter the store checks (authors, organisations, code) is used when it passes at most this many papers. */
const SQL_FILTER_CAP = 5_000;
/** Candidates checked on their text before FTS5 is asked instead. */
const MAX_CHECKED = 4_000;
/**
 * Papers FTS5 may list as passing a query's checks (see checksInFts5). At 1M
 * papers listing took 6-15 ms for phrases matching 2,000-6,000 papers, against
 * 40-600 ms checking candidates' text 4,000 deep; past this many, the checks
 * pass often enough that the text is cheaper.
 */
const LISTED_CAP = 20_000;
/** How many slices of candidates (twice the page and ten) a search that checks text ranks at once. */
const RANK_AHEAD = 4;

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
    // `allow` tests each paper's date; these bounds let the index skip whole segments outside them.
    const dates =
      filters.after || filters.before
        ? { after: filters.after ? Date.parse(filters.after) : -Infinity, before: filters.before ? Date.parse(filters.before) : Infinity }
        : null;
    const inStore = storeFilters(filters);
    let allow = inMemory;
    if (hasFilters(inStore)) {
      const seqs = await this.store.vectors.matchingSeqs(inStore, SQL_FILTER_CAP);
      if (seqs === null) return null;
      const ok = new Set(seqs);
      allow = inMemory ? (s) => ok.has(s) && inMemory(s) : (s) => ok.has(s);
    }

    let verify = plan.verify;
    const check = checkedPart(text);
    // Candidates to check on their text are ranked RANK_AHEAD slices deep at once and checked a
    // slice at a time: ranking costs about the same at any depth (it is the words' postings), so
    // looking deeper re-ranks only when the first ranking runs out.
    const firstSlice = limit * 2 + 10;
    const depthFor = (checking: boolean) => (checking ? Math.min(MAX_CHECKED, RANK_AHEAD * firstSlice) : limit);
    let depth = depthFor(verify);
    let listed = false;
    let among: number[] | null = null;
    const passed = new Map<number, boolean>();
    const named = (kept: PostingsHit[]): PostingsAnswer => ({
      // The index holds every paper's id; a paper deleted since it caught up is dropped when the page is read.
      hits: kept.slice(0, limit).flatMap((h) => {
        const id = index.idOf(h.seq);
        return id === null ? [] : [{ id, score: h.score, titleHighlight: null, snippet: null }];
      }),
      text,
    });
    for (;;) {
      const ranked = index.search({ ...plan.query, limit: depth, allow, among, dates });
      if (ranked === null) return null;
      // Nothing to check: the ranking is the answer (it holds `limit` papers, or every one there is).
      if (!verify) return named(ranked);
      const kept: PostingsHit[] = [];
      let checked = 0;
      let slice = firstSlice;
      while (checked < ranked.length) {
        const part = ranked.slice(checked, checked + slice);
        const unread = part.filter((h) => !passed.has(h.seq)).map((h) => h.seq);
        for (const p of unread.length > 0 ? await this.source.papers(unread) : []) {
          passed.set(p.seq, matchesText(check, { title: p.title, abstract: p.abstract, authors: p.authorNames }));
        }
        for (const h of part) if (passed.get(h.seq) === true) kept.push(h);
        checked += part.length;
        if (kept.length >= limit) break;
        // When the rest of this ranking is unlikely to hold enough at the pass rate seen, and
        // there are more candidates beyond it, listing the passing papers may be cheaper.
        const needed = (limit - kept.length) * (checked / Math.max(kept.length, 0.5));
        if (!listed && ranked.length === depth && needed > ranked.length - checked) break;
        slice *= 4;
      }
      // Enough, or every candidate there is: done.
      if (kept.length >= limit || ranked.length < depth) return named(kept);
      // Few candidates pass the checks: let FTS5 list the papers that pass them, when they are
      // not too many (a rare phrase of common words), and rank among those.
      if (!listed) {
        listed = true;
        const checks = checksInFts5(ranking, text);
        const seqs = checks ? await this.source.matchingSeqs(checks.match, LISTED_CAP) : null;
        if (seqs) {
          // Ranked among the listed papers only: an all-words ranking scores just them (ranking
          // every paper holding the words took 8-11 ms at 1M), others keep only them.
          among = seqs;
          if (checks!.complete) verify = false;
          depth = depthFor(verify);
          continue;
        }
      }
      if (depth >= MAX_CHECKED) return null;
      depth = Math.min(MAX_CHECKED, depth * 4);
    }
  }
}

/**
 * An FTS5 expression that the papers passing a query's checks match, and
 * whether it is all of them (then nothing is left to check on the text). An
 * all-words query is its whole expression; an any-word query, its phrases and
 * author: names (with its exclusions); null when there is nothing to list
 * (only exclusions or optional multi-token words), or a word is being typed
 * (a short prefix can stand for thousands of words).
 */
function checksInFts5(ranking: RankingQuery, text: TextQuery): { match: string; complete: boolean } | null {
  const q = ranking.query;
  if (q.prefixLast) return null;
  if (ranking.mode === "all") {
    const match = toFts5Match(q, { mode: "all" });
    return match ? { match, complete: true } : null;
  }
  if (q.phrases.length === 0 && q.authors.length === 0) return null;
  const match = toFts5Match({ ...q, terms: [] }, { mode: "any" });
  const plainWords = text.words.every((w) => w.length === 1 && !STOP_STEMS.has(w[0]!));
  return match ? { match, complete: plainWords } : null;
}

/**
 * The part of a query that candidates' text must be checked for. An
 * all-words query's candidates hold every indexed stem of its words (the
 * index requires them), so a word or phrase of one such stem needs no check;
 * phrases and words of several stems (their order), stop words the user
 * requires, a word being typed of several stems, author: names and exclusions
 * do. Fewer stems to look for also means fewer of the text's tokens stemmed.
 * An any-word query is checked whole: a candidate may hold one stem of a
 * word without the word.
 */
export function checkedPart(q: TextQuery): TextQuery {
  if (q.mode !== "all") return q;
  const needed = (group: string[]) => group.length > 1 || group.some((s) => STOP_STEMS.has(s));
  const last = q.words.length - 1;
  const words = q.words.filter(needed);
  return {
    ...q,
    words,
    // The word being typed is last: still last when kept.
    prefixLast: q.prefixLast && last >= 0 && needed(q.words[last]!),
    phrases: q.phrases.filter(needed),
  };
}

/**
 * The words the index ranks by, and whether candidates must be checked on
 * their text (the index knows which words a paper holds, not where), or null
 * when the index cannot find every match.
 *
 * Words rank exactly as FTS5 ranks them. A phrase (quoted, or a word such as
 * "pre-training" that FTS5 cuts in two), an author: name and a stop word the
 * user requires are checked on the text; a phrase ranks by the sum of its
 * words, where FTS5 gives it its own frequency and idf, and a stop word adds
 * nothing (FTS5 adds next to nothing: a stop word is in most papers). Asking
 * FTS5 to score a phrase costs as much as the whole query did.
 */
export function planQuery(q: TextQuery): { query: Omit<PostingsQuery, "limit" | "allow">; verify: boolean } | null {
  const required: string[] = [];
  const optional: string[] = [];
  let verify = q.excluded.length > 0;
  const indexed = (stems: string[]) => stems.filter((s) => !STOP_STEMS.has(s));
  const last = q.words.length - 1;
  let prefix: PostingsQuery["prefix"] = null;
  for (let i = 0; i < q.words.length; i++) {
    let stems = q.words[i]!;
    if (q.prefixLast && i === last) {
      const text = stems[stems.length - 1]!;
      // A word being typed that could be a stop word is FTS5's: the index has no postings for one.
      for (const s of STOP_STEMS) if (s.startsWith(text)) return null;
      prefix = { text, required: q.mode === "all" };
      stems = stems.slice(0, -1);
      if (stems.length > 0) verify = true;
    }
    const kept = indexed(stems);
    if (kept.length !== stems.length || stems.length > 1) verify = true;
    // In "any" mode a word of stop words alone could match papers the index cannot see.
    if (q.mode === "any" && kept.length === 0 && !(prefix && i === last)) return null;
    (q.mode === "all" ? required : optional).push(...kept);
  }
  for (const group of [...q.phrases, ...q.authors]) {
    const kept = indexed(group);
    if (kept.length === 0) return null;
    if (kept.length !== group.length || group.length > 1) verify = true;
    required.push(...kept);
  }
  if (q.authors.length > 0) verify = true; // author: searches one column
  if (required.length === 0 && optional.length === 0 && !prefix) return null;
  return { query: { required, optional, prefix }, verify };
}
