// All SQL about accounts and sessions: users, their sign-in failures, sessions, and deleting an account with its counts.
import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from "kysely";
import type { Database, Role, SessionsTable, UsersTable } from "./schema.js";

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type SessionRow = Selectable<SessionsTable>;

/** A unique column an insert or update collided with. */
export type UniqueClash = "name" | "email";

export class AccountsRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Inserts the user, or answers which unique column already holds the value (names and emails are stored lowercased, so this is case-insensitive). */
  async insertUser(row: NewUser): Promise<UniqueClash | null> {
    try {
      await this.db.insertInto("users").values(row).execute();
      return null;
    } catch (err) {
      const clash = uniqueClash(err);
      if (clash) return clash;
      throw err;
    }
  }

  async findById(id: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirst();
  }

  async findByName(name: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("name", "=", name).executeTakeFirst();
  }

  async findByEmail(email: string): Promise<UserRow | undefined> {
    return this.db.selectFrom("users").selectAll().where("email", "=", email).executeTakeFirst();
  }

  /** Updates the user; answers the unique column the change collided with (an email in use), else null. */
  async updateUser(id: string, patch: Updateable<UsersTable>): Promise<UniqueClash | null> {
    try {
      await this.db.updateTable("users").set(patch).where("id", "=", id).execute();
      return null;
    } catch (err) {
      const clash = uniqueClash(err);
      if (clash) return clash;
      throw err;
    }
  }

  /**
   * Counts one more failed sign-in, atomically, and stores the lock the
   * caller's rule gives for the new count (null: no lock).
   */
  async recordFailedLogin(id: string, lockUntil: (failures: number) => string | null): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable("users")
        .set((eb) => ({ failed_logins: eb("failed_logins", "+", 1) }))
        .where("id", "=", id)
        .returning("failed_logins")
        .executeTakeFirst();
      const failures = row?.failed_logins ?? 0;
      const until = lockUntil(failures);
      if (until) await trx.updateTable("users").set({ locked_until: until }).where("id", "=", id).execute();
      return failures;
    });
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.db.updateTable("users").set({ failed_logins: 0, locked_until: null }).where("id", "=", id).execute();
  }

  async insertSession(row: SessionRow): Promise<void> {
    await this.db.insertInto("sessions").values(row).execute();
  }

  /** The unexpired session with this token hash and its user. */
  async findSession(tokenHash: string, now: string): Promise<{ session: SessionRow; user: UserRow } | undefined> {
    const session = await this.db
      .selectFrom("sessions")
      .selectAll()
      .where("token_hash", "=", tokenHash)
      .where("expires_at", ">", now)
      .executeTakeFirst();
    if (!session) return undefined;
    const user = await this.findById(session.user_id);
    return user ? { session, user } : undefined;
  }

  async touchSession(tokenHash: string, lastSeenAt: string, expiresAt: string): Promise<void> {
    await this.db.updateTable("sessions").set({ last_seen_at: lastSeenAt, expires_at: expiresAt }).where("token_hash", "=", tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
  }

  /** Ends every session of the user, except the one with `keepTokenHash` (the caller's own). */
  async deleteSessionsOf(userId: string, keepTokenHash?: string): Promise<number> {
    let q = this.db.deleteFrom("sessions").where("user_id", "=", userId);
    if (keepTokenHash) q = q.where("token_hash", "!=", keepTokenHash);
    const r = await q.executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  async deleteExpiredSessions(userId: string, now: string): Promise<void> {
    await this.db.deleteFrom("sessions").where("user_id", "=", userId).where("expires_at", "<=", now).execute();
  }

  async setRole(id: string, role: Role, now: string): Promise<void> {
    await this.db.updateTable("users").set({ role, updated_at: now }).where("id", "=", id).execute();
  }

  /**
   * Deletes the user; the foreign keys cascade to their sessions, upvotes and
   * comments (and, through `comments.parent_id`, to other people's replies to
   * those comments). In the same transaction the local counts in `paper_stats`
   * lose what goes: one upvote per paper the user upvoted, and from each paper
   * the removed comments it counted (those neither deleted nor hidden, as
   * community-repo.ts counts them). Answers false for an unknown id.
   */
  async deleteUser(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable("paper_stats")
        .set({ upvotes: sql<number>`case when upvotes > 0 then upvotes - 1 else 0 end` })
        .where("paper_id", "in", trx.selectFrom("upvotes").select("paper_id").where("user_id", "=", id))
        .execute();
      const removed = await trx
        .selectFrom("comments")
        .select((eb) => ["paper_id", eb.fn.countAll<number | string>().as("n")])
        .where("deleted_at", "is", null)
        .where("hidden_at", "is", null)
        .where((eb) =>
          eb.or([
            eb("user_id", "=", id),
            eb("parent_id", "in", eb.selectFrom("comments as mine").select("mine.id").where("mine.user_id", "=", id)),
          ]),
        )
        .groupBy("paper_id")
        .execute();
      for (const { paper_id, n } of removed) {
        await trx
          .updateTable("paper_stats")
          .set({ comments: sql<number>`case when comments > ${Number(n)} then comments - ${Number(n)} else 0 end` })
          .where("paper_id", "=", paper_id)
          .execute();
      }
      const r = await trx.deleteFrom("users").where("id", "=", id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    });
  }
}

/**
 * Which column of `users` a unique-constraint error names: SQLite says
 * "UNIQUE constraint failed: users.email", Postgres names the constraint
 * (users_email_key) with code 23505.
 */
function uniqueClash(err: unknown): UniqueClash | null {
  const e = err as { code?: string; constraint?: string; message?: string };
  const text = e.code === "23505" ? (e.constraint ?? "") : e.code?.startsWith("SQLITE_CONSTRAINT") ? (e.message ?? "") : "";
  const m = /users[._](name|email)/.exec(text);
  return m ? (m[1] as UniqueClash) : null;
}
