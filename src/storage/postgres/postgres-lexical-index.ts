// PostgreSQL's lexical index: the stored, weighted tsvector (title A, abstract B, authors C), ranked by ts_rank_cd.
import { sql, type Kysely } from "kysely";
import { MARK_END, MARK_START } from "../../search/highlight.js";
import type { Highlight, LexicalHit, LexicalIndex, LexicalSearch } from "../lexical-index.js";
import { filterClauses, orderClause } from "../like-filters.js";
import type { Database } from "../schema.js";

const HEADLINE_TITLE = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;
const HEADLINE_ABSTRACT = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxWords=40, MinWords=20, MaxFragments=2, FragmentDelimiter=" … "`;

export class PostgresLexicalIndex implements LexicalIndex {
  constructor(private readonly db: Kysely<Database>) {}

  /** The tsvector is a generated column: the index is always up to date. */
  async catchUp(): Promise<number> {
    return 0;
  }

  async pending(): Promise<number> {
    return 0;
  }

  async search(s: LexicalSearch): Promise<LexicalHit[]> {
    const where = filterClauses(s.filters);
    if (s.match === null) {
      const r = await sql<{ id: string }>`
        SELECT id FROM papers p WHERE true ${where}
        ORDER BY ${orderClause(s.order === "upvotes" ? "upvotes" : "date", sql`p.seq`, false)} LIMIT ${s.limit}`.execute(this.db);
      return r.rows.map((row, i) => ({ id: row.id, score: -i, titleHighlight: null, snippet: null }));
    }
    if (s.highlights === false) {
      const r = await sql<{ id: string; score: number }>`
        WITH q AS (SELECT to_tsquery('english', ${s.match}) AS query)
        SELECT p.id, ts_rank_cd(p.search, q.query) AS score FROM papers p, q WHERE p.search @@ q.query ${where}
        ORDER BY ${orderClause(s.order, sql`ts_rank_cd(p.search, q.query)`, false)} LIMIT ${s.limit}`.execute(this.db);
      return r.rows.map((row) => ({ id: row.id, score: Number(row.score), titleHighlight: null, snippet: null }));
    }
    // Headlines are costly: compute them only for the rows that make the page.
    const r = await sql<{ id: string; score: number; th: string; sn: string }>`
      WITH q AS (SELECT to_tsquery('english', ${s.match}) AS query),
      hits AS (
        SELECT p.id, p.title, p.abstract, ts_rank_cd(p.search, q.query) AS score, row_number() OVER (
          ORDER BY ${orderClause(s.order, sql`ts_rank_cd(p.search, q.query)`, false)}) AS position
        FROM papers p, q WHERE p.search @@ q.query ${where}
        ORDER BY position LIMIT ${s.limit}
      )
      SELECT hits.id, hits.score, hits.position,
        ts_headline('english', hits.title, q.query, ${HEADLINE_TITLE}) AS th,
        ts_headline('english', hits.abstract, q.query, ${HEADLINE_ABSTRACT}) AS sn
      FROM hits, q ORDER BY hits.position`.execute(this.db);
    return r.rows.map((row) => ({ id: row.id, score: Number(row.score), titleHighlight: row.th, snippet: row.sn }));
  }

  async highlight(match: string, ids: string[]): Promise<Map<string, Highlight>> {
    const out = new Map<string, Highlight>();
    if (ids.length === 0) return out;
    const r = await sql<{ id: string; th: string; sn: string }>`
      WITH q AS (SELECT to_tsquery('english', ${match}) AS query)
      SELECT p.id, ts_headline('english', p.title, q.query, ${HEADLINE_TITLE}) AS th,
        ts_headline('english', p.abstract, q.query, ${HEADLINE_ABSTRACT}) AS sn
      FROM papers p, q WHERE p.id IN (${sql.join(ids)}) AND p.search @@ q.query`.execute(this.db);
    for (const row of r.rows) out.set(row.id, { titleHighlight: row.th, snippet: row.sn });
    return out;
  }
}
