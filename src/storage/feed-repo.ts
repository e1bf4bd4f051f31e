// The queries behind the feed pages: papers of a day range, neighbouring days, trending candidates, organisations, counts.
//
// Every list leaves hidden papers out (paper_stats.hidden_at) and counts what
// a page shows: the upvotes and comments imported with the hub facts plus the
// local ones in paper_stats (migration 0005). Written once for both dialects;
// nulls are ordered explicitly because SQLite sorts them first and Postgres last.
import { sql, type Kysely } from "kysely";
import type { StoredPaper } from "../domain/paper.js";
import type { Database } from "./schema.js";
import type { Store } from "./store.js";

export interface FeedEntry {
  paper: StoredPaper;
  /** Shown counts: imported plus local. */
  upvotes: number;
  comments: number;
}

export interface EntryPage {
  entries: FeedEntry[];
  /** Papers in the whole list, for pagination. */
  total: number;
}

export interface Paging {
  limit: number;
  offset: number;
}

export interface ShownCounts {
  upvotes: number;
  comments: number;
  hidden: boolean;
}

/** What the trending score needs of a candidate, without loading the paper. */
export interface TrendingRow {
  id: string;
  upvotes: number;
  comments: number;
  stars: number | null;
  feedDay: string | null;
  submittedAt: string | null;
  publishedAt: string | null;
}

export interface OrgMember {
  name: string;
  displayName: string | null;
}

const SHOWN_UPVOTES = sql<number>`coalesce(h.upvotes, 0) + coalesce(s.upvotes, 0)`;
const SHOWN_COMMENTS = sql<number>`coalesce(h.num_comments, 0) + coalesce(s.comments, 0)`;
/** `IN` lists stay well under both databases' bind-parameter limits. */
const CHUNK = 500;

export class FeedRepo {
  private readonly db: Kysely<Database>;

  constructor(private readonly store: Pick<Store, "db" | "getPapers">) {
    this.db = store.db;
  }

  /** Visible papers on the feed days from..to (inclusive), most upvoted first, then earlier submitted, then id. */
  async listRange(from: string, to: string, page: Paging): Promise<EntryPage> {
    const visible = this.visibleHub().where("h.feed_day", ">=", from).where("h.feed_day", "<=", to);
    const [rows, total] = await Promise.all([
      visible
        .select(["h.paper_id as id", SHOWN_UPVOTES.as("upvotes"), SHOWN_COMMENTS.as("comments")])
        .orderBy("upvotes", "desc")
        .orderBy(sql`case when h.submitted_at is null then 1 else 0 end`)
        .orderBy("h.submitted_at")
        .orderBy("h.paper_id")
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      visible.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { entries: await this.load(rows), total: Number(total.n) };
  }

  /** The nearest feed days with visible papers before `from` and after `to`. */
  async neighbourDays(from: string, to: string): Promise<{ prev: string | null; next: string | null }> {
    const [prev, next] = await Promise.all([
      this.visibleHub().select("h.feed_day").where("h.feed_day", "<", from).orderBy("h.feed_day", "desc").limit(1).executeTakeFirst(),
      this.visibleHub().select("h.feed_day").where("h.feed_day", ">", to).orderBy("h.feed_day").limit(1).executeTakeFirst(),
    ]);
    return { prev: prev?.feed_day ?? null, next: next?.feed_day ?? null };
  }

  /** The latest feed day with visible papers, on or before `day` when given. */
  async latestDay(day?: string): Promise<string | null> {
    let q = this.visibleHub().select("h.feed_day").where("h.feed_day", "is not", null);
    if (day) q = q.where("h.feed_day", "<=", day);
    const row = await q.orderBy("h.feed_day", "desc").limit(1).executeTakeFirst();
    return row?.feed_day ?? null;
  }

  /** Visible papers per feed day from..to, days without papers left out, in day order. */
  async countsPerDay(from: string, to: string): Promise<Array<{ day: string; papers: number }>> {
    const rows = await this.visibleHub()
      .select((eb) => ["h.feed_day", eb.fn.countAll().as("n")])
      .where("h.feed_day", ">=", from)
      .where("h.feed_day", "<=", to)
      .groupBy("h.feed_day")
      .orderBy("h.feed_day")
      .execute();
    return rows.map((r) => ({ day: r.feed_day!, papers: Number(r.n) }));
  }

  /**
   * Visible papers that entered the feed recently: feed day on or after
   * `sinceDay` or submitted at or after `sinceInstant`; and papers never on
   * the feed but published since then with local upvotes or comments.
   */
  async trendingCandidates(sinceDay: string, sinceInstant: string): Promise<TrendingRow[]> {
    const [onFeed, local] = await Promise.all([
      this.visibleHub()
        .select(["h.paper_id as id", SHOWN_UPVOTES.as("upvotes"), SHOWN_COMMENTS.as("comments"), "h.github_stars", "h.feed_day", "h.submitted_at"])
        .where((eb) => eb.or([eb("h.feed_day", ">=", sinceDay), eb("h.submitted_at", ">=", sinceInstant)]))
        .execute(),
      this.db
        .selectFrom("paper_stats as s")
        .innerJoin("papers as p", "p.id", "s.paper_id")
        .leftJoin("paper_hub as h", "h.paper_id", "s.paper_id")
        .select(["p.id", "s.upvotes", "s.comments", "p.published_at"])
        .where("h.paper_id", "is", null)
        .where("s.hidden_at", "is", null)
        .where((eb) => eb.or([eb("s.upvotes", ">", 0), eb("s.comments", ">", 0)]))
        .where("p.published_at", ">=", sinceInstant)
        .execute(),
    ]);
    return [
      ...onFeed.map((r) => ({
        id: r.id,
        upvotes: Number(r.upvotes),
        comments: Number(r.comments),
        stars: r.github_stars == null ? null : Number(r.github_stars),
        feedDay: r.feed_day,
        submittedAt: r.submitted_at,
        publishedAt: null,
      })),
      ...local.map((r) => ({
        id: r.id,
        upvotes: Number(r.upvotes),
        comments: Number(r.comments),
        stars: null,
        feedDay: null,
        submittedAt: null,
        publishedAt: r.published_at,
      })),
    ];
  }

  /** Visible papers of an organisation (its handle, any case): newest feed day first, then most upvoted, then id. */
  async orgPapers(name: string, page: Paging): Promise<EntryPage> {
    const visible = this.visibleHub().where(sql`lower(h.org_name)`, "=", name.toLowerCase());
    const [rows, total] = await Promise.all([
      visible
        .select(["h.paper_id as id", SHOWN_UPVOTES.as("upvotes"), SHOWN_COMMENTS.as("comments")])
        .orderBy(sql`case when h.feed_day is null then 1 else 0 end`)
        .orderBy("h.feed_day", "desc")
        .orderBy("upvotes", "desc")
        .orderBy("h.paper_id")
        .limit(page.limit)
        .offset(page.offset)
        .execute(),
      visible.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    ]);
    return { entries: await this.load(rows), total: Number(total.n) };
  }

  /** Accounts that name this organisation (any case), banned ones left out, by handle. */
  async orgMembers(name: string): Promise<OrgMember[]> {
    const rows = await this.db
      .selectFrom("users")
      .select(["name", "display_name"])
      .where(sql`lower(org_name)`, "=", name.toLowerCase())
      .where("banned_at", "is", null)
      .orderBy("name")
      .execute();
    return rows.map((r) => ({ name: r.name, displayName: r.display_name }));
  }

  /** Shown counts and hidden state of these papers; unknown ids are left out. */
  async countsFor(ids: readonly string[]): Promise<Map<string, ShownCounts>> {
    const out = new Map<string, ShownCounts>();
    const distinct = [...new Set(ids)];
    for (let i = 0; i < distinct.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom("papers as p")
        .leftJoin("paper_hub as h", "h.paper_id", "p.id")
        .leftJoin("paper_stats as s", "s.paper_id", "p.id")
        .select(["p.id", SHOWN_UPVOTES.as("upvotes"), SHOWN_COMMENTS.as("comments"), "s.hidden_at"])
        .where("p.id", "in", distinct.slice(i, i + CHUNK))
        .execute();
      for (const r of rows) out.set(r.id, { upvotes: Number(r.upvotes), comments: Number(r.comments), hidden: r.hidden_at != null });
    }
    return out;
  }

  /** Shown counts loaded onto full papers, in the order of the rows. */
  async entriesFor(rows: ReadonlyArray<{ id: string; upvotes: number; comments: number }>): Promise<FeedEntry[]> {
    return this.load(rows);
  }

  private visibleHub() {
    return this.db
      .selectFrom("paper_hub as h")
      .leftJoin("paper_stats as s", "s.paper_id", "h.paper_id")
      .where("s.hidden_at", "is", null);
  }

  private async load(rows: ReadonlyArray<{ id: string; upvotes: number | string; comments: number | string }>): Promise<FeedEntry[]> {
    const papers = new Map((await this.store.getPapers(rows.map((r) => r.id))).map((p) => [p.id, p]));
    return rows.flatMap((r) => {
      const paper = papers.get(r.id);
      return paper ? [{ paper, upvotes: Number(r.upvotes), comments: Number(r.comments) }] : [];
    });
  }
}
