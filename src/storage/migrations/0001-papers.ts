// Migration 0001: papers, their hub facts, and sync state.
import type { Kysely, Migration } from "kysely";

export const m0001Papers: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("papers")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("version", "integer")
      .addColumn("title", "text", (c) => c.notNull())
      .addColumn("abstract", "text", (c) => c.notNull())
      .addColumn("authors", "text", (c) => c.notNull())
      .addColumn("categories", "text", (c) => c.notNull())
      .addColumn("primary_category", "text")
      .addColumn("published_at", "text")
      .addColumn("updated_at", "text")
      .addColumn("comments", "text")
      .addColumn("journal_ref", "text")
      .addColumn("doi", "text")
      .addColumn("license", "text")
      .addColumn("abs_url", "text")
      .addColumn("pdf_url", "text")
      .addColumn("code_url", "text")
      .addColumn("project_url", "text")
      .addColumn("source", "text", (c) => c.notNull())
      .addColumn("title_key", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("modified_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("papers_title_key").on("papers").column("title_key").execute();
    await db.schema.createIndex("papers_published_at").on("papers").columns(["published_at", "id"]).execute();

    await db.schema
      .createTable("paper_hub")
      .addColumn("paper_id", "text", (c) => c.primaryKey().references("papers.id").onDelete("cascade"))
      .addColumn("feed_day", "text")
      .addColumn("submitted_at", "text")
      .addColumn("submitted_by", "text")
      .addColumn("upvotes", "integer")
      .addColumn("num_comments", "integer")
      .addColumn("organization", "text")
      .addColumn("org_name", "text")
      .addColumn("github_repo", "text")
      .addColumn("github_stars", "integer")
      .addColumn("project_page", "text")
      .addColumn("ai_summary", "text")
      .addColumn("ai_keywords", "text")
      .addColumn("thumbnail", "text")
      .addColumn("discussion_id", "text")
      .addColumn("modified_at", "text", (c) => c.notNull())
      .execute();
    await db.schema.createIndex("paper_hub_feed_day").on("paper_hub").columns(["feed_day", "upvotes"]).execute();
    await db.schema.createIndex("paper_hub_org_name").on("paper_hub").column("org_name").execute();

    await db.schema
      .createTable("sync_state")
      .addColumn("key", "text", (c) => c.primaryKey())
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .execute();
  },
};
