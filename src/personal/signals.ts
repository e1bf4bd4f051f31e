// What a user has told the hub about their taste: likes (upvotes and saves), "not interested" marks, and followed categories and authors.
import type { PersonalRepo } from "../storage/personal-repo.js";
import type { Follows } from "./blend.js";

/**
 * The newest likes and marks the model learns from. A reader's taste drifts,
 * and a per-request model must stay cheap: 200 likes describe any reader's
 * current interests well, and neighbours are looked up for the newest few.
 */
export const MAX_LIKES = 200;
export const MAX_MARKS = 500;

export interface Signals {
  /** Paper id → how it was liked (an upvote wins over a save when both). Newest first. */
  likes: Map<string, "upvoted" | "saved">;
  notInterested: Set<string>;
  follows: Follows & { categoryNames: string[]; authorNames: string[] };
}

export async function loadSignals(repo: PersonalRepo, userId: string): Promise<Signals> {
  const [upvoted, saved, marks, follows] = await Promise.all([
    repo.upvotedPapers(userId, MAX_LIKES),
    repo.savedPapers(userId, MAX_LIKES),
    repo.notInterested(userId, MAX_MARKS),
    repo.follows(userId),
  ]);
  const merged = [...upvoted.map((m) => ({ ...m, via: "upvoted" as const })), ...saved.map((m) => ({ ...m, via: "saved" as const }))].sort((a, b) =>
    a.at < b.at ? 1 : a.at > b.at ? -1 : a.via === b.via ? 0 : a.via === "upvoted" ? -1 : 1,
  );
  const likes = new Map<string, "upvoted" | "saved">();
  for (const m of merged) {
    if (likes.size >= MAX_LIKES) break;
    const had = likes.get(m.paperId);
    if (!had || (had === "saved" && m.via === "upvoted")) likes.set(m.paperId, m.via);
  }
  const categoryNames = follows.filter((f) => f.kind === "category").map((f) => f.value);
  const authorNames = follows.filter((f) => f.kind === "author").map((f) => f.value);
  return {
    likes,
    // A paper liked after it was marked is liked: the later word counts.
    notInterested: new Set(marks.map((m) => m.paperId).filter((id) => !likes.has(id))),
    follows: {
      categories: new Set(categoryNames.map((c) => c.toLowerCase())),
      authors: new Set(authorNames.map((a) => a.toLowerCase())),
      categoryNames,
      authorNames,
    },
  };
}

export const hasSignals = (s: Signals): boolean => s.likes.size > 0 || s.notInterested.size > 0 || s.follows.categories.size > 0 || s.follows.authors.size > 0;
