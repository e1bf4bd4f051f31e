// The rules of subscriptions: subscribing with double opt-in, confirming, unsubscribing and managing by signed link or from an account.
//
// Anyone may subscribe an address; nothing but the confirmation mail goes to
// it until its link is followed, and each new subscription of an address is
// confirmed on its own, so a stranger cannot add digests to an address that
// confirmed once. Confirmation mails are capped per address (one per
// subscription per hour, five subscriptions a day) so the form cannot be used
// to flood a mailbox. A signed-in reader's account address is not verified
// either, so it is confirmed the same way, once. Unsubscribing deletes the
// rows at once; nothing about a cancelled subscription is kept.
import { randomBytes } from "node:crypto";
import type { AccountsService } from "../accounts/accounts-service.js";
import { readEmail } from "../accounts/account-fields.js";
import { ConfigError, FieldError, NotFoundError, SourceError, ValidationError } from "../domain/errors.js";
import type { Mailer } from "../mail/mailer.js";
import type { SubscriberRow, SubscriptionRecord, SubscriptionsRepo } from "../storage/subscriptions-repo.js";
import { CONFIRM_DAYS, confirmationMail } from "./confirmation-mail.js";
import { describeFollow, followKey, readFollow, type Follow } from "./follow.js";
import type { HubLinks } from "./hub-links.js";
import type { Schedule } from "./schedule.js";
import { LinkSigner, type LinkPurpose, type LinkToken } from "./signed-links.js";

export interface SubscriptionsOptions {
  repo: SubscriptionsRepo;
  accounts: Pick<AccountsService, "getAccount">;
  /** Null when the hub has no SMTP settings: subscriptions are stored, but none can be confirmed by mail. */
  mailer: Mailer | null;
  /** Null without PAPERBOARD_PUBLIC_URL (then mailer is null too). */
  links: HubLinks | null;
  clock?: () => Date;
}

export interface SubscribeInput {
  /** An anonymous subscription's address. */
  email?: string;
  /** An account's subscription: mail goes to the account's address. */
  userId?: string;
  follow: Follow;
  schedule: Schedule;
  /** Skip double opt-in: the operator vouches for the address (CLI --confirmed). */
  confirmed?: boolean;
}

/**
 * confirmation-sent: a link was mailed; confirmation-pending: one was mailed
 * lately or the address reached its daily cap, nothing sent now; active:
 * live at once (confirmed account or operator); already-active: it existed.
 */
export type SubscribeOutcome = "confirmation-sent" | "confirmation-pending" | "active" | "already-active";

export interface ManagedSubscriptions {
  email: string;
  subscriberId: string;
  subscriptions: Array<SubscriptionRecord & { unsubscribeToken: string }>;
  unsubscribeAllToken: string;
}

const HOUR_MS = 3_600_000;
const RESEND_AFTER_MS = HOUR_MS;
const CONFIRMATIONS_PER_DAY = 5;
const noMail = () => new ConfigError("Mail is not set up on this hub (PAPERBOARD_SMTP_URL and PAPERBOARD_PUBLIC_URL), so no confirmation can be sent.");
export const INVALID_LINK = "This link is not valid. Copy the whole link from the mail, or subscribe again.";

export class SubscriptionsService {
  private readonly clock: () => Date;
  private signer: Promise<LinkSigner> | null = null;

  constructor(private readonly o: SubscriptionsOptions) {
    this.clock = o.clock ?? (() => new Date());
  }

  /** Whether confirmation mails can be sent, so forms should be offered. */
  get mailEnabled(): boolean {
    return this.o.mailer !== null && this.o.links !== null;
  }

  async subscribe(input: SubscribeInput): Promise<{ subscription: SubscriptionRecord; outcome: SubscribeOutcome }> {
    const follow = readFollow(input.follow);
    if (follow.kind === "for-you" && !input.userId) throw new FieldError("follow", "The personal digest needs an account: sign in, then subscribe from your settings.");
    // Checked before anything is stored: a subscription no mail can confirm would wait for ever.
    if (!input.confirmed && !input.userId && !this.mailEnabled) throw noMail();
    const now = this.clock().toISOString();
    const subscriber = await this.subscriberFor(input, now);
    const vouched = input.confirmed === true || (input.userId !== undefined && subscriber.confirmed_at !== null);
    if (!vouched && !this.mailEnabled) throw noMail();
    const { record, created } = await this.o.repo.addSubscription({
      id: randomBytes(12).toString("base64url"),
      subscriberId: subscriber.id,
      follow,
      followKey: followKey(follow),
      schedule: input.schedule,
      confirmedAt: vouched ? now : null,
      createdAt: now,
    });
    if (vouched && (!record.confirmedAt || !record.subscriberConfirmedAt)) {
      await this.o.repo.confirm(record.id, subscriber.id, now);
      return { subscription: (await this.o.repo.findSubscription(record.id))!, outcome: "active" };
    }
    if (record.confirmedAt && record.subscriberConfirmedAt) return { subscription: record, outcome: created ? "active" : "already-active" };
    return { subscription: record, outcome: await this.sendConfirmation(record) };
  }

  /** The subscription a confirmation link names, checked (for the page that asks to confirm); nothing changes. */
  async confirmation(token: string | undefined): Promise<SubscriptionRecord> {
    const { sub } = await this.subscriptionOf(token, "confirm");
    if (!sub) throw new NotFoundError("This subscription no longer exists. Subscribe again to get a new link.");
    return sub;
  }

  /** Confirms the subscription (and its address) the link names; following a link twice is fine. */
  async confirm(token: string | undefined): Promise<SubscriptionRecord> {
    const sub = await this.confirmation(token);
    await this.o.repo.confirm(sub.id, sub.subscriberId, this.clock().toISOString());
    return (await this.o.repo.findSubscription(sub.id))!;
  }

  /** What an unsubscribe link would stop, for its page; null when that is already gone. */
  async unsubscribeTarget(token: string | undefined): Promise<{ what: string; email: string } | null> {
    const t = this.read(token, ["unsubscribe", "unsubscribe-all"]);
    if (t.purpose === "unsubscribe") {
      const { sub } = await this.subscriptionOf(token, "unsubscribe");
      return sub ? { what: `${describeFollow(sub.follow)} (${sub.schedule.frequency})`, email: sub.email } : null;
    }
    const subscriber = await this.subscriberOf(t);
    return subscriber ? { what: "every mail from this hub", email: subscriber.email } : null;
  }

  /**
   * Unsubscribes at once: one subscription, or the whole address with all of
   * its subscriptions. Idempotent: a link whose rows are gone answers as done.
   */
  async unsubscribe(token: string | undefined): Promise<void> {
    const t = this.read(token, ["unsubscribe", "unsubscribe-all"]);
    if (t.purpose === "unsubscribe") {
      const { sub } = await this.subscriptionOf(token, "unsubscribe");
      if (sub) await this.o.repo.deleteSubscription(sub.id);
      return;
    }
    const subscriber = await this.subscriberOf(t);
    if (subscriber) await this.o.repo.deleteSubscriber(subscriber.id);
  }

  /** The address's subscriptions behind a manage link, each with its own unsubscribe token. */
  async managed(token: string | undefined): Promise<ManagedSubscriptions> {
    const subscriber = await this.subscriberOf(this.read(token, ["manage"]));
    if (!subscriber) throw new NotFoundError("This address has no subscriptions any more.");
    const signer = await this.signer_();
    const subs = await this.o.repo.listSubscriptions(subscriber.id);
    return {
      email: subscriber.email,
      subscriberId: subscriber.id,
      subscriptions: subs.map((s) => ({ ...s, unsubscribeToken: signer.sign("unsubscribe", s.id, subscriber.token_nonce) })),
      unsubscribeAllToken: signer.sign("unsubscribe-all", subscriber.id, subscriber.token_nonce),
    };
  }

  /** Changes when a subscription of the manage link's address is mailed. */
  async rescheduleByToken(token: string | undefined, subscriptionId: string, schedule: Schedule): Promise<void> {
    const view = await this.managed(token);
    if (!view.subscriptions.some((s) => s.id === subscriptionId)) throw new NotFoundError("This subscription no longer exists.");
    await this.o.repo.updateSchedule(subscriptionId, schedule);
  }

  /**
   * An account's subscriptions and the address they go to (null before the
   * first). When the account's address has changed since, mail keeps going to
   * the confirmed old one until the next subscription moves it (and asks to
   * confirm the new one): an unconfirmed address never gets digests.
   */
  async forAccount(userId: string): Promise<{ email: string | null; accountEmail: string; confirmed: boolean; subscriptions: SubscriptionRecord[] }> {
    const accountEmail = (await this.o.accounts.getAccount(userId)).email;
    const subscriber = await this.o.repo.findAccountSubscriber(userId);
    if (!subscriber) return { email: null, accountEmail, confirmed: false, subscriptions: [] };
    return { email: subscriber.email, accountEmail, confirmed: subscriber.confirmed_at !== null, subscriptions: await this.o.repo.listSubscriptions(subscriber.id) };
  }

  async rescheduleForAccount(userId: string, subscriptionId: string, schedule: Schedule): Promise<void> {
    await this.o.repo.updateSchedule((await this.ownedBy(userId, subscriptionId)).id, schedule);
  }

  async removeForAccount(userId: string, subscriptionId: string): Promise<void> {
    await this.o.repo.deleteSubscription((await this.ownedBy(userId, subscriptionId)).id);
  }

  /** Every subscription, for the CLI. */
  list(): Promise<SubscriptionRecord[]> {
    return this.o.repo.listSubscriptions();
  }

  /** Deletes a subscription by id (the operator's CLI); NotFoundError when there is none. */
  async remove(subscriptionId: string): Promise<SubscriptionRecord> {
    const sub = await this.o.repo.findSubscription(subscriptionId);
    if (!sub) throw new NotFoundError(`No subscription with id ${subscriptionId}.`);
    await this.o.repo.deleteSubscription(sub.id);
    return sub;
  }

  /** The signed links every digest of the subscription carries. */
  async mailLinks(sub: Pick<SubscriptionRecord, "id" | "subscriberId" | "tokenNonce">): Promise<{ unsubscribe: string; manage: string }> {
    const signer = await this.signer_();
    return { unsubscribe: signer.sign("unsubscribe", sub.id, sub.tokenNonce), manage: signer.sign("manage", sub.subscriberId, sub.tokenNonce) };
  }

  private async subscriberFor(input: SubscribeInput, now: string): Promise<SubscriberRow> {
    if (input.userId) {
      const account = await this.o.accounts.getAccount(input.userId);
      const subscriber = await this.o.repo.accountSubscriber(input.userId, account.email, now);
      if (subscriber.email === account.email) return subscriber;
      // The account's address changed since: the new one must be confirmed before anything goes to it.
      await this.o.repo.readdressSubscriber(subscriber.id, account.email);
      return (await this.o.repo.findSubscriber(subscriber.id))!;
    }
    if (!input.email) throw new FieldError("email", "Enter the address to send the mails to.");
    return this.o.repo.anonymousSubscriber(readEmail(input.email), now);
  }

  private async sendConfirmation(sub: SubscriptionRecord): Promise<SubscribeOutcome> {
    const { mailer, links } = this.o;
    if (!mailer || !links) throw noMail();
    const now = this.clock();
    if (sub.confirmSentAt && now.getTime() - Date.parse(sub.confirmSentAt) < RESEND_AFTER_MS) return "confirmation-pending";
    const since = new Date(now.getTime() - 24 * HOUR_MS).toISOString();
    if (!sub.confirmSentAt && (await this.o.repo.confirmationsSince(sub.subscriberId, since)) >= CONFIRMATIONS_PER_DAY) return "confirmation-pending";
    const signer = await this.signer_();
    const expires = new Date(now.getTime() + CONFIRM_DAYS * 24 * HOUR_MS);
    const unsubscribeUrl = links.unsubscribe(signer.sign("unsubscribe", sub.id, sub.tokenNonce));
    const mail = confirmationMail({
      email: sub.email,
      follow: sub.follow,
      frequency: sub.schedule.frequency,
      confirmUrl: links.confirm(signer.sign("confirm", sub.id, sub.tokenNonce, expires)),
      unsubscribeUrl,
      manageUrl: links.manage(signer.sign("manage", sub.subscriberId, sub.tokenNonce)),
    });
    try {
      await mailer.send({ to: sub.email, ...mail, unsubscribeUrl });
    } catch (err) {
      throw new SourceError("The confirmation mail could not be sent just now. Please try again in a few minutes.", { cause: err });
    }
    await this.o.repo.markConfirmationSent(sub.id, now.toISOString());
    return "confirmation-sent";
  }

  private read(token: string | undefined, purposes: readonly LinkPurpose[]): LinkToken {
    const t = LinkSigner.read(token);
    if (!t || !purposes.includes(t.purpose)) throw new ValidationError(INVALID_LINK);
    return t;
  }

  /** The subscription a subscription-scoped link names, after checking its signature; sub is undefined when it is gone. */
  private async subscriptionOf(token: string | undefined, purpose: "confirm" | "unsubscribe"): Promise<{ sub: SubscriptionRecord | undefined }> {
    const t = this.read(token, [purpose]);
    const sub = await this.o.repo.findSubscription(t.id);
    if (!sub) return { sub: undefined };
    const check = (await this.signer_()).check(t, sub.tokenNonce, this.clock());
    if (check === "invalid") throw new ValidationError(INVALID_LINK);
    if (check === "expired") throw new ValidationError("This confirmation link has expired. Subscribe again to get a new one.");
    return { sub };
  }

  private async subscriberOf(t: LinkToken): Promise<SubscriberRow | undefined> {
    const subscriber = await this.o.repo.findSubscriber(t.id);
    if (subscriber && (await this.signer_()).check(t, subscriber.token_nonce, this.clock()) !== "ok") throw new ValidationError(INVALID_LINK);
    return subscriber;
  }

  private async ownedBy(userId: string, subscriptionId: string): Promise<SubscriptionRecord> {
    const sub = await this.o.repo.findSubscription(subscriptionId);
    if (!sub || sub.userId !== userId) throw new NotFoundError("You have no such subscription.");
    return sub;
  }

  private signer_(): Promise<LinkSigner> {
    return (this.signer ??= this.o.repo.signingKey().then((key) => new LinkSigner(key)));
  }
}
