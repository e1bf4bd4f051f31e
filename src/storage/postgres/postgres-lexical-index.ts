// PostgreSQL's lexical index: the stored, weighted tsvector (title A, abstract B, authors C), ranked by ts_rank_cd.
import { sql, type Kysely } from "kysely";
import { MARK_END, MARK_START } from "../../search/highlight.js";
import type { LexicalHit, LexicalIndex, LexicalSearch } from "../lexical-index.js";
import { filterClauses } from "../like-filters.js";
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
        SELECT id FROM papers p WHERE true ${where} ORDER BY p.published_at DESC NULLS LAST, p.id DESC LIMIT ${s.limit}`.execute(this.db);
      return r.rows.map((row, i) => ({ id: row.id, score: -i, titleHighlight: null, snippet: null }));
    }
    // Headlines are costly: compute them only for the rows that make the page.
    const r = await sql<{ id: string; score: number; th: string; sn: string }>`
      WITH q AS (SELECT to_tsquery('english', ${s.match}) AS query),
      hits AS (
        SELECT p.id, p.title, p.abstract, ts_rank_cd(p.search, q.query) AS score
        FROM papers p, q WHERE p.search @@ q.query ${where}
        ORDER BY score DESC, p.id LIMIT ${s.limit}
      )
      SELECT hits.id, hits.score,
        ts_headline('english', hits.title, q.query, ${HEADLINE_TITLE}) AS th,
        ts_headline('english', hits.abstract, q.query, ${HEADLINE_ABSTRACT}) AS sn
      FROM hits, q ORDER BY hits.score DESC, hits.id`.execute(this.db);
    return r.rows.map((row) => ({ id: row.id, score: Number(row.score), titleHighlight: row.th, snippet: row.sn }));
  }
}
