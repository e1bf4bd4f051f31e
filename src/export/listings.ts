// The lists feeds and citation exports are made of: a feed period, trending, a search, a category, a user's submissions, an organisation.
//
// Each list is what its page shows, in the page's order, without paging:
// the first `limit` papers. Hidden papers are never listed, whoever asks
// (feed readers and exports are not signed in, and a moderator's copy must
// not leak them either).
import type { CommunityService } from "../community/community-service.js";
import { parseArxivId } from "../domain/arxiv-id.js";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import type { StoredPaper } from "../domain/paper.js";
import type { FeedService } from "../feed/feed-service.js";
import type { FeedPeriod, PeriodParams } from "../feed/feed-period.js";
import { MAX_LIMIT, type SearchMode, type SearchService, type SearchSort } from "../search/search-service.js";
import { hasFilters, type LexicalFilters } from "../storage/lexical-index.js";
import type { FeedEntry } from "../storage/feed-repo.js";
import type { Store } from "../storage/store.js";

export type ListSpec =
  | { kind: "daily"; period: PeriodParams }
  | { kind: "trending" }
  | { kind: "search"; q: string; filters: LexicalFilters; sort?: SearchSort | undefined; mode?: SearchMode | undefined }
  | { kind: "category"; category: string }
  | { kind: "user"; name: string }
  | { kind: "org"; name: string };

export interface ListEntry extends FeedEntry {
  /** When the paper came to the hub's attention: submitted to the feed, its feed day, else published. */
  at: Date;
}

export interface Listing {
  title: string;
  description: string;
  entries: ListEntry[];
  /** The period a daily list settled on. */
  period?: FeedPeriod;
  generatedAt: Date;
}

/** A list before its entries are dated and cut to the limit. */
type Resolved = Omit<Listing, "entries" | "generatedAt"> & { entries: FeedEntry[] };

/** Feeds carry the head of a list; citation exports may take more. */
export const FEED_ITEMS = 50;
export const EXPORT_ITEMS = 1000;
const CATEGORY = /^[a-z][a-z-]*(\.[a-z][a-z-]*)?$/i;

export interface ListingDeps {
  feed: FeedService;
  search: SearchService;
  community: Pick<CommunityService, "profile">;
  store: Pick<Store, "getPapers" | "getPaper">;
  clock?: () => Date;
}

export class ListingService {
  constructor(private readonly deps: ListingDeps) {}

  async list(spec: ListSpec, limit: number = FEED_ITEMS): Promise<Listing> {
    const { entries, ...rest } = await this.resolve(spec, limit);
    return { ...rest, entries: entries.slice(0, limit).map(withDate), generatedAt: (this.deps.clock ?? (() => new Date()))() };
  }

  /** One visible paper by id (an arXiv id in any spelling); NotFoundError when unknown or hidden. */
  async paper(id: string): Promise<ListEntry> {
    const input = id.trim();
    const paper = (await this.deps.store.getPaper(input)) ?? (await this.arxivSpelling(input));
    const [entry] = paper ? await this.deps.feed.visible([paper]) : [];
    if (!entry) throw new NotFoundError(`No paper with id ${input.slice(0, 80)} in this hub.`);
    return withDate(entry);
  }

  private async arxivSpelling(input: string): Promise<StoredPaper | null> {
    const arxiv = parseArxivId(input);
    return arxiv && arxiv.id !== input ? this.deps.store.getPaper(arxiv.id) : null;
  }

  private resolve(spec: ListSpec, limit: number): Promise<Resolved> {
    switch (spec.kind) {
      case "daily":
        return this.daily(spec.period, limit);
      case "trending":
        return this.trending(limit);
      case "org":
        return this.organisation(spec.name, limit);
      case "user":
        return this.submissions(spec.name);
      case "search":
        return this.searchList(spec, limit);
      case "category":
        return this.category(spec.category, limit);
    }
  }

  private async daily(period: PeriodParams, limit: number): Promise<Resolved> {
    const { feed } = this.deps;
    const first = await feed.feed(period);
    const p = first.period;
    // Later pages ask for the period the first one settled on (today, or the latest day when today has nothing yet).
    const param = { day: "date", week: "week", month: "month" }[p.kind];
    const entries = await collect(first.entries, first.pageCount, limit, async (page) => (await feed.feed({ [param]: p.key, page: String(page) })).entries);
    const rolling = !period.date && !period.week && !period.month;
    return {
      title: rolling ? "Daily papers" : `Daily papers, ${p.kind === "day" ? "" : `${p.kind} `}${p.key}`,
      description: rolling ? "The papers of the latest feed day, most upvoted first." : `The papers on the feed from ${p.from} to ${p.to}, most upvoted first.`,
      entries,
      period: p,
    };
  }

  private async trending(limit: number): Promise<Resolved> {
    const { feed } = this.deps;
    const first = await feed.trending({});
    const entries = await collect(first.entries, first.pageCount, limit, async (page) => (await feed.trending({ page: String(page) })).entries);
    const description = `Papers by upvotes and comments, halved every ${feed.halfLifeHours} hours since they entered the feed.`;
    return { title: "Trending papers", description, entries };
  }

  private async organisation(name: string, limit: number): Promise<Resolved> {
    const { feed } = this.deps;
    const first = await feed.organisation(name, {});
    const entries = await collect(first.entries, first.pageCount, limit, async (page) => (await feed.organisation(name, { page: String(page) })).entries);
    const shown = first.fullname ?? first.name;
    return { title: `Papers of ${shown}`, description: `Papers of ${shown} on the feed, newest first.`, entries };
  }

  /** A user's submissions as their page lists them (the latest PROFILE_LIST_LIMIT). */
  private async submissions(name: string): Promise<Resolved> {
    // Viewed as nobody: a moderator's feed reader must not be served hidden papers.
    const profile = await this.deps.community.profile(name, null);
    if (!profile) throw new NotFoundError(`There is no user named ${name.slice(0, 60)}.`);
    const papers = await this.deps.store.getPapers(profile.submitted.map((p) => p.id));
    return {
      title: `Papers submitted by ${profile.displayName}`,
      description: `Papers @${profile.name} submitted to the daily feed, newest first.`,
      entries: await this.deps.feed.visible(papers),
    };
  }

  private async searchList(spec: Extract<ListSpec, { kind: "search" }>, limit: number): Promise<Resolved> {
    if (!spec.q && !hasFilters(spec.filters)) throw new ValidationError("A search feed needs search words (q) or a filter.");
    const papers = await this.search(spec.q, { filters: spec.filters, sort: spec.sort, mode: spec.mode }, limit);
    const filters = describeFilters(spec.filters);
    return {
      title: `Search: ${spec.q || filters}`,
      description: `Papers matching ${[spec.q && `“${spec.q}”`, filters].filter(Boolean).join(", ")}.`,
      entries: await this.deps.feed.visible(papers),
    };
  }

  /** The newest papers of a category or archive, by publication date, on the feed or not. */
  private async category(raw: string, limit: number): Promise<Resolved> {
    const category = raw.trim();
    if (category.length > 40 || !CATEGORY.test(category)) {
      throw new ValidationError(`A category is an arXiv category such as cs.LG, or an archive such as cs (got "${category.slice(0, 40)}").`);
    }
    const papers = await this.search("", { filters: { categories: [category.toLowerCase()] }, sort: "date", mode: "lexical" }, limit);
    return { title: `Papers in ${category}`, description: `The newest papers in ${category}.`, entries: await this.deps.feed.visible(papers) };
  }

  private async search(q: string, o: Omit<Extract<ListSpec, { kind: "search" }>, "kind" | "q">, limit: number): Promise<StoredPaper[]> {
    const r = await this.deps.search.search(q, {
      limit: Math.min(limit, MAX_LIMIT),
      prefix: false,
      filters: o.filters,
      ...(o.sort ? { sort: o.sort } : {}),
      ...(o.mode ? { mode: o.mode } : {}),
    });
    return r.results.map((x) => x.paper);
  }
}

/** Pages 2..pageCount after the first, until `limit` entries are in hand. */
async function collect(first: FeedEntry[], pageCount: number, limit: number, load: (page: number) => Promise<FeedEntry[]>): Promise<FeedEntry[]> {
  const out = [...first];
  for (let page = 2; page <= pageCount && out.length < limit; page++) out.push(...(await load(page)));
  return out;
}

function withDate(e: FeedEntry): ListEntry {
  const h = e.paper.hub;
  const when = h?.submittedAt ?? (h?.feedDay ? `${h.feedDay}T00:00:00.000Z` : null) ?? e.paper.publishedAt ?? e.paper.createdAt;
  return { ...e, at: new Date(when) };
}

function describeFilters(f: LexicalFilters): string {
  return [
    f.categories?.length ? `in ${f.categories.join(" or ")}` : "",
    f.after ? `from ${f.after.slice(0, 10)}` : "",
    f.before ? `until ${f.before.slice(0, 10)}` : "",
    f.hasCode ? "with code" : "",
  ]
    .filter(Boolean)
    .join(", ");
}
