// The final for-you score: the model's score made comparable across users, plus recency, plus what the user follows.
//
//   final = z(model) + R · 2^(−age / H) + F_author · [by a followed author] + F_category · [in a followed category]
//
// z standardises the model's scores over the request's candidates (mean 0,
// standard deviation 1), so R and the follow bonuses mean the same for a
// logistic model, a centroid, or a user with three likes or three hundred:
// R = 0.75 lets a paper from today pass one from a week ago that the model
// likes up to 0.75 standard deviations more. Age is measured from when the
// paper entered the feed. A follow is the reader saying what they want, so
// it outweighs most of what the model infers: the top of a model's scores
// sits 2-4 standard deviations up, so a followed author's paper (+3.5)
// joins the top even when nothing else recommends it. A followed category
// (+2.5) counts less: it holds hundreds of papers a week where an author
// has a few, and the model orders them among themselves.
import type { StoredPaper } from "../domain/paper.js";

export interface BlendParams {
  /** R: weight of recency, in standard deviations of the model's scores. */
  recencyWeight: number;
  /** H: hours after which recency counts half. */
  recencyHalfLifeHours: number;
  followedAuthor: number;
  followedCategory: number;
}

export const DEFAULT_BLEND: BlendParams = { recencyWeight: 0.75, recencyHalfLifeHours: 72, followedAuthor: 3.5, followedCategory: 2.5 };

/** Mean 0, standard deviation 1; all zeros when the scores do not vary (no model, or one candidate). */
export function standardise(scores: readonly number[]): number[] {
  const n = scores.length;
  if (n === 0) return [];
  const mean = scores.reduce((s, v) => s + v, 0) / n;
  const sd = Math.sqrt(scores.reduce((s, v) => s + (v - mean) ** 2, 0) / n);
  return sd > 1e-12 ? scores.map((v) => (v - mean) / sd) : scores.map(() => 0);
}

/** 2^(−age/H), 1 for a paper entering now (or in the future), towards 0 for old papers; 0 when the time is unknown. */
export function recency(enteredAt: string | null, now: Date, halfLifeHours: number): number {
  const t = enteredAt ? Date.parse(enteredAt) : NaN;
  if (!Number.isFinite(t)) return 0;
  const ageHours = Math.max(0, (now.getTime() - t) / 3_600_000);
  return Math.pow(2, -ageHours / halfLifeHours);
}

export interface Follows {
  /** Lower-cased. */
  categories: Set<string>;
  /** Lower-cased. */
  authors: Set<string>;
}

/** The first followed author and category of a paper, as the paper spells them. */
export function followedIn(p: Pick<StoredPaper, "authors" | "categories">, f: Follows): { author: string | null; category: string | null } {
  const author = p.authors.find((a) => f.authors.has(a.name.toLowerCase()))?.name ?? null;
  const category = p.categories.find((c) => f.categories.has(c.toLowerCase())) ?? null;
  return { author, category };
}

export function blendScore(z: number, rec: number, follow: { author: string | null; category: string | null }, p: BlendParams): number {
  return z + p.recencyWeight * rec + (follow.author ? p.followedAuthor : 0) + (follow.category ? p.followedCategory : 0);
}
