// The composition root: builds every service from the configuration, once, and closes them in order.
import { AccountsService } from "./accounts/accounts-service.js";
import { DEFAULT_API_LIMITS, type ApiLimits } from "./api/api-auth.js";
import { CommunityService } from "./community/community-service.js";
import type { Config } from "./config/config.js";
import type { FeedDayRule } from "./domain/ingest-types.js";
import { FeedService } from "./feed/feed-service.js";
import { fetchArxivPaper } from "./ingest/fetch-arxiv-paper.js";
import { ImportPipeline, type PipelineOptions } from "./ingest/import-pipeline.js";
import { PoliteHttp } from "./ingest/sync/polite-http.js";
import type { SyncDeps } from "./ingest/sync/sync-deps.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { SearchEngine } from "./search/search-engine.js";
import { openStore } from "./storage/open-store.js";
import { FeedRepo } from "./storage/feed-repo.js";
import type { Store } from "./storage/store.js";
import type { DigestSender } from "./digest/digest-sender.js";
import { createMailServices, type MailServices } from "./subscriptions/mail-services.js";
import { forYouSource } from "./digest/for-you-source.js";
import type { SubscriptionsService } from "./subscriptions/subscriptions-service.js";
import { createPersonalServices, type PersonalServices } from "./personal/personal-services.js";

export const USER_AGENT = "Paperboard/0.1 (self-hosted research paper hub; +https://github.com/paperboard/paperboard)";

export interface Services {
  config: Config;
  log: Logger;
  store: Store;
  /** Accounts and sessions, over the store's database. */
  accounts: AccountsService;
  /** Upvotes, comments, submissions (fetching unknown papers from arXiv) and moderation. */
  community: CommunityService;
  feedRule: FeedDayRule;
  /** The feed's rules: today's day, day/week/month lists, trending with the configured half-life, organisations. */
  feed: FeedService;
  /** JSON API rate limits from the configuration (for createWebApp's `api.limits`). */
  apiLimits: ApiLimits;
  pipeline(opts?: PipelineOptions): ImportPipeline;
  /**
   * Dependencies of a sync job against one remote; arXiv jobs share one paced
   * client. `background` jobs (the server's start-up back-fill) retry briefly
   * and log retries at debug level, so an offline machine degrades quietly.
   */
  syncDeps(remote: "arxiv" | "hf", extra?: { signal?: AbortSignal; background?: boolean }): SyncDeps;
  /** The search indexes and service, opened on first use (loading the embedding model and the vector index). */
  search(): Promise<SearchEngine>;
  /** Mail subscriptions: double opt-in, signed links, account subscriptions (src/subscriptions). */
  subscriptions: SubscriptionsService;
  /** The digest job (src/digest); null without PAPERBOARD_SMTP_URL. */
  digests: DigestSender | null;
  /** The personal feed (for you), collections and the start page; ranks over the search engine's paper vectors once it is open. */
  personal: PersonalServices;
  close(): Promise<void>;
}

/** arXiv's terms ask for one request every 3 s; only a non-arXiv host (a mirror, a test server) may go faster. */
export function arxivInterval(config: Config): number {
  const hosts = [config.arxivOaiUrl, config.arxivApiUrl].map((u) => new URL(u).hostname);
  return hosts.some((h) => h === "arxiv.org" || h.endsWith(".arxiv.org")) ? Math.max(3000, config.arxivDelayMs) : config.arxivDelayMs;
}

export async function createServices(config: Config, opts: { log?: Logger } = {}): Promise<Services> {
  const log = opts.log ?? createLogger({ level: config.logLevel, format: config.logFormat });
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const feedRule: FeedDayRule = { timeZone: config.feedTimeZone, rolloverHour: config.feedRolloverHour };
  const urls = { arxivOai: config.arxivOaiUrl, arxivApi: config.arxivApiUrl, hfApi: config.hfApiUrl };
  const arxivHttp = new PoliteHttp({ userAgent: USER_AGENT, minIntervalMs: arxivInterval(config), timeoutMs: config.httpTimeoutMs, log });
  // The Daily Papers API has no published pacing rule; a short gap keeps a back-fill gentle.
  const hfHttp = new PoliteHttp({ userAgent: USER_AGENT, minIntervalMs: 250, timeoutMs: config.httpTimeoutMs, log });
  const quietLog = { warn: (o: object, m?: string) => log.debug(o, m) };
  const hfBackground = new PoliteHttp({
    userAgent: USER_AGENT,
    minIntervalMs: 250,
    timeoutMs: Math.min(config.httpTimeoutMs, 15_000),
    maxAttempts: 2,
    backoffBaseMs: 1000,
    log: quietLog,
  });

  let engine: Promise<SearchEngine> | null = null;
  const search = () => (engine ??= SearchEngine.open(store, config, log));

  const services: Services = {
    config,
    log,
    store,
    accounts: AccountsService.over(store.db, { sessionDays: config.sessionDays }),
    search,
    feedRule,
    feed: new FeedService(new FeedRepo(store), store, { rule: feedRule, halfLifeHours: config.trendingHalfLifeHours }),
    apiLimits: {
      anonymousPerMinute: config.apiRateLimit ?? DEFAULT_API_LIMITS.anonymousPerMinute,
      tokenPerMinute: config.apiTokenRateLimit ?? DEFAULT_API_LIMITS.tokenPerMinute,
    },
    community: new CommunityService(store, {
      feedRule,
      submitWindowDays: config.submitWindowDays,
      submitDailyLimit: config.submitDailyLimit,
      // Through the shared arXiv client, so a submission keeps to arXiv's pacing like every other arXiv request.
      fetchPaper: async (id) => (await fetchArxivPaper(store, services.syncDeps("arxiv"), id)).paper,
    }),
    pipeline: (o) => new ImportPipeline(store, o),
    syncDeps: (remote, extra = {}) => ({
      sink: new ImportPipeline(store),
      state: store,
      http: remote === "arxiv" ? arxivHttp : extra.background ? hfBackground : hfHttp,
      urls,
      log: extra.background ? { info: (o: object, m?: string) => log.debug(o, m), warn: quietLog.warn } : log,
      ...(extra.signal ? { signal: extra.signal } : {}),
    }),
    get personal() {
      return personal;
    },
    // Built below, once feed and accounts exist.
    get subscriptions() {
      return mail.subscriptions;
    },
    get digests() {
      return mail.digests;
    },
    close: async () => {
      await mail.close();
      if (engine) await (await engine.catch(() => null))?.close();
      await store.close();
    },
  };
  const personal = createPersonalServices({
    store,
    feed: services.feed,
    rule: feedRule,
    // The first request waits for the engine to open; while its vectors are missing (or its model fails) the model ranks by words alone.
    semantic: async () => (await search()).semantic(),
    windowDays: config.forYouWindowDays,
    trendingHalfLifeHours: config.trendingHalfLifeHours,
  });
  let mail: MailServices;
  try {
    // "For you" digests carry the personal feed's picks and reasons (src/personal), as /papers/for-you shows them.
    mail = createMailServices({ config, store, feed: services.feed, accounts: services.accounts, forYou: forYouSource(personal.forYou) });
  } catch (err) {
    await store.close();
    throw err;
  }
  return services;
}
