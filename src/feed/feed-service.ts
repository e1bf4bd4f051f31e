// The feed's rules: which day is "today", what a day, week or month lists, trending order, organisation pages.
import { addDays, feedDayOf } from "../domain/feed-day.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import type { FeedDayRule } from "../domain/ingest-types.js";
import type { StoredPaper } from "../domain/paper.js";
import { DEFAULT_HALF_LIFE_HOURS, rankTrending } from "../domain/trending.js";
import type { FeedEntry, FeedRepo, OrgMember, ShownCounts, TrendingRow } from "../storage/feed-repo.js";
import type { Store } from "../storage/store.js";
import { dayPeriod, parsePeriod, periodOf, type FeedPeriod, type PeriodParams } from "./feed-period.js";
import { pageInfo, paging, parsePage, type PageInfo } from "./paging.js";

export const FEED_PAGE_SIZE = 50;
/**
 * Trending looks back this many half-lives: older papers keep under 1/256 of
 * their interest, so they could only place with hundreds of times the votes
 * of a fresh paper. 8 × 48 h = 16 days by default.
 */
const TRENDING_HALF_LIVES = 8;
/** Trending is a short list: a reader wants the top, not page 40. */
export const TRENDING_MAX = 200;

export interface FeedServiceOptions {
  rule: FeedDayRule;
  halfLifeHours?: number;
  pageSize?: number;
  clock?: () => Date;
}

export interface FeedView extends PageInfo {
  period: FeedPeriod;
  /** Today's feed day under the rollover rule. */
  today: string;
  /** True when no period was asked for, today had nothing and the latest day with papers is shown instead. */
  fellBack: boolean;
  entries: FeedEntry[];
  /** The periods of the same kind holding the nearest days with papers, before and after. */
  prev: FeedPeriod | null;
  next: FeedPeriod | null;
  /** Papers per day with any, for week and month views (empty for a day). */
  days: Array<{ day: string; papers: number }>;
}

export interface TrendingView extends PageInfo {
  entries: Array<FeedEntry & { score: number }>;
  halfLifeHours: number;
  windowDays: number;
  /** Set when nothing entered the feed lately and trending is computed as of the end of this, the latest day with papers. */
  asOf: string | null;
}

export interface OrgView extends PageInfo {
  name: string;
  /** The full name the papers carry, when they do. */
  fullname: string | null;
  entries: FeedEntry[];
  members: OrgMember[];
}

export class FeedService {
  readonly halfLifeHours: number;
  private readonly pageSize: number;
  private readonly clock: () => Date;

  constructor(
    private readonly repo: FeedRepo,
    private readonly store: Pick<Store, "listPapers">,
    private readonly opts: FeedServiceOptions,
  ) {
    this.halfLifeHours = opts.halfLifeHours ?? DEFAULT_HALF_LIFE_HOURS;
    this.pageSize = opts.pageSize ?? FEED_PAGE_SIZE;
    this.clock = opts.clock ?? (() => new Date());
  }

  /** Today's feed day: the local date in the feed's time zone, moved on at the rollover hour. */
  today(): string {
    return feedDayOf(this.clock(), this.opts.rule);
  }

  /**
   * The papers of the period in the parameters, or of today; when today is
   * asked for implicitly and has nothing yet, of the latest day with papers
   * (fellBack tells the page to say so).
   */
  async feed(params: PeriodParams & { page?: string | undefined }): Promise<FeedView> {
    const page = parsePage(params.page);
    const today = this.today();
    const asked = parsePeriod(params);
    let period = asked ?? dayPeriod(today);
    let fellBack = false;
    let list = await this.repo.listRange(period.from, period.to, paging(page, this.pageSize));
    if (!asked && list.total === 0) {
      const latest = (await this.repo.latestDay(today)) ?? (await this.repo.latestDay());
      if (latest && latest !== today) {
        period = dayPeriod(latest);
        fellBack = true;
        list = await this.repo.listRange(latest, latest, paging(page, this.pageSize));
      }
    }
    const info = this.checkPage(page, list.total);
    const kind = period.kind;
    const [near, days] = await Promise.all([
      this.repo.neighbourDays(period.from, period.to),
      kind === "day" ? Promise.resolve([]) : this.repo.countsPerDay(period.from, period.to),
    ]);
    return {
      ...info,
      period,
      today,
      fellBack,
      entries: list.entries,
      prev: near.prev ? periodOf(kind, near.prev) : null,
      next: near.next ? periodOf(kind, near.next) : null,
      days,
    };
  }

  /** Papers that entered the feed within the look-back window, by trending score (domain/trending.ts), papers without interest left out. */
  async trending(params: { page?: string | undefined }): Promise<TrendingView> {
    const page = parsePage(params.page);
    const windowDays = Math.ceil((TRENDING_HALF_LIVES * this.halfLifeHours) / 24);
    let now = this.clock();
    let asOf: string | null = null;
    let rows = await this.candidates(now, windowDays);
    if (rows.length === 0) {
      // A hub fed from an archive (or paused) has no fresh papers: show what trended on its latest day rather than nothing.
      const latest = await this.repo.latestDay();
      if (latest && latest < feedDayOf(now, this.opts.rule)) {
        asOf = latest;
        now = new Date(`${addDays(latest, 1)}T00:00:00.000Z`);
        rows = await this.candidates(now, windowDays);
      }
    }
    const ranked = rankTrending(
      rows.map((r) => ({ ...r, since: r.submittedAt ?? (r.feedDay ? `${r.feedDay}T00:00:00.000Z` : r.publishedAt) })),
      { halfLifeHours: this.halfLifeHours, now },
    )
      .filter((r) => r.score > 0)
      .slice(0, TRENDING_MAX);
    const info = this.checkPage(page, ranked.length);
    const shown = ranked.slice((page - 1) * this.pageSize, page * this.pageSize);
    const scores = new Map(shown.map((r) => [r.id, r.score]));
    const entries = (await this.repo.entriesFor(shown)).map((e) => ({ ...e, score: scores.get(e.paper.id) ?? 0 }));
    return { ...info, entries, halfLifeHours: this.halfLifeHours, windowDays, asOf };
  }

  /** An organisation's papers (by its handle, any case) and members; NotFoundError when it has neither. */
  async organisation(name: string, params: { page?: string | undefined }): Promise<OrgView> {
    if (name.length === 0 || name.length > 200) throw new ValidationError("An organisation name has 1 to 200 characters.");
    const page = parsePage(params.page);
    const [list, members] = await Promise.all([this.repo.orgPapers(name, paging(page, this.pageSize)), this.repo.orgMembers(name)]);
    if (list.total === 0 && members.length === 0) throw new NotFoundError(`No organisation named ${name} on this hub.`);
    const info = this.checkPage(page, list.total);
    const org = list.entries.find((e) => e.paper.hub?.organization)?.paper.hub?.organization;
    return { ...info, name: org?.name ?? name, fullname: org?.fullname ?? null, entries: list.entries, members };
  }

  /** Every paper, newest publication first (also those never on the feed), hidden ones left out. */
  async latest(cursor: string | undefined): Promise<{ entries: FeedEntry[]; nextCursor: string | null }> {
    const page = await this.store.listPapers({ limit: this.pageSize, ...(cursor ? { cursor } : {}) });
    return { entries: await this.visible(page.papers), nextCursor: page.nextCursor };
  }

  /** These papers with their shown counts, hidden ones left out (search results, similar papers). */
  async visible(papers: readonly StoredPaper[]): Promise<FeedEntry[]> {
    const counts = await this.repo.countsFor(papers.map((p) => p.id));
    return papers.flatMap((paper) => {
      const c = counts.get(paper.id);
      return c && !c.hidden ? [{ paper, upvotes: c.upvotes, comments: c.comments }] : [];
    });
  }

  /** Shown counts and hidden state of one paper (null when it is not stored). */
  async counts(id: string): Promise<ShownCounts | null> {
    return (await this.repo.countsFor([id])).get(id) ?? null;
  }

  private candidates(now: Date, windowDays: number): Promise<TrendingRow[]> {
    const since = new Date(now.getTime() - windowDays * 86_400_000);
    return this.repo.trendingCandidates(feedDayOf(since, this.opts.rule), since.toISOString());
  }

  private checkPage(page: number, total: number): PageInfo {
    const info = pageInfo(page, this.pageSize, total);
    if (page > info.pageCount) throw new NotFoundError(`There is no page ${page} here; the last page is ${info.pageCount}.`);
    return info;
  }
}
