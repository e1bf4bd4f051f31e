// Migration 0009: the personal side of the hub: collections of saved papers, "not interested" marks, and followed categories and authors.
//
// Saving a paper into any collection counts as liking it for the personal
// model (personal/), so there is no separate "likes" table: likes are the
// user's upvotes plus the papers in their collections. `is_public` is an
// integer 0/1 in both dialects (SQLite has no boolean). Follows keep the name
// as the user picked it (`value`) beside a lower-cased `value_key`, so
// "cs.CL" and "cs.cl" are one follow. Everything goes with its account
// (ON DELETE CASCADE), and items go with their paper.
import { sql, type Kysely, type Migration } from "kysely";

export const m0009Personal: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("collections")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("slug", "text", (c) => c.notNull())
      .addColumn("is_public", "integer", (c) => c.notNull().defaultTo(0).check(sql`is_public IN (0, 1)`))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("updated_at", "text", (c) => c.notNull())
      .addUniqueConstraint("collections_user_slug", ["user_id", "slug"])
      .execute();

    await db.schema
      .createTable("collection_items")
      .addColumn("collection_id", "text", (c) => c.notNull().references("collections.id").onDelete("cascade"))
      .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
      .addColumn("added_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("collection_items_pk", ["collection_id", "paper_id"])
      .execute();
    await db.schema.createIndex("collection_items_added").on("collection_items").columns(["collection_id", "added_at"]).execute();
    await db.schema.createIndex("collection_items_paper").on("collection_items").column("paper_id").execute();

    await db.schema
      .createTable("not_interested")
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("paper_id", "text", (c) => c.notNull().references("papers.id").onDelete("cascade"))
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("not_interested_pk", ["user_id", "paper_id"])
      .execute();

    await db.schema
      .createTable("personal_follows")
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("kind", "text", (c) => c.notNull().check(sql`kind IN ('category', 'author')`))
      .addColumn("value", "text", (c) => c.notNull())
      .addColumn("value_key", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addPrimaryKeyConstraint("personal_follows_pk", ["user_id", "kind", "value_key"])
      .execute();
  },
};
