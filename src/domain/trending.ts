// The trending score: community interest (upvotes, comments, code stars) decayed by age with a half-life.
import type { StoredPaper } from "./paper.js";

export interface TrendingOptions {
  /** Hours after which a paper's interest counts half (default 48: yesterday's papers still trend, last week's fade). */
  halfLifeHours?: number;
  now?: Date;
}

/**
 * score = (upvotes + 2·comments + √stars) · 2^(−age / halfLife), age in hours
 * since the paper entered the feed (else since publication), never negative.
 * A comment costs more effort than an upvote, so it counts double; GitHub
 * stars grow for months and by orders of magnitude, so their square root is
 * taken. A paper without any community signal scores 0.
 */
export function trendingScore(p: Pick<StoredPaper, "hub" | "publishedAt">, opts: TrendingOptions = {}): number {
  const half = opts.halfLifeHours ?? 48;
  const now = (opts.now ?? new Date()).getTime();
  const hub = p.hub;
  const interest = (hub?.upvotes ?? 0) + 2 * (hub?.numComments ?? 0) + Math.sqrt(Math.max(0, hub?.githubStars ?? 0));
  if (interest <= 0) return 0;
  const since = hub?.submittedAt ?? (hub?.feedDay ? `${hub.feedDay}T00:00:00Z` : null) ?? p.publishedAt;
  const t = since ? Date.parse(since) : NaN;
  const ageHours = Number.isFinite(t) ? Math.max(0, (now - t) / 3_600_000) : 24 * 365;
  return interest * Math.pow(2, -ageHours / half);
}
