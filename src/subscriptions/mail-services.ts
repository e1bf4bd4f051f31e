// Builds the mail side of the hub from the configuration: the SMTP mailer, subscriptions, and the digest sender (null without mail settings).
import type { AccountsService } from "../accounts/accounts-service.js";
import type { Config } from "../config/config.js";
import { DigestComposer } from "../digest/digest-composer.js";
import { DigestSender, type DigestSenderOptions } from "../digest/digest-sender.js";
import type { ForYouSource } from "../digest/digest-types.js";
import { ConfigError } from "../domain/errors.js";
import type { FeedService } from "../feed/feed-service.js";
import type { Mailer } from "../mail/mailer.js";
import { SmtpMailer } from "../mail/smtp-mailer.js";
import { SearchService } from "../search/search-service.js";
import { FeedRepo } from "../storage/feed-repo.js";
import type { Store } from "../storage/store.js";
import { SubscriptionsRepo } from "../storage/subscriptions-repo.js";
import { HubLinks } from "./hub-links.js";
import { SubscriptionsService } from "./subscriptions-service.js";

/** Mails in flight at once: enough to hide the round trips of SMTP, few enough for any relay's connection limit. */
const DEFAULT_LANES = 4;

export interface MailServices {
  subscriptions: SubscriptionsService;
  /** The digest job; null when no mail can be sent (PAPERBOARD_SMTP_URL unset). */
  digests: DigestSender | null;
  close(): Promise<void>;
}

export interface MailDeps {
  config: Pick<Config, "smtpUrl" | "mailFrom" | "mailRatePerSecond" | "publicUrl" | "trendingHalfLifeHours">;
  store: Store;
  feed: FeedService;
  accounts: Pick<AccountsService, "getAccount">;
  /** The personal selection for "for you" digests; without it they stay empty. */
  forYou?: ForYouSource | null;
  /** A mailer other than SMTP (tests); default: SmtpMailer from config.smtpUrl. */
  mailer?: Mailer;
  clock?: () => Date;
  /** Overrides of the sender's pacing and retries (tests, benchmarks). */
  sender?: Partial<Pick<DigestSenderOptions, "lanes" | "batchSize" | "retry" | "leaseMs" | "sleep" | "onRetry" | "ratePerSecond">>;
}

/** "Paperboard <paperboard@host>" for the hub's public host, when PAPERBOARD_MAIL_FROM is not set (localhost for an address such as 127.0.0.1). */
export function defaultMailFrom(publicUrl: string): string {
  const host = new URL(publicUrl).hostname;
  return `Paperboard <paperboard@${/^[\d.]+$|^\[/.test(host) ? "localhost" : host}>`;
}

export function createMailServices(d: MailDeps): MailServices {
  const { config } = d;
  if ((config.smtpUrl || d.mailer) && !config.publicUrl) {
    throw new ConfigError("PAPERBOARD_SMTP_URL is set but PAPERBOARD_PUBLIC_URL is not: links in mails need the hub's public address (e.g. https://papers.example.org)");
  }
  const links = config.publicUrl ? new HubLinks(config.publicUrl) : null;
  // One SMTP connection per sending lane: a lane waits on its connection's replies, never on another lane's.
  const lanes = d.sender?.lanes ?? DEFAULT_LANES;
  const mailer =
    d.mailer ?? (config.smtpUrl && config.publicUrl ? new SmtpMailer({ url: config.smtpUrl, from: config.mailFrom ?? defaultMailFrom(config.publicUrl), connections: lanes }) : null);
  const repo = new SubscriptionsRepo(d.store.db);
  const clock = d.clock ?? (() => new Date());
  const subscriptions = new SubscriptionsService({ repo, accounts: d.accounts, mailer, links, clock });
  let digests: DigestSender | null = null;
  if (mailer && links) {
    // Alerts search lexically (digest-composer.ts), so the search indexes' embedding model is not needed here.
    const search = new SearchService(d.store, { trendingHalfLifeHours: config.trendingHalfLifeHours });
    const composer = new DigestComposer({ feed: d.feed, feedRepo: new FeedRepo(d.store), search, forYou: d.forYou ?? null, delivered: repo });
    digests = new DigestSender({
      repo,
      composer,
      subscriptions,
      loadVisible: async (ids) => (await d.feed.visible(await d.store.getPapers(ids))).map((e) => e.paper),
      mailer,
      links,
      ratePerSecond: config.mailRatePerSecond,
      lanes,
      clock,
      ...d.sender,
    });
  }
  return { subscriptions, digests, close: async () => mailer?.close() };
}
