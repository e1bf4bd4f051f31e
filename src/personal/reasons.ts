// Why a paper is on someone's for-you list, in one line a card or a mail can show.
//
// The most specific true statement wins: a followed author, then a followed
// category, then the liked paper it is most like (when it is alike enough to
// say so), then the community's interest, else that it is new.
import { dot, type Feature } from "./features.js";

export interface LikedPaper {
  title: string;
  via: "upvoted" | "saved";
  feature: Feature;
}

export interface ReasonInput {
  author: string | null;
  category: string | null;
  feature: Feature;
  upvotes: number;
}

/**
 * Below this similarity (the feature dot product: cosine when one block is
 * used) "similar to" would be a stretch; 0.3 is about where two papers of
 * the feed share a topic rather than only the field's vocabulary.
 */
export const SIMILAR_ENOUGH = 0.3;
const TITLE_MAX = 80;

export function shortTitle(title: string): string {
  const t = title.replace(/\s+/g, " ").trim();
  return t.length > TITLE_MAX ? `${t.slice(0, TITLE_MAX - 1).trimEnd()}…` : t;
}

/** The liked paper nearest to this feature, and how near. */
export function nearestLike(x: Feature, liked: readonly LikedPaper[]): { like: LikedPaper; similarity: number } | null {
  let best: { like: LikedPaper; similarity: number } | null = null;
  for (const like of liked) {
    const similarity = dot(x, like.feature);
    if (!best || similarity > best.similarity) best = { like, similarity };
  }
  return best;
}

export function reasonFor(r: ReasonInput, liked: readonly LikedPaper[]): string {
  if (r.author) return `by ${r.author}, whom you follow`;
  if (r.category) return `in ${r.category}, which you follow`;
  const near = nearestLike(r.feature, liked);
  if (near && near.similarity >= SIMILAR_ENOUGH) return `similar to “${shortTitle(near.like.title)}”, which you ${near.like.via}`;
  if (r.upvotes > 0) return `trending: ${r.upvotes} ${r.upvotes === 1 ? "upvote" : "upvotes"}`;
  return "new on the feed";
}
