// Migration 0008: mail subscriptions: who gets mail, what each subscription follows, and every delivery made.
//
// A subscriber is one mailbox. Rows made from an account (user_id set) go
// with the account (ON DELETE CASCADE); rows made from the anonymous form are
// unique per address (a partial unique index, so an account's row may share
// its address). `token_nonce` enters every signed link of the subscriber:
// replacing it revokes them all.
//
// A subscription is live once both it and its subscriber are confirmed
// (double opt-in, per subscription, so a confirmed address cannot be signed up
// for more by someone else). `follow_key` is the canonical form of what it
// follows, so the same digest is not subscribed twice at one frequency.
//
// A delivery is one digest of one subscription for one period. Its
// `idempotency_key` (subscription + period) is UNIQUE: claiming a period is
// the insert itself, so two senders (the server's scheduler and a cron run)
// can never both own one. A pending delivery belongs to the run named in
// `lease_owner` until `lease_until`; after that another run may take it over. `items` fixes the digest's papers and reasons when
// it is claimed, so a resumed send mails the same content. `delivered_papers`
// records what reached each subscription, written in the same transaction as
// the delivery's 'sent', so no paper is mailed to a subscription twice.
import { sql, type Kysely, type Migration } from "kysely";

export const m0008Subscriptions: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("subscribers")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("email", "text", (c) => c.notNull())
      .addColumn("user_id", "text", (c) => c.unique().references("users.id").onDelete("cascade"))
      .addColumn("confirmed_at", "text")
      .addColumn("token_nonce", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await sql`CREATE UNIQUE INDEX subscribers_anonymous_email ON subscribers (email) WHERE user_id IS NULL`.execute(db);

    await db.schema
      .createTable("subscriptions")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("subscriber_id", "text", (c) => c.notNull().references("subscribers.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) =>
        c.notNull().check(sql`kind IN ('trending', 'for-you', 'search', 'author', 'category', 'organisation')`),
      )
      .addColumn("follow_key", "text", (c) => c.notNull())
      .addColumn("params", "text", (c) => c.notNull())
      .addColumn("frequency", "text", (c) => c.notNull().check(sql`frequency IN ('daily', 'weekly')`))
      .addColumn("send_hour", "integer", (c) => c.notNull().check(sql`send_hour BETWEEN 0 AND 23`))
      .addColumn("send_weekday", "integer", (c) => c.notNull().defaultTo(1).check(sql`send_weekday BETWEEN 1 AND 7`))
      .addColumn("time_zone", "text", (c) => c.notNull())
      .addColumn("weekdays_only", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("confirmed_at", "text")
      .addColumn("confirm_sent_at", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addUniqueConstraint("subscriptions_follow_once", ["subscriber_id", "follow_key", "frequency"])
      .execute();

    await db.schema
      .createTable("deliveries")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("subscription_id", "text", (c) => c.notNull().references("subscriptions.id").onDelete("cascade"))
      .addColumn("period_key", "text", (c) => c.notNull())
      .addColumn("idempotency_key", "text", (c) => c.notNull().unique())
      .addColumn("status", "text", (c) => c.notNull().check(sql`status IN ('pending', 'sent', 'failed', 'empty')`))
      .addColumn("items", "text", (c) => c.notNull())
      .addColumn("attempts", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("lease_owner", "text")
      .addColumn("lease_until", "text")
      .addColumn("next_attempt_at", "text")
      .addColumn("last_error", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("sent_at", "text")
      .addColumn("message_id", "text")
      .execute();
    await db.schema.createIndex("deliveries_subscription").on("deliveries").columns(["subscription_id", "created_at"]).execute();
    await sql`CREATE INDEX deliveries_pending ON deliveries (next_attempt_at) WHERE status = 'pending'`.execute(db);

    await db.schema
      .createTable("delivered_papers")
      .addColumn("subscription_id", "text", (c) => c.notNull().references("subscriptions.id").onDelete("cascade"))
      .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
      .addColumn("delivered_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("delivered_papers_pk", ["subscription_id", "paper_id"])
      .execute();
  },
};
