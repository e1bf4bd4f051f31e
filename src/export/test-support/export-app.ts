// Test helper: the whole web app over a store, with the feed's clock fixed, fast password hashing and an optional public URL.
import { AccountsService } from "../../accounts/accounts-service.js";
import { FeedService } from "../../feed/feed-service.js";
import { createLogger } from "../../logging/logger.js";
import { FeedRepo } from "../../storage/feed-repo.js";
import type { Store } from "../../storage/store.js";
import { createWebApp } from "../../web/app.js";

export const NOW = new Date("2024-06-05T12:00:00Z");

export function exportApp(store: Store, o: { publicUrl?: string } = {}) {
  const feed = new FeedService(new FeedRepo(store), store, { rule: { timeZone: "UTC", rolloverHour: 17 }, clock: () => NOW });
  const accounts = AccountsService.over(store.db, { hashParams: { ln: 10, r: 8, p: 1 } });
  const log = createLogger({ level: "silent", format: "json" });
  return createWebApp({ store, log, feed, accounts, ...(o.publicUrl ? { publicUrl: o.publicUrl } : {}) });
}
