// The personal capability's services over one store: the for-you ranking, collections, and the start page; built once by the composition root.
import type { FeedDayRule } from "../domain/ingest-types.js";
import type { FeedService } from "../feed/feed-service.js";
import { CommunityRepo } from "../storage/community-repo.js";
import { FeedRepo } from "../storage/feed-repo.js";
import { PersonalRepo } from "../storage/personal-repo.js";
import type { Store } from "../storage/store.js";
import { CollectionsService } from "./collections-service.js";
import { ForYouService } from "./for-you-service.js";
import { OnboardingService } from "./onboarding-service.js";
import type { SemanticSource } from "./paper-vectors.js";

export interface PersonalServices {
  forYou: ForYouService;
  collections: CollectionsService;
  onboarding: OnboardingService;
}

export interface PersonalOptions {
  store: Store;
  feed: FeedService;
  rule: FeedDayRule;
  /** The active embedding model's index; without it the model runs on words alone. */
  semantic?: SemanticSource;
  /** Feed days the for-you candidates come from (default 14). */
  windowDays?: number;
  trendingHalfLifeHours?: number;
  clock?: () => Date;
}

export function createPersonalServices(o: PersonalOptions): PersonalServices {
  const repo = new PersonalRepo(o.store.db);
  const feedRepo = new FeedRepo(o.store);
  const clock = o.clock ? { clock: o.clock } : {};
  const collections = new CollectionsService({ repo, users: new CommunityRepo(o.store.db), store: o.store, visible: (papers) => o.feed.visible(papers), ...clock });
  const forYou = new ForYouService(
    { store: o.store, repo, feedRepo, ...(o.semantic ? { semantic: o.semantic } : {}) },
    {
      rule: o.rule,
      ...(o.windowDays ? { pool: { windowDays: o.windowDays } } : {}),
      ...(o.trendingHalfLifeHours ? { trendingHalfLifeHours: o.trendingHalfLifeHours } : {}),
      ...clock,
    },
  );
  const onboarding = new OnboardingService({ repo, feed: o.feed, feedRepo, collections, ...clock });
  return { forYou, collections, onboarding };
}
