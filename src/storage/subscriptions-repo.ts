// Subscription storage: subscribers, subscriptions, deliveries and delivered papers (migration 0008), and the link-signing key. All of its SQL is here.
//
// The tables are declared here and added to the database type with
// `withTables`, so this capability's storage stays in one file. A delivery
// moves pending → sent | failed, or is recorded 'empty' (nothing new to
// send); a pending one is owned by whoever holds its lease, taken with a
// conditional UPDATE, so two sending processes never work on one row.
import { randomBytes } from "node:crypto";
import type { Kysely, Selectable } from "kysely";
import { followFrom, followParams, type Follow } from "../subscriptions/follow.js";
import type { Frequency, Schedule } from "../subscriptions/schedule.js";
import type { Database } from "./schema.js";

export interface SubscribersTable {
  id: string;
  email: string;
  user_id: string | null;
  confirmed_at: string | null;
  token_nonce: string;
  created_at: string;
}

export interface SubscriptionsTable {
  id: string;
  subscriber_id: string;
  kind: string;
  follow_key: string;
  params: string;
  frequency: Frequency;
  send_hour: number;
  send_weekday: number;
  time_zone: string;
  weekdays_only: number;
  confirmed_at: string | null;
  confirm_sent_at: string | null;
  created_at: string;
}

export type DeliveryStatus = "pending" | "sent" | "failed" | "empty";

export interface DeliveriesTable {
  id: string;
  subscription_id: string;
  period_key: string;
  idempotency_key: string;
  status: DeliveryStatus;
  /** JSON: DigestItemRef[], fixed when the period is claimed. */
  items: string;
  attempts: number;
  /** The sending run that holds a pending delivery, until lease_until. */
  lease_owner: string | null;
  lease_until: string | null;
  next_attempt_at: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  message_id: string | null;
}

export interface DeliveredPapersTable {
  subscription_id: string;
  paper_id: string;
  delivered_at: string;
}

type Tables = { subscribers: SubscribersTable; subscriptions: SubscriptionsTable; deliveries: DeliveriesTable; delivered_papers: DeliveredPapersTable };
export type SubscriberRow = Selectable<SubscribersTable>;
export type DeliveryRow = Selectable<DeliveriesTable>;

/** A subscription with its subscriber. */
export interface SubscriptionRecord {
  id: string;
  subscriberId: string;
  email: string;
  userId: string | null;
  follow: Follow;
  followKey: string;
  schedule: Schedule;
  /** This subscription's confirmation (null: pending). */
  confirmedAt: string | null;
  /** The address's confirmation (null: never confirmed). */
  subscriberConfirmedAt: string | null;
  tokenNonce: string;
  confirmSentAt: string | null;
  createdAt: string;
}

export interface NewSubscription {
  id: string;
  subscriberId: string;
  follow: Follow;
  followKey: string;
  schedule: Schedule;
  confirmedAt: string | null;
  createdAt: string;
}

/** What a digest holds, as claimed: a paper and the line saying why it is there. */
export interface DigestItemRef {
  id: string;
  reason: string;
}

const SIGNING_KEY = "subscriptions:link-signing-key";
const CHUNK = 500;

export class SubscriptionsRepo {
  private readonly db: Kysely<Database & Tables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<Tables>();
  }

  /** The hub's key for signed links, made on first use; concurrent first uses agree on the one stored. */
  async signingKey(): Promise<Buffer> {
    const read = () => this.db.selectFrom("sync_state").select("value").where("key", "=", SIGNING_KEY).executeTakeFirst();
    let row = await read();
    if (!row) {
      const value = randomBytes(32).toString("base64url");
      await this.db.insertInto("sync_state").values({ key: SIGNING_KEY, value, updated_at: new Date().toISOString() }).onConflict((oc) => oc.doNothing()).execute();
      row = await read();
    }
    return Buffer.from(row!.value, "base64url");
  }

  // --- subscribers

  /** The anonymous subscriber of this address, created (unconfirmed) when there is none. */
  async anonymousSubscriber(email: string, now: string): Promise<SubscriberRow> {
    const find = () => this.db.selectFrom("subscribers").selectAll().where("email", "=", email).where("user_id", "is", null).executeTakeFirst();
    const found = await find();
    if (found) return found;
    await this.db.insertInto("subscribers").values(newSubscriber(email, null, now)).onConflict((oc) => oc.doNothing()).execute();
    return (await find())!;
  }

  /** The account's subscriber, created (unconfirmed, at the account's address) when there is none. */
  async accountSubscriber(userId: string, email: string, now: string): Promise<SubscriberRow> {
    const find = () => this.db.selectFrom("subscribers").selectAll().where("user_id", "=", userId).executeTakeFirst();
    const found = await find();
    if (found) return found;
    await this.db.insertInto("subscribers").values(newSubscriber(email, userId, now)).onConflict((oc) => oc.doNothing()).execute();
    return (await find())!;
  }

  findSubscriber(id: string): Promise<SubscriberRow | undefined> {
    return this.db.selectFrom("subscribers").selectAll().where("id", "=", id).executeTakeFirst();
  }

  findAccountSubscriber(userId: string): Promise<SubscriberRow | undefined> {
    return this.db.selectFrom("subscribers").selectAll().where("user_id", "=", userId).executeTakeFirst();
  }

  /** A new address: unconfirmed again, and every link mailed to the old one revoked (new nonce). */
  async readdressSubscriber(id: string, email: string): Promise<void> {
    await this.db
      .updateTable("subscribers")
      .set({ email, confirmed_at: null, token_nonce: randomBytes(12).toString("base64url") })
      .where("id", "=", id)
      .execute();
  }

  /** Deletes the subscriber with its subscriptions and their deliveries (cascade); false when it was gone. */
  async deleteSubscriber(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom("subscribers").where("id", "=", id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // --- subscriptions

  /** Inserts the subscription, or returns the one the subscriber already has for this follow and frequency. */
  async addSubscription(s: NewSubscription): Promise<{ record: SubscriptionRecord; created: boolean }> {
    const r = await this.db
      .insertInto("subscriptions")
      .values({
        id: s.id,
        subscriber_id: s.subscriberId,
        kind: s.follow.kind,
        follow_key: s.followKey,
        params: followParams(s.follow),
        frequency: s.schedule.frequency,
        send_hour: s.schedule.sendHour,
        send_weekday: s.schedule.sendWeekday,
        time_zone: s.schedule.timeZone,
        weekdays_only: s.schedule.weekdaysOnly ? 1 : 0,
        confirmed_at: s.confirmedAt,
        confirm_sent_at: null,
        created_at: s.createdAt,
      })
      .onConflict((oc) => oc.doNothing())
      .returning("id")
      .executeTakeFirst();
    const existing = await this.subscriptionsQuery()
      .where("s.subscriber_id", "=", s.subscriberId)
      .where("s.follow_key", "=", s.followKey)
      .where("s.frequency", "=", s.schedule.frequency)
      .executeTakeFirstOrThrow();
    return { record: toRecord(existing), created: r !== undefined };
  }

  async findSubscription(id: string): Promise<SubscriptionRecord | undefined> {
    const row = await this.subscriptionsQuery().where("s.id", "=", id).executeTakeFirst();
    return row ? toRecord(row) : undefined;
  }

  /** Subscriptions of one subscriber, or of everyone, oldest first. */
  async listSubscriptions(subscriberId?: string): Promise<SubscriptionRecord[]> {
    let q = this.subscriptionsQuery().orderBy("s.created_at").orderBy("s.id");
    if (subscriberId) q = q.where("s.subscriber_id", "=", subscriberId);
    return (await q.execute()).map(toRecord);
  }

  /** Subscriptions whose subscriber and selves are confirmed: the ones that get digests. */
  async liveSubscriptions(): Promise<SubscriptionRecord[]> {
    const rows = await this.subscriptionsQuery()
      .where("s.confirmed_at", "is not", null)
      .where("b.confirmed_at", "is not", null)
      .orderBy("s.id")
      .execute();
    return rows.map(toRecord);
  }

  async updateSchedule(id: string, s: Schedule): Promise<void> {
    await this.db
      .updateTable("subscriptions")
      .set({ send_hour: s.sendHour, send_weekday: s.sendWeekday, time_zone: s.timeZone, weekdays_only: s.weekdaysOnly ? 1 : 0 })
      .where("id", "=", id)
      .execute();
  }

  async markConfirmationSent(id: string, at: string): Promise<void> {
    await this.db.updateTable("subscriptions").set({ confirm_sent_at: at }).where("id", "=", id).execute();
  }

  /** Confirmation mails sent to the subscriber since `since` (a cap against mailing a stranger's address repeatedly). */
  async confirmationsSince(subscriberId: string, since: string): Promise<number> {
    const r = await this.db
      .selectFrom("subscriptions")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("subscriber_id", "=", subscriberId)
      .where("confirm_sent_at", ">=", since)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Confirms the subscription and its address, in one transaction; keeps earlier confirmation times. */
  async confirm(subscriptionId: string, subscriberId: string, at: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable("subscriptions").set({ confirmed_at: at }).where("id", "=", subscriptionId).where("confirmed_at", "is", null).execute();
      await trx.updateTable("subscribers").set({ confirmed_at: at }).where("id", "=", subscriberId).where("confirmed_at", "is", null).execute();
    });
  }

  /** Deletes the subscription with its deliveries and delivered papers (cascade); false when it was gone. */
  async deleteSubscription(id: string): Promise<boolean> {
    const r = await this.db.deleteFrom("subscriptions").where("id", "=", id).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  // --- deliveries

  /** Of these idempotency keys, those with a delivery row (whatever its state). */
  async recordedKeys(keys: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < keys.length; i += CHUNK) {
      const rows = await this.db.selectFrom("deliveries").select("idempotency_key").where("idempotency_key", "in", keys.slice(i, i + CHUNK)).execute();
      for (const r of rows) out.add(r.idempotency_key);
    }
    return out;
  }

  /**
   * Claims a period: inserts its delivery (pending with a lease held by the
   * caller, or 'empty'); false when a delivery with this idempotency key
   * exists, i.e. someone else claimed the period first.
   */
  async claim(row: Omit<DeliveryRow, "attempts" | "next_attempt_at" | "last_error" | "sent_at" | "message_id">): Promise<boolean> {
    const r = await this.db
      .insertInto("deliveries")
      .values({ ...row, attempts: 0, next_attempt_at: null, last_error: null, sent_at: null, message_id: null })
      .onConflict((oc) => oc.column("idempotency_key").doNothing())
      .returning("id")
      .executeTakeFirst();
    return r !== undefined;
  }

  /** Pending deliveries nobody holds (lease expired or released) and whose back-off has passed, oldest first. */
  async orphanedPending(now: string, limit: number): Promise<DeliveryRow[]> {
    return this.db
      .selectFrom("deliveries")
      .selectAll()
      .where("status", "=", "pending")
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .where((eb) => eb.or([eb("next_attempt_at", "is", null), eb("next_attempt_at", "<=", now)]))
      .orderBy("created_at")
      .orderBy("id")
      .limit(limit)
      .execute();
  }

  /** Takes the lease of a pending delivery nobody holds; false when another run holds it or it is no longer pending. */
  async takeLease(id: string, owner: string, now: string, leaseUntil: string): Promise<boolean> {
    const r = await this.db
      .updateTable("deliveries")
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where((eb) => eb.or([eb("lease_until", "is", null), eb("lease_until", "<", now)]))
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * Counts an attempt before it is made (committed first, so a crash mid-send
   * leaves attempts > 0) and extends the lease; false when the delivery is no
   * longer this run's: no longer pending, gone with a cancelled subscription,
   * or taken over by another run after this one's lease ran out.
   */
  async startAttempt(id: string, owner: string, leaseUntil: string): Promise<boolean> {
    const r = await this.db
      .updateTable("deliveries")
      .set((eb) => ({ attempts: eb("attempts", "+", 1), lease_until: leaseUntil, last_error: null }))
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where("lease_owner", "=", owner)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /** 'sent', with the papers recorded as delivered to the subscription, in one transaction. */
  async markSent(d: { id: string; subscriptionId: string; paperIds: readonly string[]; at: string; messageId: string }): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable("deliveries")
        .set({ status: "sent", sent_at: d.at, message_id: d.messageId, lease_owner: null, lease_until: null })
        .where("id", "=", d.id)
        .executeTakeFirst();
      // No delivery row: the subscription was cancelled meanwhile (its deliveries went with it), so nothing to record.
      if (Number(r.numUpdatedRows) === 0 || d.paperIds.length === 0) return;
      await trx
        .insertInto("delivered_papers")
        .values(d.paperIds.map((paper_id) => ({ subscription_id: d.subscriptionId, paper_id, delivered_at: d.at })))
        .onConflict((oc) => oc.doNothing())
        .execute();
    });
  }

  /** A temporary failure: stays pending, lease released, not retried before `nextAttemptAt`. */
  async markRetry(id: string, error: string, nextAttemptAt: string): Promise<void> {
    await this.db.updateTable("deliveries").set({ lease_owner: null, lease_until: null, next_attempt_at: nextAttemptAt, last_error: error }).where("id", "=", id).execute();
  }

  async markFailed(id: string, error: string): Promise<void> {
    await this.db.updateTable("deliveries").set({ status: "failed", lease_owner: null, lease_until: null, last_error: error }).where("id", "=", id).execute();
  }

  /** Nothing left to send (its papers were hidden meanwhile). */
  async markEmpty(id: string): Promise<void> {
    await this.db.updateTable("deliveries").set({ status: "empty", lease_owner: null, lease_until: null }).where("id", "=", id).execute();
  }

  /** Gives up a lease without an attempt (the run stopped), so the next run takes the delivery at once. */
  async release(id: string, owner: string): Promise<void> {
    await this.db
      .updateTable("deliveries")
      .set({ lease_owner: null, lease_until: null })
      .where("id", "=", id)
      .where("status", "=", "pending")
      .where("lease_owner", "=", owner)
      .execute();
  }

  async findDelivery(id: string): Promise<DeliveryRow | undefined> {
    return this.db.selectFrom("deliveries").selectAll().where("id", "=", id).executeTakeFirst();
  }

  /** Deliveries of one subscription, or all, oldest first. */
  listDeliveries(subscriptionId?: string): Promise<DeliveryRow[]> {
    let q = this.db.selectFrom("deliveries").selectAll().orderBy("created_at").orderBy("id");
    if (subscriptionId) q = q.where("subscription_id", "=", subscriptionId);
    return q.execute();
  }

  /** Of these papers, those already delivered to the subscription. */
  async deliveredAmong(subscriptionId: string, paperIds: readonly string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (let i = 0; i < paperIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom("delivered_papers")
        .select("paper_id")
        .where("subscription_id", "=", subscriptionId)
        .where("paper_id", "in", paperIds.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.add(r.paper_id);
    }
    return out;
  }

  /** The papers most recently delivered to the subscription (a personal ranking leaves them out before it cuts its list). */
  async deliveredIds(subscriptionId: string, limit = 5000): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom("delivered_papers")
      .select("paper_id")
      .where("subscription_id", "=", subscriptionId)
      .orderBy("delivered_at", "desc")
      .limit(limit)
      .execute();
    return new Set(rows.map((r) => r.paper_id));
  }

  private subscriptionsQuery() {
    return this.db
      .selectFrom("subscriptions as s")
      .innerJoin("subscribers as b", "b.id", "s.subscriber_id")
      .selectAll("s")
      .select(["b.email", "b.user_id", "b.confirmed_at as subscriber_confirmed_at", "b.token_nonce"]);
  }
}

function newSubscriber(email: string, userId: string | null, now: string): SubscriberRow {
  return { id: randomBytes(12).toString("base64url"), email, user_id: userId, confirmed_at: null, token_nonce: randomBytes(12).toString("base64url"), created_at: now };
}

type JoinedRow = Selectable<SubscriptionsTable> & { email: string; user_id: string | null; subscriber_confirmed_at: string | null; token_nonce: string };

function toRecord(r: JoinedRow): SubscriptionRecord {
  return {
    id: r.id,
    subscriberId: r.subscriber_id,
    email: r.email,
    userId: r.user_id,
    follow: followFrom(r.kind, r.params),
    followKey: r.follow_key,
    schedule: { frequency: r.frequency, sendHour: Number(r.send_hour), timeZone: r.time_zone, weekdaysOnly: Number(r.weekdays_only) === 1, sendWeekday: Number(r.send_weekday) },
    confirmedAt: r.confirmed_at,
    subscriberConfirmedAt: r.subscriber_confirmed_at,
    tokenNonce: r.token_nonce,
    confirmSentAt: r.confirm_sent_at,
    createdAt: r.created_at,
  };
}
