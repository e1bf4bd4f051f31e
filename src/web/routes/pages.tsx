// The reading pages of the hub, mounted in one place: feed, trending, search, organisations, paper pages.
//
// Fixed paths under /papers (trending, search, latest, index) are registered
// before the paper page's catch-all, and the catch-all passes on ids that
// are other routes' paths (B's /papers/submit, /papers/<id>/upvote …), so no
// mounting order can make a page answer for another.
import { Hono } from "hono";
import type { CommunityService } from "../../community/community-service.js";
import type { CollectionsService } from "../../personal/collections-service.js";
import type { FeedService } from "../../feed/feed-service.js";
import type { PaperIndexer } from "../../feed/paper-indexer.js";
import type { AutosyncStatus } from "../../jobs/autosync.js";
import type { Logger } from "../../logging/logger.js";
import type { SearchService } from "../../search/search-service.js";
import type { Store } from "../../storage/store.js";
import type { AppEnv } from "../context.js";
import { feedPages } from "./feed-pages.js";
import { paperPages } from "./paper-pages.js";
import { searchPage } from "./search-pages.js";

export interface PageDeps {
  store: Store;
  log: Logger;
  feed: FeedService;
  search: SearchService;
  /** Fetches arXiv papers for "index this paper"; null when the hub does not reach arXiv. */
  indexer: PaperIndexer | null;
  /** Upvote button and comment thread on paper pages; without it the pages show counts alone. */
  community?: CommunityService | undefined;
  syncStatus: () => AutosyncStatus;
  /** The hub can send mail: feed, trending and search pages offer to subscribe (subscribe-form.tsx). */
  mailEnabled?: boolean | undefined;
  /** "Save to collection" on paper pages for signed-in readers; without it the pages have none. */
  collections?: CollectionsService | undefined;
}

export function pageRoutes(deps: PageDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.route("/", feedPages(deps));
  app.route("/", searchPage(deps));
  app.route("/", paperPages(deps));
  return app;
}
