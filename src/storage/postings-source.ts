// What the postings index (search/postings) reads from the store: papers by seq, and the log of changed papers (migration 0010).
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";

export interface PostingsPaper {
  seq: number;
  id: string;
  title: string;
  abstract: string;
  authorNames: string;
  categories: string[];
  /** ISO timestamp or null. */
  publishedAt: string | null;
}

interface Row {
  seq: number;
  id: string;
  title: string;
  abstract: string;
  author_names: string;
  categories: string;
  published_at: string | Date | null;
}

function toPaper(r: Row): PostingsPaper {
  let categories: string[] = [];
  try {
    const parsed: unknown = JSON.parse(r.categories);
    if (Array.isArray(parsed)) categories = parsed.filter((c): c is string => typeof c === "string");
  } catch {
    // a malformed list filters as no category
  }
  const published = r.published_at instanceof Date ? r.published_at.toISOString() : r.published_at;
  return { seq: Number(r.seq), id: r.id, title: r.title, abstract: r.abstract, authorNames: r.author_names, categories, publishedAt: published };
}

export class PostingsSource {
  constructor(private readonly db: Kysely<Database>) {}

  /** The newest entry of the change log (0 when empty). */
  async lastChange(): Promise<number> {
    const r = await sql<{ n: number | string | null }>`SELECT max(id) AS n FROM postings_changes`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }

  /** Seqs of papers changed or deleted in log entries (after, upTo], at or below `maxSeq`. */
  async changedSeqs(after: number, upTo: number, maxSeq: number): Promise<number[]> {
    const r = await sql<{ seq: number }>`
      SELECT DISTINCT seq FROM postings_changes WHERE id > ${after} AND id <= ${upTo} AND seq <= ${maxSeq} ORDER BY seq`.execute(this.db);
    return r.rows.map((x) => Number(x.seq));
  }

  /** The papers with these seqs that still exist. */
  async papers(seqs: number[]): Promise<PostingsPaper[]> {
    if (seqs.length === 0) return [];
    const r = await sql<Row>`
      SELECT seq, id, title, abstract, author_names, categories, published_at FROM papers WHERE seq IN (${sql.join(seqs)})`.execute(this.db);
    return r.rows.map(toPaper);
  }

  /** Up to `limit` papers with seq above `after`, in seq order. */
  async papersAfter(after: number, limit: number): Promise<PostingsPaper[]> {
    const r = await sql<Row>`
      SELECT seq, id, title, abstract, author_names, categories, published_at FROM papers WHERE seq > ${after} ORDER BY seq LIMIT ${limit}`.execute(this.db);
    return r.rows.map(toPaper);
  }

  /**
   * The seqs of the papers an FTS5 MATCH expression matches, unranked, or
   * null when more than `cap` do (listing stops there).
   */
  async matchingSeqs(match: string, cap: number): Promise<number[] | null> {
    const r = await sql<{ seq: number }>`SELECT rowid AS seq FROM papers_fts WHERE papers_fts MATCH ${match} LIMIT ${cap + 1}`.execute(this.db);
    return r.rows.length > cap ? null : r.rows.map((x) => Number(x.seq));
  }

  async maxSeq(): Promise<number> {
    const r = await sql<{ n: number | string | null }>`SELECT max(seq) AS n FROM papers`.execute(this.db);
    return Number(r.rows[0]?.n ?? 0);
  }
}
