// The community facade the web layer and the composition root use: votes, comments, submissions, moderation, user pages.
import { NotFoundError } from "../domain/errors.js";
import type { FeedDayRule } from "../domain/ingest-types.js";
import { CommunityRepo, type LocalStats } from "../storage/community-repo.js";
import type { Store } from "../storage/store.js";
import { CommentService } from "./comments.js";
import type { Clock } from "./guards.js";
import { ModerationService } from "./moderation.js";
import { loadProfile, type UserProfile } from "./profiles.js";
import { SubmissionService, storeOnlyFetch, type FetchPaper } from "./submissions.js";
import type { Actor, PaperCommunityView, UpvoteState } from "./types.js";
import { UpvoteService, shownUpvotes } from "./upvotes.js";

export interface CommunityOptions {
  /** Default: UTC, rolling over at 17:00 (the settings' defaults). */
  feedRule?: FeedDayRule;
  /** Default 14. */
  submitWindowDays?: number;
  /** Default 5. */
  submitDailyLimit?: number;
  /** How a submission gets a paper the store lacks; default: only papers already stored can be submitted. */
  fetchPaper?: FetchPaper;
  now?: Clock;
}

export class CommunityService {
  readonly upvotes: UpvoteService;
  readonly comments: CommentService;
  readonly submissions: SubmissionService;
  readonly moderation: ModerationService;
  private readonly repo: CommunityRepo;

  constructor(store: Pick<Store, "db" | "getPaper">, opts: CommunityOptions = {}) {
    const now = opts.now ?? (() => new Date());
    this.repo = new CommunityRepo(store.db);
    this.upvotes = new UpvoteService(this.repo, now);
    this.comments = new CommentService(this.repo, now);
    this.submissions = new SubmissionService(
      this.repo,
      opts.fetchPaper ?? storeOnlyFetch((id) => store.getPaper(id)),
      {
        feedRule: opts.feedRule ?? { timeZone: "UTC", rolloverHour: 17 },
        windowDays: opts.submitWindowDays ?? 14,
        dailyLimit: opts.submitDailyLimit ?? 5,
      },
      now,
    );
    this.moderation = new ModerationService(this.repo, async (id) => (await store.getPaper(id)) != null, now);
  }

  /** Everything the paper page shows of the community; NotFoundError for an unknown paper. */
  async paperView(paperId: string, viewer: Actor | null): Promise<PaperCommunityView> {
    const counts = await this.repo.paperCounts(paperId);
    if (!counts) throw new NotFoundError(`No paper with id ${paperId} in this hub.`);
    const [comments, upvoted] = await Promise.all([
      this.comments.thread(paperId, viewer),
      viewer ? this.repo.hasUpvoted(viewer.id, paperId) : Promise.resolve(false),
    ]);
    return {
      upvotes: shownUpvotes(counts),
      upvoted,
      commentCount: (counts.importedComments ?? 0) + counts.localComments,
      comments,
      hidden: counts.hiddenAt != null,
    };
  }

  toggleUpvote(userId: string, paperId: string): Promise<UpvoteState> {
    return this.upvotes.toggle(userId, paperId);
  }

  async isHidden(paperId: string): Promise<boolean> {
    return this.repo.isPaperHidden(paperId);
  }

  /** Which of these papers a moderator hid, for listings to leave out. */
  hiddenPaperIds(ids: string[]): Promise<Set<string>> {
    return this.repo.hiddenAmong(ids);
  }

  /**
   * The hub's own counts and hidden state per paper (papers without any are
   * absent), for listings: add them to the imported hub counts they show.
   */
  localStats(ids: string[]): Promise<Map<string, LocalStats>> {
    return this.repo.localStats(ids);
  }

  /** Which of these papers the user has upvoted, for listings to mark. */
  upvotedAmong(userId: string, ids: string[]): Promise<Set<string>> {
    return this.repo.upvotedAmong(userId, ids);
  }

  profile(name: string, viewer: Actor | null): Promise<UserProfile | null> {
    return loadProfile(this.repo, name, viewer);
  }
}
