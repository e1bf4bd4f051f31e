// Test helper: subscriptions and the digest sender over a store, mailing a loopback SMTP server, with the clock in the test's hand.
import { AccountsService } from "../../accounts/accounts-service.js";
import { FeedService } from "../../feed/feed-service.js";
import { FeedRepo } from "../../storage/feed-repo.js";
import type { Store } from "../../storage/store.js";
import { SubscriptionsRepo } from "../../storage/subscriptions-repo.js";
import { createMailServices, type MailDeps, type MailServices } from "../../subscriptions/mail-services.js";
import type { DigestSender } from "../digest-sender.js";

export const PUBLIC_URL = "https://hub.example.org";

export interface MailHub extends MailServices {
  digests: DigestSender;
  repo: SubscriptionsRepo;
  feed: FeedService;
  accounts: AccountsService;
  /** The hub's clock: set `clock.now` to move time. */
  clock: { now: Date };
}

export function mailHub(store: Store, o: { smtpUrl: string; now: string; forYou?: MailDeps["forYou"]; sender?: MailDeps["sender"] }): MailHub {
  const clock = { now: new Date(o.now) };
  const now = () => clock.now;
  const feed = new FeedService(new FeedRepo(store), store, { rule: { timeZone: "UTC", rolloverHour: 17 }, clock: now });
  const accounts = AccountsService.over(store.db, { hashParams: { ln: 10, r: 8, p: 1 } });
  const mail = createMailServices({
    config: { smtpUrl: o.smtpUrl, publicUrl: PUBLIC_URL, mailFrom: "Paperboard <digest@hub.example.org>", mailRatePerSecond: 0, trendingHalfLifeHours: 48 },
    store,
    feed,
    accounts,
    forYou: o.forYou ?? null,
    clock: now,
    sender: { retry: { attemptsPerRun: 3, maxAttempts: 6, baseDelayMs: 30, maxDelayMs: 1000 }, ...o.sender },
  });
  return { ...mail, digests: mail.digests!, repo: new SubscriptionsRepo(store.db), feed, accounts, clock };
}
