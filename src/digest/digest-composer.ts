// What goes into one subscription's digest: its candidates (trending, personal, or a search), minus hidden papers and papers it was already sent.
//
// Alerts (saved searches, authors, categories, organisations) are searches
// over papers published in a look-back window: three days for a daily
// digest, ten for a weekly one. The window is wider than the period because
// arXiv papers reach the hub a day or two after publication; papers already
// mailed to the subscription are left out, so the overlap never repeats one.
// Alerts search lexically: a semantic search always has nearest neighbours,
// so it would mail the closest new papers whatever they are about.
import { addDays } from "../domain/feed-day.js";
import type { FeedService } from "../feed/feed-service.js";
import type { SearchService } from "../search/search-service.js";
import type { FeedRepo } from "../storage/feed-repo.js";
import type { SubscriptionRecord, SubscriptionsRepo } from "../storage/subscriptions-repo.js";
import { DIGEST_MAX_PAPERS, type DigestItem, type ForYouSource } from "./digest-types.js";
import { alertQuery, alertReason } from "./alert-reasons.js";

export interface ComposerDeps {
  feed: Pick<FeedService, "trending" | "visible" | "today">;
  /** The week's most upvoted papers, for weekly trending digests. */
  feedRepo: Pick<FeedRepo, "listRange">;
  search: Pick<SearchService, "search">;
  /** The personal selection; null while the hub has none (for-you digests are then empty). */
  forYou: ForYouSource | null;
  delivered: Pick<SubscriptionsRepo, "deliveredAmong" | "deliveredIds">;
}

const CANDIDATES = 50;
const LOOKBACK_DAYS = { daily: 3, weekly: 10 } as const;

const upvotes = (n: number) => `${n} upvote${n === 1 ? "" : "s"}`;

export class DigestComposer {
  constructor(private readonly deps: ComposerDeps) {}

  /** A composer for one sending run at `now`: lists many subscriptions share (trending, the same search) are computed once. */
  run(now: Date): DigestRun {
    return new DigestRun(this.deps, now);
  }
}

export class DigestRun {
  private readonly shared = new Map<string, Promise<DigestItem[]>>();

  constructor(
    private readonly deps: ComposerDeps,
    private readonly now: Date,
  ) {}

  /** The digest's papers, best first, at most DIGEST_MAX_PAPERS; empty when nothing new. */
  async compose(sub: SubscriptionRecord): Promise<DigestItem[]> {
    const candidates = await this.candidates(sub);
    if (candidates.length === 0) return [];
    const delivered = await this.deps.delivered.deliveredAmong(sub.id, candidates.map((c) => c.paper.id));
    return candidates.filter((c) => !delivered.has(c.paper.id)).slice(0, DIGEST_MAX_PAPERS);
  }

  /** Candidates without hidden papers or repeats; lists shared by subscriptions are made (and checked) once per run. */
  private candidates(sub: SubscriptionRecord): Promise<DigestItem[]> {
    const f = sub.follow;
    const freq = sub.schedule.frequency;
    if (f.kind === "for-you") {
      const source = this.deps.forYou;
      const userId = sub.userId;
      if (!source || !userId) return Promise.resolve([]);
      return this.deps.delivered.deliveredIds(sub.id).then((sent) => source.topFor(userId, CANDIDATES, sent)).then((items) => this.shown(items));
    }
    const key = `${sub.followKey}|${freq}`;
    let list = this.shared.get(key);
    if (!list) {
      list = (f.kind === "trending" ? (freq === "daily" ? this.trendingToday() : this.topOfWeek()) : this.alert(sub)).then((items) => this.shown(items));
      this.shared.set(key, list);
    }
    return list;
  }

  /** The items whose papers are not hidden (every source should leave them out already; a digest must never show one), each once. */
  private async shown(items: DigestItem[]): Promise<DigestItem[]> {
    const visible = new Set((await this.deps.feed.visible(items.map((i) => i.paper))).map((e) => e.paper.id));
    const seen = new Set<string>();
    return items.filter((i) => visible.has(i.paper.id) && !seen.has(i.paper.id) && seen.add(i.paper.id));
  }

  private async trendingToday(): Promise<DigestItem[]> {
    const view = await this.deps.feed.trending({});
    return view.entries.map((e) => ({ paper: e.paper, reason: `trending: ${upvotes(e.upvotes)}` }));
  }

  /** The last seven feed days' most upvoted papers; papers nobody voted on or discussed are no "top". */
  private async topOfWeek(): Promise<DigestItem[]> {
    const today = this.deps.feed.today();
    const page = await this.deps.feedRepo.listRange(addDays(today, -6), today, { limit: CANDIDATES, offset: 0 });
    return page.entries.filter((e) => e.upvotes + e.comments > 0).map((e) => ({ paper: e.paper, reason: `trending: ${upvotes(e.upvotes)}` }));
  }

  private async alert(sub: SubscriptionRecord): Promise<DigestItem[]> {
    const since = addDays(this.now.toISOString().slice(0, 10), -LOOKBACK_DAYS[sub.schedule.frequency]);
    const q = alertQuery(sub.follow, since);
    if (!q) return [];
    const r = await this.deps.search.search(q.text, { mode: "lexical", sort: q.sort, limit: CANDIDATES, prefix: false, filters: q.filters });
    return r.results.map((x) => ({ paper: x.paper, reason: alertReason(sub.follow, x.paper) }));
  }
}
