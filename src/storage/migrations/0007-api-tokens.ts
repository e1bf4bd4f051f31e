// Migration 0007: personal access tokens for the JSON API, stored as SHA-256 hashes (the token itself is shown once).
//
// A token belongs to one account and goes with it (ON DELETE CASCADE).
// `scopes` is a comma-separated subset of "read,write"; `hint` holds the last
// characters of the token so its owner can tell tokens apart without the
// secret. Revoking deletes the row: nothing about a revoked token stays usable.
import type { Kysely, Migration } from "kysely";

export const m0007ApiTokens: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable("api_tokens")
      .addColumn("id", "text", (c) => c.primaryKey())
      .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
      .addColumn("name", "text", (c) => c.notNull())
      .addColumn("token_hash", "text", (c) => c.notNull().unique())
      .addColumn("hint", "text", (c) => c.notNull())
      .addColumn("scopes", "text", (c) => c.notNull())
      .addColumn("created_at", "text", (c) => c.notNull())
      .addColumn("last_used_at", "text")
      .execute();
    await db.schema.createIndex("api_tokens_user").on("api_tokens").columns(["user_id", "created_at"]).execute();
  },
};
