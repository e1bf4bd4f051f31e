// Upvotes: one per user per paper, cast, withdrawn or toggled; the count shown is imported plus the hub's own.
import { NotFoundError } from "../domain/errors.js";
import type { CommunityRepo, PaperCounts } from "../storage/community-repo.js";
import { activeUser, type Clock } from "./guards.js";
import type { UpvoteState } from "./types.js";

/** The count a page shows: what the source reported (when it did) plus the votes cast here. */
export const shownUpvotes = (c: Pick<PaperCounts, "importedUpvotes" | "localUpvotes">): number => (c.importedUpvotes ?? 0) + c.localUpvotes;

export class UpvoteService {
  constructor(
    private readonly repo: CommunityRepo,
    private readonly now: Clock,
  ) {}

  /** Flips the user's vote. Concurrent toggles by one user settle on one vote or none, never two. */
  async toggle(userId: string, paperId: string): Promise<UpvoteState> {
    await this.check(userId, paperId);
    const upvoted = await this.repo.toggleUpvote(userId, paperId, this.now().toISOString());
    return { upvoted, count: await this.count(paperId) };
  }

  /** Casts (on) or withdraws the vote; repeating a request changes nothing (a double-submitted form counts once). */
  async set(userId: string, paperId: string, on: boolean): Promise<UpvoteState> {
    await this.check(userId, paperId);
    await this.repo.setUpvote(userId, paperId, on, this.now().toISOString());
    return { upvoted: on, count: await this.count(paperId) };
  }

  async count(paperId: string): Promise<number> {
    const c = await this.repo.paperCounts(paperId);
    return c ? shownUpvotes(c) : 0;
  }

  private async check(userId: string, paperId: string): Promise<void> {
    await activeUser(this.repo, userId);
    const counts = await this.repo.paperCounts(paperId);
    // A hidden paper is out of the hub for everyone but moderators, so it takes no votes.
    if (!counts || counts.hiddenAt) throw new NotFoundError(`No paper with id ${paperId} in this hub.`);
  }
}
