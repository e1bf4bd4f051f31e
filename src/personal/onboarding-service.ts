// The cold start of the personal feed: what a new reader is offered to pick (trending papers, busy categories, prolific authors) and storing their picks.
//
// Picked papers are saved into the reader's "Saved" collection, so they are
// likes like any other (and the reader can see and undo them there); picked
// categories and authors are follows, which lift their papers in the list
// and give the reason "in cs.CL, which you follow". Picking again replaces
// the follows, so the page doubles as the place to edit them.
import { addDays } from "../domain/feed-day.js";
import { ValidationError } from "../domain/errors.js";
import type { FeedService } from "../feed/feed-service.js";
import type { FeedEntry, FeedRepo } from "../storage/feed-repo.js";
import type { PersonalRepo } from "../storage/personal-repo.js";
import type { CollectionsService } from "./collections-service.js";

export interface StartOptions {
  papers: FeedEntry[];
  categories: Array<{ name: string; papers: number }>;
  authors: Array<{ name: string; papers: number }>;
  /** What the reader follows now (pre-checked, and kept when offered no more). */
  following: { categories: string[]; authors: string[] };
}

export interface StartPicks {
  papers: string[];
  categories: string[];
  authors: string[];
}

export interface OnboardingDeps {
  repo: PersonalRepo;
  feed: Pick<FeedService, "trending" | "today">;
  feedRepo: Pick<FeedRepo, "listRange" | "latestDay">;
  collections: Pick<CollectionsService, "save">;
  clock?: () => Date;
}

const PAPERS_OFFERED = 12;
const CATEGORIES_OFFERED = 16;
const AUTHORS_OFFERED = 20;
/** Categories and authors are counted over this many recent feed days. */
const RECENT_DAYS = 30;
export const MAX_PICKS = 50;
const CATEGORY = /^[a-z][a-z-]*(\.[a-z][a-z-]*)?$/i;
const AUTHOR_MAX = 200;

export class OnboardingService {
  private readonly clock: () => Date;

  constructor(private readonly deps: OnboardingDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async options(userId: string): Promise<StartOptions> {
    const [trending, recent, follows] = await Promise.all([this.deps.feed.trending({}), this.recent(), this.deps.repo.follows(userId)]);
    // A hub without votes has no trending list: the newest papers stand in.
    const papers = (trending.entries.length > 0 ? trending.entries : recent).slice(0, PAPERS_OFFERED);
    return {
      papers,
      categories: top(recent.flatMap((e) => e.paper.categories), CATEGORIES_OFFERED, 1),
      // An author with one paper in a month is no pattern to follow.
      authors: top(recent.flatMap((e) => e.paper.authors.map((a) => a.name)), AUTHORS_OFFERED, 2),
      following: {
        categories: follows.filter((f) => f.kind === "category").map((f) => f.value),
        authors: follows.filter((f) => f.kind === "author").map((f) => f.value),
      },
    };
  }

  async apply(userId: string, picks: StartPicks): Promise<void> {
    const papers = unique(picks.papers.map((p) => p.trim()).filter(Boolean));
    const categories = unique(picks.categories.map((c) => c.trim()).filter(Boolean));
    const authors = unique(picks.authors.map((a) => a.replace(/\s+/g, " ").trim()).filter(Boolean));
    if (papers.length > MAX_PICKS || categories.length > MAX_PICKS || authors.length > MAX_PICKS) throw new ValidationError(`Pick at most ${MAX_PICKS} of each.`);
    const bad = categories.find((c) => c.length > 40 || !CATEGORY.test(c));
    if (bad !== undefined) throw new ValidationError(`"${bad.slice(0, 40)}" is not an arXiv category such as cs.CL or an archive such as math.`);
    if (authors.some((a) => a.length > AUTHOR_MAX)) throw new ValidationError(`An author's name has at most ${AUTHOR_MAX} characters.`);
    for (const id of papers) await this.deps.collections.save(userId, id);
    const at = this.clock().toISOString();
    await this.deps.repo.replaceFollows(userId, "category", categories, at);
    await this.deps.repo.replaceFollows(userId, "author", authors, at);
  }

  /** Papers of the last RECENT_DAYS feed days (up to the latest day with papers, for a hub fed from an archive). */
  private async recent(): Promise<FeedEntry[]> {
    const to = (await this.deps.feedRepo.latestDay(this.deps.feed.today())) ?? this.deps.feed.today();
    return (await this.deps.feedRepo.listRange(addDays(to, -(RECENT_DAYS - 1)), to, { limit: 1000, offset: 0 })).entries;
  }
}

/** The most frequent names (at least `min` times), most frequent first, then by name; counted case-insensitively, shown as first seen. */
function top(names: string[], n: number, min: number): Array<{ name: string; papers: number }> {
  const counts = new Map<string, { name: string; papers: number }>();
  for (const name of names) {
    const key = name.toLowerCase();
    const c = counts.get(key) ?? { name, papers: 0 };
    c.papers += 1;
    counts.set(key, c);
  }
  return [...counts.values()]
    .filter((c) => c.papers >= min)
    .sort((a, b) => b.papers - a.papers || a.name.localeCompare(b.name))
    .slice(0, n);
}

function unique(xs: string[]): string[] {
  const seen = new Set<string>();
  return xs.filter((x) => !seen.has(x.toLowerCase()) && seen.add(x.toLowerCase()));
}
