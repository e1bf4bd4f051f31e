// Test helper: topic papers put on the feed on given days, and a ForYouService over a store with a fixed clock.
import { emptyPaper, type Paper } from "../../domain/paper.js";
import { FeedService } from "../../feed/feed-service.js";
import { FeedRepo } from "../../storage/feed-repo.js";
import { PersonalRepo } from "../../storage/personal-repo.js";
import type { Store } from "../../storage/store.js";
import type { TopicPaper } from "../__fixtures__/topic-papers.js";
import { ForYouService, type ForYouConfig } from "../for-you-service.js";
import type { SemanticSource } from "../paper-vectors.js";

export const RULE = { timeZone: "UTC", rolloverHour: 17 };

export interface PutOptions {
  /** Feed day; null: a paper never on the feed (published on `published`). */
  day: string | null;
  upvotes?: number;
  categories?: string[];
  authors?: string[];
  published?: string;
}

/** Stores a fixture paper, on the feed of `day` (submitted at 09:00 UTC that day) unless `day` is null. */
export async function putPaper(store: Store, p: TopicPaper, o: PutOptions): Promise<void> {
  const paper: Paper = {
    ...emptyPaper(p.id, "arxiv-atom"),
    version: 1,
    title: p.title,
    abstract: p.abstract,
    authors: (o.authors ?? ["Grace Hopper"]).map((name) => ({ name })),
    categories: o.categories ?? ["cs.LG"],
    primaryCategory: (o.categories ?? ["cs.LG"])[0]!,
    publishedAt: o.published ?? (o.day ? `${o.day}T08:00:00.000Z` : "2024-01-01T00:00:00.000Z"),
    links: { abs: `https://arxiv.org/abs/${p.id}` },
  };
  await store.upsertPapers([o.day ? { paper, hub: { feedDay: o.day, submittedAt: `${o.day}T09:00:00.000Z`, upvotes: o.upvotes ?? 0, numComments: 0 } } : { paper }]);
}

export function forYouOver(store: Store, now: () => Date, config: Partial<ForYouConfig> = {}, semantic?: SemanticSource): ForYouService {
  return new ForYouService(
    { store, repo: new PersonalRepo(store.db), feedRepo: new FeedRepo(store), ...(semantic ? { semantic } : {}) },
    { rule: RULE, clock: now, ...config },
  );
}

export function feedOver(store: Store, now: () => Date): FeedService {
  return new FeedService(new FeedRepo(store), store, { rule: RULE, clock: now });
}
