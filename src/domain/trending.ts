// The trending score: community interest (upvotes, comments, code stars) decayed by age with a half-life, and the stable trending order.
import type { StoredPaper } from "./paper.js";

/** 48 hours: yesterday's papers still trend, last week's fade (a week-old paper keeps 1/11 of its interest). */
export const DEFAULT_HALF_LIFE_HOURS = 48;
/** Papers with no known date are treated as a year old: they never outrank a dated paper with the same interest. */
const UNDATED_AGE_HOURS = 24 * 365;

export interface TrendingOptions {
  /** Hours after which a paper's interest counts half (default 48). */
  halfLifeHours?: number;
  now?: Date;
}

/** What the score is computed from; counts are the ones a page shows (imported plus local). */
export interface TrendingSignals {
  upvotes: number;
  comments: number;
  /** GitHub stars of the code repository, when known. */
  stars: number | null;
  /** ISO instant the paper entered the feed (see enteredAt), or null when unknown. */
  since: string | null;
}

/**
 * score = (upvotes + 2·comments + √stars) · 2^(−age / halfLife)
 *
 * with age in hours since the paper entered the feed (its submission, else
 * the start of its feed day, else its publication), never negative. A comment
 * costs more effort than an upvote, so it counts double; GitHub stars grow
 * for months and by orders of magnitude, so their square root is taken. A
 * paper without any community signal scores 0. Halving per half-life (rather
 * than dividing by a power of age, as news sites do) keeps the ratio between
 * two papers fixed as time passes, so the order only changes when votes do.
 */
export function trendingScoreOf(s: TrendingSignals, opts: TrendingOptions = {}): number {
  const half = opts.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
  const now = (opts.now ?? new Date()).getTime();
  const interest = Math.max(0, s.upvotes) + 2 * Math.max(0, s.comments) + Math.sqrt(Math.max(0, s.stars ?? 0));
  if (interest <= 0) return 0;
  const t = s.since ? Date.parse(s.since) : NaN;
  const ageHours = Number.isFinite(t) ? Math.max(0, (now - t) / 3_600_000) : UNDATED_AGE_HOURS;
  return interest * Math.pow(2, -ageHours / half);
}

/** When a paper entered the feed: its submission, else the start of its feed day (UTC), else its publication. */
export function enteredAt(p: Pick<StoredPaper, "hub" | "publishedAt">): string | null {
  const hub = p.hub;
  return hub?.submittedAt ?? (hub?.feedDay ? `${hub.feedDay}T00:00:00Z` : null) ?? p.publishedAt;
}

/**
 * The score of a paper from its hub facts: the imported counts plus `local`,
 * the hub's own votes and comments (the search service's trending sort).
 */
export function trendingScore(
  p: Pick<StoredPaper, "hub" | "publishedAt">,
  opts: TrendingOptions = {},
  local: { upvotes: number; comments: number } = { upvotes: 0, comments: 0 },
): number {
  const hub = p.hub;
  return trendingScoreOf(
    { upvotes: (hub?.upvotes ?? 0) + local.upvotes, comments: (hub?.numComments ?? 0) + local.comments, stars: hub?.githubStars ?? null, since: enteredAt(p) },
    opts,
  );
}

export interface TrendingCandidate extends TrendingSignals {
  id: string;
}

/**
 * Candidates best first: score descending, then more upvotes, then the one
 * that entered the feed later, then id ascending. Every key is a property of
 * the paper, never its position in the input, so the order is the same
 * however the database returned the rows, and pages never overlap or skip.
 */
export function rankTrending<T extends TrendingCandidate>(items: readonly T[], opts: TrendingOptions = {}): Array<T & { score: number }> {
  const now = opts.now ?? new Date();
  const at = (s: string | null) => {
    const t = s ? Date.parse(s) : NaN;
    return Number.isFinite(t) ? t : -Infinity;
  };
  return items
    .map((it) => ({ ...it, score: trendingScoreOf(it, { ...opts, now }), t: at(it.since) }))
    .sort((a, b) => b.score - a.score || b.upvotes - a.upvotes || (b.t === a.t ? 0 : b.t > a.t ? 1 : -1) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map(({ t: _t, ...rest }) => rest as unknown as T & { score: number });
}
