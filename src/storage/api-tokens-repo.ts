// API token storage: the api_tokens table (migration 0007) and the account a token acts for. All of its SQL is here.
//
// The table is declared here and added to the database type with
// `withTables`, so this capability's storage stays in one file.
import type { Kysely } from "kysely";
import type { Database, Role } from "./schema.js";

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  /** SHA-256 (hex) of the whole token, `pb_…` included. */
  token_hash: string;
  /** The token's last characters, to tell tokens apart in a list. */
  hint: string;
  /** Comma-separated scopes, e.g. "read,write". */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
}

export type ApiTokenRow = ApiTokensTable;

/** A token found by its hash, with the account it acts for. */
export interface TokenOwnerRow {
  token: ApiTokenRow;
  user: { id: string; name: string; displayName: string | null; role: Role; bannedAt: string | null };
}

export class ApiTokensRepo {
  private readonly db: Kysely<Database & { api_tokens: ApiTokensTable }>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<{ api_tokens: ApiTokensTable }>();
  }

  async insert(row: ApiTokenRow): Promise<void> {
    await this.db.insertInto("api_tokens").values(row).execute();
  }

  async countByUser(userId: string): Promise<number> {
    const r = await this.db
      .selectFrom("api_tokens")
      .select((eb) => eb.fn.countAll<number | string>().as("n"))
      .where("user_id", "=", userId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** A user's tokens, newest first. */
  listByUser(userId: string): Promise<ApiTokenRow[]> {
    return this.db.selectFrom("api_tokens").selectAll().where("user_id", "=", userId).orderBy("created_at", "desc").orderBy("id").execute();
  }

  /** Deletes the user's token; false when the user has no token with this id. */
  async delete(userId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom("api_tokens").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  async findByHash(tokenHash: string): Promise<TokenOwnerRow | null> {
    const r = await this.db
      .selectFrom("api_tokens as t")
      .innerJoin("users as u", "u.id", "t.user_id")
      .selectAll("t")
      .select(["u.name as u_name", "u.display_name as u_display_name", "u.role as u_role", "u.banned_at as u_banned_at"])
      .where("t.token_hash", "=", tokenHash)
      .executeTakeFirst();
    if (!r) return null;
    const { u_name, u_display_name, u_role, u_banned_at, ...token } = r;
    return { token, user: { id: token.user_id, name: u_name, displayName: u_display_name, role: u_role, bannedAt: u_banned_at } };
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable("api_tokens").set({ last_used_at: at }).where("id", "=", id).execute();
  }
}
