// Submissions: a signed-in user puts an arXiv paper on today's feed, within the publication window and a daily limit.
import { parseArxivId } from "../domain/arxiv-id.js";
import { ValidationError } from "../domain/errors.js";
import { feedDayOf } from "../domain/feed-day.js";
import type { FeedDayRule } from "../domain/ingest-types.js";
import type { FeedUser, StoredPaper } from "../domain/paper.js";
import type { CommunityRepo, UserRecord } from "../storage/community-repo.js";
import { activeUser, type Clock } from "./guards.js";
import type { Actor } from "./types.js";

/** Returns the stored paper with this (bare, normalised) arXiv id, fetching and storing it first if needed. */
export type FetchPaper = (arxivId: string) => Promise<StoredPaper>;

export interface SubmissionRules {
  feedRule: FeedDayRule;
  /** Papers published on arXiv more than this many days ago are refused. */
  windowDays: number;
  /** Most submissions one user may make in any 24 hours. */
  dailyLimit: number;
}

/** The paper is on a feed already; `paperId` links to it. */
export class AlreadyOnFeedError extends ValidationError {
  constructor(
    readonly paperId: string,
    readonly feedDay: string | null,
  ) {
    super(`${paperId} is already on the feed${feedDay ? ` of ${feedDay}` : ""}.`);
  }
}

export interface Submitted {
  paper: StoredPaper;
  feedDay: string;
}

const DAY_MS = 86_400_000;

export class SubmissionService {
  constructor(
    private readonly repo: CommunityRepo,
    private readonly fetchPaper: FetchPaper,
    private readonly rules: SubmissionRules,
    private readonly now: Clock,
  ) {}

  /**
   * Places the paper named by `input` (an arXiv id or URL) on the current feed
   * day. The cheap refusals (not an id, a duplicate, the limit) come before any
   * request to arXiv; the window needs the paper's publication date.
   */
  async submit(actor: Actor, input: string): Promise<Submitted> {
    const user = await activeUser(this.repo, actor.id);
    const parsed = parseArxivId(input);
    if (!parsed) throw new ValidationError(`"${input.trim().slice(0, 100)}" is not an arXiv id or arXiv URL (expected e.g. 2407.21783 or https://arxiv.org/abs/2407.21783).`);
    const id = parsed.id;
    const now = this.now();
    const listed = await this.repo.feedDayOf(id);
    if (listed) throw new AlreadyOnFeedError(id, listed);
    await this.checkLimit(user, now);

    const paper = await this.fetchPaper(id);
    this.checkWindow(paper, now);
    if (await this.repo.isPaperHidden(id)) throw new ValidationError(`${id} was hidden by a moderator and cannot be submitted.`);

    const feedDay = feedDayOf(now, this.rules.feedRule);
    const submitter: FeedUser = { name: user.name, fullname: user.displayName ?? user.name };
    const outcome = await this.repo.placeOnFeed(
      { paperId: id, userId: user.id, feedDay, submittedAt: now.toISOString(), submittedBy: JSON.stringify(submitter) },
      { since: new Date(now.getTime() - DAY_MS).toISOString(), max: this.rules.dailyLimit },
    );
    if (!outcome.placed && outcome.reason === "duplicate") throw new AlreadyOnFeedError(id, outcome.feedDay);
    if (!outcome.placed) {
      // Another submission of this user's got in first: report the limit with its times.
      await this.checkLimit(user, now);
      throw new ValidationError(`You can submit at most ${this.rules.dailyLimit} papers in 24 hours.`);
    }
    return { paper, feedDay };
  }

  /** What the receipt after a submission shows; null when the paper was not submitted here. */
  receipt(paperId: string): Promise<{ paperId: string; title: string; feedDay: string } | null> {
    return this.repo.submissionOf(paperId);
  }

  /** The rules in force, for the form to state. */
  get limits(): { windowDays: number; dailyLimit: number } {
    return { windowDays: this.rules.windowDays, dailyLimit: this.rules.dailyLimit };
  }

  private async checkLimit(user: UserRecord, now: Date): Promise<void> {
    const times = await this.repo.submissionTimesSince(user.id, new Date(now.getTime() - DAY_MS).toISOString());
    if (times.length < this.rules.dailyLimit) return;
    const again = new Date(Date.parse(times[0]!) + DAY_MS).toISOString().slice(0, 16).replace("T", " ");
    const n = this.rules.dailyLimit;
    throw new ValidationError(
      `You can submit at most ${n} paper${n === 1 ? "" : "s"} in 24 hours and have submitted ${times.length}; you can submit again after ${again} UTC.`,
    );
  }

  private checkWindow(paper: StoredPaper, now: Date): void {
    const published = paper.publishedAt ? Date.parse(paper.publishedAt) : NaN;
    if (!Number.isFinite(published)) throw new ValidationError(`arXiv gives no publication date for ${paper.id}, so it cannot be placed on the feed.`);
    const days = Math.floor((now.getTime() - published) / DAY_MS);
    if (now.getTime() - published > this.rules.windowDays * DAY_MS) {
      throw new ValidationError(
        `${paper.id} was published on arXiv on ${paper.publishedAt!.slice(0, 10)}, ${days} days ago; papers can be submitted within ${this.rules.windowDays} days of publication.`,
      );
    }
  }
}

/** For a hub that does not fetch from arXiv: only papers already in the store can be submitted. */
export function storeOnlyFetch(getPaper: (id: string) => Promise<StoredPaper | null>): FetchPaper {
  return async (id) => {
    const paper = await getPaper(id);
    if (!paper) throw new ValidationError(`${id} is not in this hub, and this hub does not fetch papers from arXiv.`);
    return paper;
  };
}
