// The queries behind the Daily-Papers-compatible listing: feed papers in the order they entered the feed, filtered by day range and submitter.
//
// Like feed-repo.ts, every list leaves hidden papers out and counts what a
// page shows (imported plus local). The submitter is matched inside the
// stored JSON of paper_hub.submitted_by, which every writer starts with its
// `name` key; lower() on both sides gives both databases the same
// case-insensitive match (SQLite's LIKE ignores ASCII case, Postgres' does not).
import { sql, type Kysely } from "kysely";
import { escapeLike } from "./like-filters.js";
import type { Paging } from "./feed-repo.js";
import type { Database } from "./schema.js";

export interface DailyFilter {
  /** Feed days from..to, inclusive. */
  from?: string;
  to?: string;
  /** A username, any case. */
  submitter?: string;
}

export interface CountRow {
  id: string;
  upvotes: number;
  comments: number;
}

export interface DailyTrendingRow extends CountRow {
  stars: number | null;
  feedDay: string;
  submittedAt: string | null;
}

const SHOWN_UPVOTES = sql<number>`coalesce(h.upvotes, 0) + coalesce(s.upvotes, 0)`;
const SHOWN_COMMENTS = sql<number>`coalesce(h.num_comments, 0) + coalesce(s.comments, 0)`;

export class DailyPapersRepo {
  constructor(private readonly db: Kysely<Database>) {}

  /** Newest on the feed first: later feed day, then later submission (unknown last), then id. */
  async listByEntry(f: DailyFilter, page: Paging): Promise<CountRow[]> {
    const rows = await this.filtered(f)
      .select(["h.paper_id as id", SHOWN_UPVOTES.as("upvotes"), SHOWN_COMMENTS.as("comments")])
      .orderBy("h.feed_day", "desc")
      .orderBy(sql`case when h.submitted_at is null then 1 else 0 end`)
      .orderBy("h.submitted_at", "desc")
      .orderBy("h.paper_id")
      .limit(page.limit)
      .offset(page.offset)
      .execute();
    return rows.map((r) => ({ id: r.id, upvotes: Number(r.upvotes), comments: Number(r.comments) }));
  }

  /** What the trending score needs of every matching paper, at most `cap` of them (newest on the feed first). */
  async trendingRows(f: DailyFilter, cap: number): Promise<DailyTrendingRow[]> {
    const rows = await this.filtered(f)
      .select(["h.paper_id as id", SHOWN_UPVOTES.as("upvotes"), SHOWN_COMMENTS.as("comments"), "h.github_stars", "h.feed_day", "h.submitted_at"])
      .orderBy("h.feed_day", "desc")
      .orderBy("h.paper_id")
      .limit(cap)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      upvotes: Number(r.upvotes),
      comments: Number(r.comments),
      stars: r.github_stars == null ? null : Number(r.github_stars),
      feedDay: r.feed_day!,
      submittedAt: r.submitted_at,
    }));
  }

  private filtered(f: DailyFilter) {
    let q = this.db
      .selectFrom("paper_hub as h")
      .leftJoin("paper_stats as s", "s.paper_id", "h.paper_id")
      .where("s.hidden_at", "is", null)
      .where("h.feed_day", "is not", null);
    if (f.from) q = q.where("h.feed_day", ">=", f.from);
    if (f.to) q = q.where("h.feed_day", "<=", f.to);
    if (f.submitter) {
      const pattern = `{"name":${escapeLike(JSON.stringify(f.submitter))}%`;
      q = q.where(sql<boolean>`lower(h.submitted_by) LIKE lower(${pattern}) ESCAPE '\\'`);
    }
    return q;
  }
}
