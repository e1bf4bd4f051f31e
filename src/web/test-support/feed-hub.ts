// Test helper: the whole web app over a fresh SQLite store, with the feed's clock fixed and arXiv fetches injectable.
import { AccountsService } from "../../accounts/accounts-service.js";
import { FeedService } from "../../feed/feed-service.js";
import type { FetchArxiv } from "../../feed/paper-indexer.js";
import { createLogger } from "../../logging/logger.js";
import { FeedRepo } from "../../storage/feed-repo.js";
import type { Store } from "../../storage/store.js";
import { createWebApp } from "../app.js";

export const silentLog = createLogger({ level: "silent", format: "json" });

export interface FeedHubOptions {
  now: () => Date;
  halfLifeHours?: number;
  pageSize?: number;
  fetchArxiv?: FetchArxiv;
}

export function feedHub(store: Store, o: FeedHubOptions) {
  const feed = new FeedService(new FeedRepo(store), store, {
    rule: { timeZone: "UTC", rolloverHour: 17 },
    clock: o.now,
    ...(o.halfLifeHours ? { halfLifeHours: o.halfLifeHours } : {}),
    ...(o.pageSize ? { pageSize: o.pageSize } : {}),
  });
  const accounts = AccountsService.over(store.db, { hashParams: { ln: 10, r: 8, p: 1 } });
  return createWebApp({ store, log: silentLog, feed, accounts, ...(o.fetchArxiv ? { fetchArxiv: o.fetchArxiv } : {}) });
}

/** The page's HTML, after checking it is a page at all: CSP-safe (no inline scripts or style attributes). */
export async function pageText(res: Response): Promise<string> {
  const html = await res.text();
  if (/<script|\sstyle="|\son[a-z]+="/i.test(html)) throw new Error(`page carries inline script or style: ${/<script[^>]*>|\sstyle="[^"]*"|\son[a-z]+="[^"]*"/i.exec(html)?.[0]}`);
  return html;
}
