// The rules of GET /api/daily_papers: which feed days a date, week or month names, the two orders, and paging past the end.
import { ValidationError } from "../domain/errors.js";
import { rankTrending } from "../domain/trending.js";
import { parsePeriod } from "../feed/feed-period.js";
import type { FeedService } from "../feed/feed-service.js";
import type { DailyFilter, DailyPapersRepo } from "../storage/daily-papers-repo.js";
import type { FeedEntry, FeedRepo } from "../storage/feed-repo.js";
import type { DailyPapersParams } from "./schemas.js";

/**
 * A filtered trending list ranks every matching paper; a month of a busy
 * feed holds about a thousand, a prolific submitter a few thousand. Past
 * this many the oldest are left out of the ranking.
 */
const TRENDING_ROWS_CAP = 20_000;

export class DailyPapersService {
  constructor(
    private readonly repo: DailyPapersRepo,
    private readonly feedRepo: Pick<FeedRepo, "entriesFor">,
    private readonly feed: Pick<FeedService, "trending" | "halfLifeHours">,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /** One page of the feed: `p` (from 0) of `limit` items; a page past the end is empty. */
  async list(q: DailyPapersParams): Promise<FeedEntry[]> {
    const period = parsePeriod({ date: q.date === undefined ? undefined : dayOf(q.date), week: q.week, month: q.month });
    const filter: DailyFilter = { ...(period ? { from: period.from, to: period.to } : {}), ...(q.submitter ? { submitter: q.submitter } : {}) };
    const offset = q.p * q.limit;
    if (q.sort === "publishedAt") return this.feedRepo.entriesFor(await this.repo.listByEntry(filter, { limit: q.limit, offset }));
    // Unfiltered, trending is the trending page's own list, so the API and the page agree.
    if (!period && !q.submitter) return this.trendingPage(offset, q.limit);
    const rows = await this.repo.trendingRows(filter, TRENDING_ROWS_CAP);
    const ranked = rankTrending(
      rows.map((r) => ({ ...r, since: r.submittedAt ?? `${r.feedDay}T00:00:00.000Z` })),
      { halfLifeHours: this.feed.halfLifeHours, now: this.clock() },
    );
    return this.feedRepo.entriesFor(ranked.slice(offset, offset + q.limit));
  }

  /** Items offset..offset+limit of the trending page's list, reading only the pages that hold them. */
  private async trendingPage(offset: number, limit: number): Promise<FeedEntry[]> {
    const first = await this.feed.trending({});
    const size = first.entries.length;
    if (size === 0) return [];
    const startPage = Math.floor(offset / size) + 1;
    const endPage = Math.min(first.pageCount, Math.floor((offset + limit - 1) / size) + 1);
    const entries: FeedEntry[] = [];
    for (let page = startPage; page <= endPage; page++) {
      entries.push(...(page === 1 ? first : await this.feed.trending({ page: String(page) })).entries);
    }
    const skip = offset - (startPage - 1) * size;
    return entries.slice(skip, skip + limit);
  }
}

/** The calendar date a `date` parameter names: YYYY-MM-DD as is, a timestamp by the date it is written on. */
export function dayOf(date: string): string {
  if (date.length === 10) return date;
  if (!Number.isFinite(Date.parse(date))) throw new ValidationError(`date must be YYYY-MM-DD or an ISO 8601 timestamp (got "${date.slice(0, 40)}")`);
  return date.slice(0, 10);
}
