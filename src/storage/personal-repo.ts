// Personal storage: collections and their papers, "not interested" marks, followed categories and authors, and a user's likes. All of its SQL is here.
//
// The tables (migration 0009) are declared here and added to the database
// type with `withTables`, so this capability's storage stays in one file.
// Writes that a double-submitted form may repeat (adding a paper, marking
// it, following) are idempotent: ON CONFLICT DO NOTHING, and they report
// whether a row changed.
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export interface CollectionsTable {
  id: string;
  user_id: string;
  name: string;
  /** Unique per user: the collection's address, /u/:name/c/:slug. */
  slug: string;
  /** 0 private (owner only), 1 public. */
  is_public: number;
  created_at: string;
  updated_at: string;
}

export interface CollectionItemsTable {
  collection_id: string;
  paper_id: string;
  added_at: string;
}

export interface NotInterestedTable {
  user_id: string;
  paper_id: string;
  created_at: string;
}

export type FollowKind = "category" | "author";

export interface PersonalFollowsTable {
  user_id: string;
  kind: FollowKind;
  /** As the user picked it ("cs.CL", "Ada Lovelace"). */
  value: string;
  /** Lower-cased value: one follow per spelling. */
  value_key: string;
  created_at: string;
}

type PersonalTables = {
  collections: CollectionsTable;
  collection_items: CollectionItemsTable;
  not_interested: NotInterestedTable;
  personal_follows: PersonalFollowsTable;
};

export interface CollectionRow {
  id: string;
  userId: string;
  name: string;
  slug: string;
  isPublic: boolean;
  createdAt: string;
  updatedAt: string;
  /** Papers in it (hidden ones included: the service decides what is shown). */
  items: number;
}

/** A paper a user marked or liked, and when. */
export interface PaperMark {
  paperId: string;
  at: string;
}

export interface Follow {
  kind: FollowKind;
  value: string;
}

const CHUNK = 500;

export class PersonalRepo {
  private readonly db: Kysely<Database & PersonalTables>;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<PersonalTables>();
  }

  // ---- collections

  /** Inserts the collection; false when the user already has one with this slug. */
  async insertCollection(c: Omit<CollectionRow, "items">): Promise<boolean> {
    const r = await this.db
      .insertInto("collections")
      .values({ id: c.id, user_id: c.userId, name: c.name, slug: c.slug, is_public: c.isPublic ? 1 : 0, created_at: c.createdAt, updated_at: c.updatedAt })
      .onConflict((oc) => oc.columns(["user_id", "slug"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** Renames and/or changes visibility; false when another of the user's collections has this slug (or the collection is gone). */
  async updateCollection(userId: string, id: string, change: { name: string; slug: string; isPublic: boolean; updatedAt: string }): Promise<boolean> {
    const r = await this.db
      .updateTable("collections")
      .set({ name: change.name, slug: change.slug, is_public: change.isPublic ? 1 : 0, updated_at: change.updatedAt })
      .where("id", "=", id)
      .where("user_id", "=", userId)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom("collections as o").select("o.id").where("o.user_id", "=", userId).where("o.slug", "=", change.slug).where("o.id", "<>", id))),
      )
      .executeTakeFirst();
    return Number(r.numUpdatedRows) > 0;
  }

  async deleteCollection(userId: string, id: string): Promise<boolean> {
    const r = await this.db.deleteFrom("collections").where("id", "=", id).where("user_id", "=", userId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** A user's collections (public ones only when asked), oldest first. */
  async collectionsOf(userId: string, opts: { publicOnly?: boolean } = {}): Promise<CollectionRow[]> {
    let q = this.collectionQuery().where("c.user_id", "=", userId);
    if (opts.publicOnly) q = q.where("c.is_public", "=", 1);
    return (await q.orderBy("c.created_at").orderBy("c.id").execute()).map(toCollection);
  }

  async collectionBySlug(userId: string, slug: string): Promise<CollectionRow | null> {
    const r = await this.collectionQuery().where("c.user_id", "=", userId).where("c.slug", "=", slug).executeTakeFirst();
    return r ? toCollection(r) : null;
  }

  async collectionById(id: string): Promise<CollectionRow | null> {
    const r = await this.collectionQuery().where("c.id", "=", id).executeTakeFirst();
    return r ? toCollection(r) : null;
  }

  /** Slugs of the user's collections starting with `prefix`, to find a free one. */
  async slugsLike(userId: string, prefix: string): Promise<Set<string>> {
    const rows = await this.db.selectFrom("collections").select("slug").where("user_id", "=", userId).where("slug", "like", `${prefix.replace(/[%_\\]/g, "")}%`).execute();
    return new Set(rows.map((r) => r.slug));
  }

  /** Adds the paper; false when it was in the collection already. */
  async addItem(collectionId: string, paperId: string, at: string): Promise<boolean> {
    const r = await this.db
      .insertInto("collection_items")
      .values({ collection_id: collectionId, paper_id: paperId, added_at: at })
      .onConflict((oc) => oc.columns(["collection_id", "paper_id"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async removeItem(collectionId: string, paperId: string): Promise<boolean> {
    const r = await this.db.deleteFrom("collection_items").where("collection_id", "=", collectionId).where("paper_id", "=", paperId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The papers of a collection, last added first. */
  async items(collectionId: string, limit: number): Promise<PaperMark[]> {
    const rows = await this.db
      .selectFrom("collection_items")
      .select(["paper_id", "added_at"])
      .where("collection_id", "=", collectionId)
      .orderBy("added_at", "desc")
      .orderBy("paper_id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ paperId: r.paper_id, at: r.added_at }));
  }

  /** Which of the user's collections hold the paper. */
  async collectionsHolding(userId: string, paperId: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom("collection_items as i")
      .innerJoin("collections as c", "c.id", "i.collection_id")
      .select("c.id")
      .where("c.user_id", "=", userId)
      .where("i.paper_id", "=", paperId)
      .execute();
    return new Set(rows.map((r) => r.id));
  }

  // ---- likes: upvotes and saves

  /** Papers the user saved into any collection, each once (when first saved), newest first. */
  async savedPapers(userId: string, limit: number): Promise<PaperMark[]> {
    const rows = await this.db
      .selectFrom("collection_items as i")
      .innerJoin("collections as c", "c.id", "i.collection_id")
      .select((eb) => ["i.paper_id", eb.fn.min("i.added_at").as("at")])
      .where("c.user_id", "=", userId)
      .groupBy("i.paper_id")
      .orderBy("at", "desc")
      .orderBy("i.paper_id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ paperId: r.paper_id, at: String(r.at) }));
  }

  /** Papers the user upvoted, newest first. */
  async upvotedPapers(userId: string, limit: number): Promise<PaperMark[]> {
    const rows = await this.db
      .selectFrom("upvotes")
      .select(["paper_id", "created_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("paper_id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ paperId: r.paper_id, at: r.created_at }));
  }

  // ---- not interested

  /** Marks the paper; false when it was marked already. */
  async markNotInterested(userId: string, paperId: string, at: string): Promise<boolean> {
    const r = await this.db
      .insertInto("not_interested")
      .values({ user_id: userId, paper_id: paperId, created_at: at })
      .onConflict((oc) => oc.columns(["user_id", "paper_id"]).doNothing())
      .executeTakeFirst();
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async unmarkNotInterested(userId: string, paperId: string): Promise<boolean> {
    const r = await this.db.deleteFrom("not_interested").where("user_id", "=", userId).where("paper_id", "=", paperId).executeTakeFirst();
    return Number(r.numDeletedRows) > 0;
  }

  /** The user's marks, newest first. */
  async notInterested(userId: string, limit: number): Promise<PaperMark[]> {
    const rows = await this.db
      .selectFrom("not_interested")
      .select(["paper_id", "created_at"])
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .orderBy("paper_id")
      .limit(limit)
      .execute();
    return rows.map((r) => ({ paperId: r.paper_id, at: r.created_at }));
  }

  // ---- follows

  /** The user's followed authors, then categories, each in the order they were picked (then by name). */
  async follows(userId: string): Promise<Follow[]> {
    const rows = await this.db
      .selectFrom("personal_follows")
      .select(["kind", "value"])
      .where("user_id", "=", userId)
      .orderBy("kind")
      .orderBy("created_at")
      .orderBy("value_key")
      .execute();
    return rows.map((r) => ({ kind: r.kind, value: r.value }));
  }

  /** Replaces the user's follows of one kind with these values (duplicates by spelling once), in one transaction. */
  async replaceFollows(userId: string, kind: FollowKind, values: readonly string[], at: string): Promise<void> {
    const byKey = new Map<string, string>();
    for (const v of values) if (!byKey.has(v.toLowerCase())) byKey.set(v.toLowerCase(), v);
    await this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom("personal_follows").where("user_id", "=", userId).where("kind", "=", kind).execute();
      const rows = [...byKey].map(([key, value]) => ({ user_id: userId, kind, value, value_key: key, created_at: at }));
      for (let i = 0; i < rows.length; i += CHUNK) await trx.insertInto("personal_follows").values(rows.slice(i, i + CHUNK)).execute();
    });
  }

  private collectionQuery() {
    return this.db
      .selectFrom("collections as c")
      .select((eb) => [
        "c.id",
        "c.user_id",
        "c.name",
        "c.slug",
        "c.is_public",
        "c.created_at",
        "c.updated_at",
        eb.selectFrom("collection_items as i").select((e) => e.fn.countAll<number | string>().as("n")).whereRef("i.collection_id", "=", "c.id").as("items"),
      ]);
  }
}

function toCollection(r: Omit<CollectionsTable, "is_public"> & { is_public: number | string; items: number | string | null }): CollectionRow {
  return {
    id: r.id,
    userId: r.user_id,
    name: r.name,
    slug: r.slug,
    isPublic: Number(r.is_public) === 1,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    items: Number(r.items ?? 0),
  };
}
