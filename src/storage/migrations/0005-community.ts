// Migration 0005: the hub's own community: accounts, sessions, upvotes, comments, submissions and moderation.
//
// Ids of users and comments are random strings made by the application, so
// both dialects share one column type and no id reveals how many rows exist.
// Local upvotes and comments are counted in `paper_stats`, apart from the
// counts imported with a paper's hub facts (`paper_hub.upvotes`), so a re-import
// never erases a vote cast here; pages show the sum. Hidden papers and comments
// keep their rows (a moderator can restore them); `moderation_log` records who
// did what.
import { sql, type Kysely, type Migration } from "kysely";

export const m0005Community: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("users")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("name", "text", (c) => c.notNull().unique())
      .addColumn("email", "text", (c) => c.notNull().unique())
      .addColumn("display_name", "text")
      .addColumn("password_hash", "text", (c) => c.notNull())
      .addColumn("role", "text", (c) => c.notNull().defaultTo("user").check(sql`role IN ('user', 'moderator', 'admin')`))
      .addColumn("org_name", "text")
      .addColumn("banned_at", "text")
      .addColumn("failed_logins", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("locked_until", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("users_org_name").on("users").column("org_name").execute();

    await db.schema
      .createTable("sessions")
      // SHA-256 of the cookie's token: a leaked database does not leak live sessions.
      .addColumn("token_hash", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("csrf_token", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_seen_at", "text", (c) => c.notNull())
      .addColumn("expires_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

    await db.schema
      .createTable("upvotes")
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("upvotes_pk", ["user_id", "paper_id"])
      .execute();
    await db.schema.createIndex("upvotes_paper").on("upvotes").columns(["paper_id", "created_at"]).execute();

    await db.schema
      .createTable("paper_stats")
      .addColumn("paper_id", "text", (c) => c.primaryKey().references("papers.id").onDelete("cascade"))
      .addColumn("upvotes", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("comments", "integer", (c) => c.notNull().defaultTo(0))
      .addColumn("hidden_at", "text")
      .addColumn("hidden_by", "text")
      .execute();

    await db.schema
      .createTable("comments")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      // Replies are one level deep: a parent is always a top-level comment.
      .addColumn("parent_id", "text", (c) => c.references("comments.id").onDelete("cascade"))
      .addColumn("body", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("edited_at", "text")
      .addColumn("deleted_at", "text")
      .addColumn("hidden_at", "text")
      .addColumn("hidden_by", "text")
      .execute();
    await db.schema.createIndex("comments_paper").on("comments").columns(["paper_id", "created_at"]).execute();
    await db.schema.createIndex("comments_user").on("comments").columns(["user_id", "created_at"]).execute();

    await db.schema
      .createTable("submissions")
      .addColumn("paper_id", "text", (c) => c.primaryKey().references("papers.id").onDelete("cascade"))
      .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
      .addColumn("feed_day", "text", (c) => c.notNull())
      .addColumn("submitted_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("submissions_user").on("submissions").columns(["user_id", "submitted_at"]).execute();

    await db.schema
      .createTable("moderation_log")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("actor_id", "text")
      .addColumn("actor_name", "text", (c) => c.notNull())
      .addColumn("action", "text", (c) => c.notNull())
      .addColumn("target_type", "text", (c) => c.notNull())
      .addColumn("target_id", "text", (c) => c.notNull())
      .addColumn("reason", "text")
      .addColumn("created_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("moderation_log_created").on("moderation_log").column("created_at").execute();

    await db.schema.createIndex("paper_hub_submitted_by").on("paper_hub").column("submitted_by").execute();
    // Feed pages (storage/feed-repo.ts): trending candidates by submission time; organisation pages match names case-insensitively.
    await db.schema.createIndex("paper_hub_submitted_at").on("paper_hub").column("submitted_at").execute();
    await db.schema.createIndex("paper_hub_org_name_lower").on("paper_hub").expression(sql`lower(org_name)`).execute();
    await db.schema.createIndex("users_org_name_lower").on("users").expression(sql`lower(org_name)`).execute();
  },
};

