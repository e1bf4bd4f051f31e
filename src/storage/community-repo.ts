// Community storage: upvotes, comments, feed submissions, moderation and the user facts pages show. All of its SQL is here.
//
// Counters in paper_stats move only by the rows a statement actually changed
// (an insert that did not conflict, a delete that found its row), in the same
// transaction as that change, so concurrent requests never count a vote or a
// comment twice or lose one. paper_stats.comments counts comments that are
// neither deleted nor hidden.
//
// Where a change must see its neighbours settled (a thread's parent, a user's
// submissions), the row is locked first with a no-op UPDATE (`SET c = c`): a
// row lock in Postgres, the database write lock in SQLite, one statement for both.
import { sql, type Kysely, type Transaction } from "kysely";
import {
  commentQuery,
  toComment,
  toUser,
  userQuery,
  type CommentRecord,
  type Db,
  type FeedPlacement,
  type Hidden,
  type LocalStats,
  type ModerationEntry,
  type NewComment,
  type PaperCounts,
  type PaperRef,
  type PlaceOutcome,
  type UserComment,
  type UserRecord,
} from "./community-rows.js";
import type { Database } from "./schema.js";

export type {
  CommentRecord,
  FeedPlacement,
  Hidden,
  LocalStats,
  ModerationEntry,
  NewComment,
  PaperCounts,
  PaperRef,
  PlaceOutcome,
  UserComment,
  UserRecord,
} from "./community-rows.js";

export class CommunityRepo {
  constructor(private readonly db: Kysely<Database>) {}

  // ---- upvotes

  /** Makes the vote exist (on) or not; true when this call changed it. */
  setUpvote(userId: string, paperId: string, on: boolean, now: string): Promise<boolean> {
    return this.db.transaction().execute((trx) => writeUpvote(trx, userId, paperId, on, now));
  }

  /** Flips the vote; returns whether it is cast afterwards. */
  toggleUpvote(userId: string, paperId: string, now: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const had = await trx.selectFrom("upvotes").select("user_id").where("user_id", "=", userId).where("paper_id", "=", paperId).executeTakeFirst();
      await writeUpvote(trx, userId, paperId, !had, now);
      return !had;
    });
  }

  async hasUpvoted(userId: string, paperId: string): Promise<boolean> {
    const r = await this.db.selectFrom("upvotes").select("user_id").where("user_id", "=", userId).where("paper_id", "=", paperId).executeTakeFirst();
    return !!r;
  }

  async upvotedAmong(userId: string, paperIds: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const chunk of chunks(paperIds)) {
      const rows = await this.db.selectFrom("upvotes").select("paper_id").where("user_id", "=", userId).where("paper_id", "in", chunk).execute();
      for (const r of rows) out.add(r.paper_id);
    }
    return out;
  }

  /** Null when the store has no such paper. */
  async paperCounts(paperId: string): Promise<PaperCounts | null> {
    const r = await this.db
      .selectFrom("papers as p")
      .leftJoin("paper_hub as h", "h.paper_id", "p.id")
      .leftJoin("paper_stats as s", "s.paper_id", "p.id")
      .select(["h.upvotes as iu", "h.num_comments as ic", "s.upvotes as lu", "s.comments as lc", "s.hidden_at as hiddenAt"])
      .where("p.id", "=", paperId)
      .executeTakeFirst();
    if (!r) return null;
    return {
      importedUpvotes: r.iu == null ? null : Number(r.iu),
      importedComments: r.ic == null ? null : Number(r.ic),
      localUpvotes: Number(r.lu ?? 0),
      localComments: Number(r.lc ?? 0),
      hiddenAt: r.hiddenAt ?? null,
    };
  }

  /** The hub's own counts and hidden state of these papers; papers without a stats row are left out. */
  async localStats(paperIds: string[]): Promise<Map<string, LocalStats>> {
    const out = new Map<string, LocalStats>();
    for (const chunk of chunks(paperIds)) {
      const rows = await this.db.selectFrom("paper_stats").selectAll().where("paper_id", "in", chunk).execute();
      for (const r of rows) out.set(r.paper_id, { upvotes: Number(r.upvotes), comments: Number(r.comments), hidden: r.hidden_at != null });
    }
    return out;
  }

  // ---- comments

  /** Inserts a comment; false (and nothing written) when its parent is gone or deleted meanwhile. */
  insertComment(c: NewComment): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      if (c.parentId) {
        const locked = await trx
          .updateTable("comments")
          .set({ parent_id: sql`parent_id` })
          .where("id", "=", c.parentId)
          .where("paper_id", "=", c.paperId)
          .where("deleted_at", "is", null)
          .executeTakeFirst();
        if (Number(locked.numUpdatedRows) === 0) return false;
      }
      await trx
        .insertInto("comments")
        .values({ id: c.id, paper_id: c.paperId, user_id: c.userId, parent_id: c.parentId, body: c.body, created_at: c.createdAt })
        .execute();
      await bumpStat(trx, c.paperId, "comments", 1);
      return true;
    });
  }

  async getComment(id: string): Promise<CommentRecord | null> {
    const r = await commentQuery(this.db).where("c.id", "=", id).executeTakeFirst();
    return r ? toComment(r) : null;
  }

  /** Every comment row of a paper (deleted placeholders and hidden ones too), oldest first. */
  async listComments(paperId: string): Promise<CommentRecord[]> {
    const rows = await commentQuery(this.db).where("c.paper_id", "=", paperId).orderBy("c.created_at").orderBy("c.id").execute();
    return rows.map(toComment);
  }

  /** False when the comment is gone or deleted. */
  async editComment(id: string, body: string, now: string): Promise<boolean> {
    const r = await this.db.updateTable("comments").set({ body, edited_at: now }).where("id", "=", id).where("deleted_at", "is", null).executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  /**
   * Deletes a comment: a top-level one with replies keeps its row as a
   * placeholder (body emptied, deleted_at set); any other row is removed, and
   * a placeholder parent left without replies goes with it. Null when there
   * was nothing to delete.
   */
  deleteComment(id: string, now: string): Promise<{ removed: boolean } | null> {
    return this.db.transaction().execute(async (trx) => {
      const first = await trx.selectFrom("comments").select("parent_id").where("id", "=", id).executeTakeFirst();
      if (!first) return null;
      // Parent before child: the order every writer to a thread locks in.
      if (first.parent_id) await lockComment(trx, first.parent_id);
      if (!(await lockComment(trx, id))) return null;
      const row = await trx.selectFrom("comments").select(["paper_id", "parent_id", "deleted_at", "hidden_at"]).where("id", "=", id).executeTakeFirstOrThrow();
      if (row.deleted_at) return null;
      const keep = !row.parent_id && (await countReplies(trx, id)) > 0;
      if (keep) await trx.updateTable("comments").set({ deleted_at: now, body: "" }).where("id", "=", id).execute();
      else await trx.deleteFrom("comments").where("id", "=", id).execute();
      if (!row.hidden_at) await bumpStat(trx, row.paper_id, "comments", -1);
      if (row.parent_id && (await countReplies(trx, row.parent_id)) === 0) {
        await trx.deleteFrom("comments").where("id", "=", row.parent_id).where("deleted_at", "is not", null).execute();
      }
      return { removed: !keep };
    });
  }

  /** Hides (or restores, with null) a comment; true when its state changed. `log` is written with the change. */
  setCommentHidden(id: string, hidden: Hidden, log: ModerationEntry): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable("comments")
        .set(hidden ? { hidden_at: hidden.at, hidden_by: hidden.by } : { hidden_at: null, hidden_by: null })
        .where("id", "=", id)
        .where("hidden_at", hidden ? "is" : "is not", null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      const row = await trx.selectFrom("comments").select(["paper_id", "deleted_at"]).where("id", "=", id).executeTakeFirstOrThrow();
      if (!row.deleted_at) await bumpStat(trx, row.paper_id, "comments", hidden ? -1 : 1);
      await insertLog(trx, log);
      return true;
    });
  }

  // ---- submissions

  /** The feed day a paper is listed on, null when it is on none (or unknown). */
  async feedDayOf(paperId: string): Promise<string | null> {
    const r = await this.db.selectFrom("paper_hub").select("feed_day").where("paper_id", "=", paperId).executeTakeFirst();
    return r?.feed_day ?? null;
  }

  /** Submission times of a user since an instant, oldest first. */
  async submissionTimesSince(userId: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom("submissions")
      .select("submitted_at")
      .where("user_id", "=", userId)
      .where("submitted_at", ">=", since)
      .orderBy("submitted_at")
      .execute();
    return rows.map((r) => r.submitted_at);
  }

  /**
   * Puts a paper on a feed day for a user, unless it is on one already or the
   * user has `max` submissions since `since`. The user's row is locked first,
   * so two submissions by one user cannot both pass the limit.
   */
  placeOnFeed(e: FeedPlacement, guard: { since: string; max: number }): Promise<PlaceOutcome> {
    return this.db.transaction().execute(async (trx): Promise<PlaceOutcome> => {
      await trx.updateTable("users").set({ updated_at: sql`updated_at` }).where("id", "=", e.userId).execute();
      const recent = await trx
        .selectFrom("submissions")
        .select((eb) => eb.fn.countAll<number | string>().as("n"))
        .where("user_id", "=", e.userId)
        .where("submitted_at", ">=", guard.since)
        .executeTakeFirstOrThrow();
      if (Number(recent.n) >= guard.max) return { placed: false, reason: "limit" };
      const hub = { feed_day: e.feedDay, submitted_at: e.submittedAt, submitted_by: e.submittedBy, last_listed_day: e.feedDay, modified_at: e.submittedAt };
      const r = await trx
        .insertInto("paper_hub")
        .values({ paper_id: e.paperId, ...hub })
        .onConflict((oc) => oc.column("paper_id").doUpdateSet(hub).where("paper_hub.feed_day", "is", null))
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) {
        return { placed: false, reason: "duplicate", feedDay: (await this.feedDayIn(trx, e.paperId)) ?? null };
      }
      const sub = { user_id: e.userId, feed_day: e.feedDay, submitted_at: e.submittedAt };
      await trx
        .insertInto("submissions")
        .values({ paper_id: e.paperId, ...sub })
        .onConflict((oc) => oc.column("paper_id").doUpdateSet(sub))
        .execute();
      return { placed: true };
    });
  }

  /** The submission that put a paper on the feed, with the paper's title; null when it came another way. */
  async submissionOf(paperId: string): Promise<{ paperId: string; title: string; feedDay: string; userId: string | null } | null> {
    const r = await this.db
      .selectFrom("submissions as s")
      .innerJoin("papers as p", "p.id", "s.paper_id")
      .select(["s.paper_id as paperId", "p.title", "s.feed_day as feedDay", "s.user_id as userId"])
      .where("s.paper_id", "=", paperId)
      .executeTakeFirst();
    return r ?? null;
  }

  private async feedDayIn(trx: Db, paperId: string): Promise<string | null> {
    const r = await trx.selectFrom("paper_hub").select("feed_day").where("paper_id", "=", paperId).executeTakeFirst();
    return r?.feed_day ?? null;
  }

  // ---- moderation

  /** Hides (or restores, with null) a paper; true when its state changed. `log` is written with the change. */
  setPaperHidden(paperId: string, hidden: Hidden, log: ModerationEntry): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = hidden
        ? await trx
            .insertInto("paper_stats")
            .values({ paper_id: paperId, hidden_at: hidden.at, hidden_by: hidden.by })
            .onConflict((oc) => oc.column("paper_id").doUpdateSet({ hidden_at: hidden.at, hidden_by: hidden.by }).where("paper_stats.hidden_at", "is", null))
            .executeTakeFirst()
            .then((x) => Number(x.numInsertedOrUpdatedRows ?? 0))
        : await trx
            .updateTable("paper_stats")
            .set({ hidden_at: null, hidden_by: null })
            .where("paper_id", "=", paperId)
            .where("hidden_at", "is not", null)
            .executeTakeFirst()
            .then((x) => Number(x.numUpdatedRows));
      if (r === 0) return false;
      await insertLog(trx, log);
      return true;
    });
  }

  async isPaperHidden(paperId: string): Promise<boolean> {
    const r = await this.db.selectFrom("paper_stats").select("hidden_at").where("paper_id", "=", paperId).executeTakeFirst();
    return r?.hidden_at != null;
  }

  async hiddenAmong(paperIds: string[]): Promise<Set<string>> {
    const out = new Set<string>();
    for (const chunk of chunks(paperIds)) {
      const rows = await this.db.selectFrom("paper_stats").select("paper_id").where("paper_id", "in", chunk).where("hidden_at", "is not", null).execute();
      for (const r of rows) out.add(r.paper_id);
    }
    return out;
  }

  /** Bans (at) or unbans (null) a user; a ban also ends every session of the user. True when the state changed. */
  setUserBanned(userId: string, at: string | null, log: ModerationEntry): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const r = await trx
        .updateTable("users")
        .set({ banned_at: at, updated_at: log.createdAt })
        .where("id", "=", userId)
        .where("banned_at", at ? "is" : "is not", null)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) return false;
      if (at) await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
      await insertLog(trx, log);
      return true;
    });
  }

  /** Newest first; `before` continues after the entry with that (createdAt, id). */
  async listLog(limit: number, before?: { createdAt: string; id: string }): Promise<ModerationEntry[]> {
    let q = this.db.selectFrom("moderation_log").selectAll();
    if (before) {
      q = q.where((eb) => eb.or([eb("created_at", "<", before.createdAt), eb.and([eb("created_at", "=", before.createdAt), eb("id", "<", before.id)])]));
    }
    const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").limit(limit).execute();
    return rows.map((r) => ({
      id: r.id,
      actorId: r.actor_id,
      actorName: r.actor_name,
      action: r.action,
      targetType: r.target_type as ModerationEntry["targetType"],
      targetId: r.target_id,
      reason: r.reason,
      createdAt: r.created_at,
    }));
  }

  // ---- users as community pages see them

  async userById(id: string): Promise<UserRecord | null> {
    const r = await userQuery(this.db).where("id", "=", id).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async userByName(name: string): Promise<UserRecord | null> {
    const r = await userQuery(this.db).where("name", "=", name.toLowerCase()).executeTakeFirst();
    return r ? toUser(r) : null;
  }

  async submissionsBy(userId: string, limit: number): Promise<PaperRef[]> {
    const rows = await this.db
      .selectFrom("submissions as s")
      .innerJoin("papers as p", "p.id", "s.paper_id")
      .leftJoin("paper_stats as st", "st.paper_id", "s.paper_id")
      .select(["p.id", "p.title", "s.submitted_at as at", "s.feed_day as feedDay", "st.hidden_at as hiddenAt"])
      .where("s.user_id", "=", userId)
      .orderBy("s.submitted_at", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, at: r.at, feedDay: r.feedDay, hidden: r.hiddenAt != null }));
  }

  async upvotedBy(userId: string, limit: number): Promise<PaperRef[]> {
    const rows = await this.db
      .selectFrom("upvotes as u")
      .innerJoin("papers as p", "p.id", "u.paper_id")
      .leftJoin("paper_stats as st", "st.paper_id", "u.paper_id")
      .select(["p.id", "p.title", "u.created_at as at", "st.hidden_at as hiddenAt"])
      .where("u.user_id", "=", userId)
      .orderBy("u.created_at", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ id: r.id, title: r.title, at: r.at, hidden: r.hiddenAt != null }));
  }

  /** A user's comments that are not deleted, newest first, with their paper. */
  async commentsBy(userId: string, limit: number): Promise<UserComment[]> {
    const rows = await commentQuery(this.db)
      .innerJoin("papers as p", "p.id", "c.paper_id")
      .leftJoin("paper_stats as st", "st.paper_id", "c.paper_id")
      .select(["p.title as paperTitle", "st.hidden_at as paperHiddenAt"])
      .where("c.user_id", "=", userId)
      .where("c.deleted_at", "is", null)
      .orderBy("c.created_at", "desc")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ ...toComment(r), paperTitle: r.paperTitle, paperHidden: r.paperHiddenAt != null }));
  }
}

async function writeUpvote(trx: Transaction<Database>, userId: string, paperId: string, on: boolean, now: string): Promise<boolean> {
  const changed = on
    ? await trx
        .insertInto("upvotes")
        .values({ user_id: userId, paper_id: paperId, created_at: now })
        .onConflict((oc) => oc.columns(["user_id", "paper_id"]).doNothing())
        .executeTakeFirst()
        .then((r) => Number(r.numInsertedOrUpdatedRows ?? 0) > 0)
    : await trx
        .deleteFrom("upvotes")
        .where("user_id", "=", userId)
        .where("paper_id", "=", paperId)
        .executeTakeFirst()
        .then((r) => Number(r.numDeletedRows) > 0);
  if (changed) await bumpStat(trx, paperId, "upvotes", on ? 1 : -1);
  return changed;
}

/** Adds one to (upserting the row) or takes one from a paper's local counter. */
async function bumpStat(trx: Transaction<Database>, paperId: string, column: "upvotes" | "comments", delta: 1 | -1): Promise<void> {
  const next = sql<number>`${sql.ref(`paper_stats.${column}`)} + ${delta}`;
  if (delta < 0) {
    // The row exists: the change being undone created it.
    await trx.updateTable("paper_stats").set(column, next).where("paper_id", "=", paperId).execute();
    return;
  }
  await trx
    .insertInto("paper_stats")
    .values({ paper_id: paperId, [column]: 1 })
    .onConflict((oc) => oc.column("paper_id").doUpdateSet(column === "upvotes" ? { upvotes: next } : { comments: next }))
    .execute();
}

/** Locks a comment row for the rest of the transaction; false when it does not exist. */
async function lockComment(trx: Transaction<Database>, id: string): Promise<boolean> {
  const r = await trx.updateTable("comments").set({ parent_id: sql`parent_id` }).where("id", "=", id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

async function countReplies(trx: Db, id: string): Promise<number> {
  const r = await trx
    .selectFrom("comments")
    .select((eb) => eb.fn.countAll<number | string>().as("n"))
    .where("parent_id", "=", id)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function insertLog(trx: Db, e: ModerationEntry): Promise<void> {
  await trx
    .insertInto("moderation_log")
    .values({
      id: e.id,
      actor_id: e.actorId,
      actor_name: e.actorName,
      action: e.action,
      target_type: e.targetType,
      target_id: e.targetId,
      reason: e.reason,
      created_at: e.createdAt,
    })
    .execute();
}

/** Lists of ids go to `IN (...)` in slices that stay under every backend's parameter limit. */
function* chunks<T>(items: T[], size = 900): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}
