// Test helper: the whole web app over a store, with fixed clocks, cheap password hashing, generous API limits, and tokens minted directly.
import { AccountsService } from "../../accounts/accounts-service.js";
import { CommunityService } from "../../community/community-service.js";
import { insertUser, type TestUser } from "../../community/test-support/community-fixtures.js";
import { FeedService } from "../../feed/feed-service.js";
import type { FetchArxiv } from "../../feed/paper-indexer.js";
import { FeedRepo } from "../../storage/feed-repo.js";
import type { Role } from "../../storage/schema.js";
import type { Store } from "../../storage/store.js";
import { createWebApp } from "../../web/app.js";
import { silentLog } from "../../web/test-support/feed-hub.js";
import type { ApiLimits } from "../api-auth.js";
import { ApiTokensService, type Scope } from "../api-tokens-service.js";

export interface ApiHubOptions {
  now?: () => Date;
  limits?: Partial<ApiLimits>;
  fetchArxiv?: FetchArxiv;
  /** Days a paper may be submitted after publication (default 14). */
  submitWindowDays?: number;
}

export const TEST_NOW = new Date("2024-06-06T12:00:00.000Z");

export function apiHub(store: Store, o: ApiHubOptions = {}) {
  const now = o.now ?? (() => TEST_NOW);
  const rule = { timeZone: "UTC", rolloverHour: 17 };
  const feed = new FeedService(new FeedRepo(store), store, { rule, clock: now });
  const accounts = AccountsService.over(store.db, { hashParams: { ln: 10, r: 8, p: 1 } });
  const community = new CommunityService(store, { feedRule: rule, now, ...(o.submitWindowDays ? { submitWindowDays: o.submitWindowDays } : {}) });
  return createWebApp({
    store,
    log: silentLog,
    feed,
    accounts,
    community,
    tokens: ApiTokensService.over(store.db, { now }),
    api: { limits: { anonymousPerMinute: 100_000, tokenPerMinute: 100_000, ...o.limits }, clock: now },
    ...(o.fetchArxiv ? { fetchArxiv: o.fetchArxiv } : {}),
  });
}

/** A user with a fresh token of these scopes, and the header that sends it. */
export async function userWithToken(store: Store, name: string, scopes: Scope[] = ["read", "write"], role: Role = "user") {
  const user: TestUser = await insertUser(store, name, { role });
  const { token } = await ApiTokensService.over(store.db).create(user.id, { name: `${name}'s script`, scopes });
  return { user, token, auth: { Authorization: `Bearer ${token}` } };
}

export async function json<T = any>(res: Response | Promise<Response>): Promise<T> {
  return (await res).json() as Promise<T>;
}
