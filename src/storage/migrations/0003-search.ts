// Migration 0003: a stable integer key per paper (for search and vector indexes) and the lexical search index.
//
// Both: papers gains `author_names` (plain names, comma-separated, written by
// the store) for indexing. SQLite: papers is rebuilt with `seq INTEGER PRIMARY
// KEY AUTOINCREMENT` (a rowid alias, so VACUUM cannot renumber it, never
// reused, so the indexer's watermark stays valid) and an FTS5 index over
// title, abstract and author names (external content: a view over papers, so
// the FTS table stores no text of its own), filled by the indexer. PostgreSQL: an identity column and a
// stored, weighted tsvector (title A, abstract B, authors C) with a GIN index.
import { sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "./dialect-of.js";


async function upSqlite(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE papers RENAME TO papers_0002`.execute(db);
  await db.schema.dropIndex("papers_title_key").execute();
  await db.schema.dropIndex("papers_published_at").execute();
  await sql`CREATE TABLE papers (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    version INTEGER,
    title TEXT NOT NULL,
    abstract TEXT NOT NULL,
    authors TEXT NOT NULL,
    author_names TEXT NOT NULL,
    categories TEXT NOT NULL,
    primary_category TEXT,
    published_at TEXT,
    updated_at TEXT,
    comments TEXT,
    journal_ref TEXT,
    doi TEXT,
    license TEXT,
    abs_url TEXT,
    pdf_url TEXT,
    code_url TEXT,
    project_url TEXT,
    source TEXT NOT NULL,
    title_key TEXT NOT NULL,
    created_at TEXT NOT NULL,
    modified_at TEXT NOT NULL
  )`.execute(db);
  await sql`INSERT INTO papers (id, version, title, abstract, authors, author_names, categories, primary_category, published_at, updated_at,
      comments, journal_ref, doi, license, abs_url, pdf_url, code_url, project_url, source, title_key, created_at, modified_at)
    SELECT id, version, title, abstract, authors,
      coalesce((SELECT group_concat(j.value ->> 'name', ', ') FROM json_each(papers_0002.authors) AS j), ''), categories, primary_category, published_at, updated_at,
      comments, journal_ref, doi, license, abs_url, pdf_url, code_url, project_url, source, title_key, created_at, modified_at
    FROM papers_0002 ORDER BY rowid`.execute(db);
  // paper_hub references papers(id); SQLite re-points the reference on rename, so rebuild it against the new table.
  await sql`ALTER TABLE paper_hub RENAME TO paper_hub_0002`.execute(db);
  await sql`DROP INDEX IF EXISTS paper_hub_feed_day`.execute(db);
  await sql`DROP INDEX IF EXISTS paper_hub_org_name`.execute(db);
  await sql`CREATE TABLE paper_hub (
    paper_id TEXT PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
    feed_day TEXT, submitted_at TEXT, submitted_by TEXT, upvotes INTEGER, num_comments INTEGER,
    organization TEXT, org_name TEXT, github_repo TEXT, github_stars INTEGER, project_page TEXT,
    ai_summary TEXT, ai_keywords TEXT, thumbnail TEXT, discussion_id TEXT, modified_at TEXT NOT NULL, last_listed_day TEXT
  )`.execute(db);
  await sql`INSERT INTO paper_hub SELECT paper_id, feed_day, submitted_at, submitted_by, upvotes, num_comments, organization, org_name,
    github_repo, github_stars, project_page, ai_summary, ai_keywords, thumbnail, discussion_id, modified_at, last_listed_day FROM paper_hub_0002`.execute(db);
  await sql`DROP TABLE paper_hub_0002`.execute(db);
  await sql`DROP TABLE papers_0002`.execute(db);
  await db.schema.createIndex("papers_title_key").on("papers").column("title_key").execute();
  await db.schema.createIndex("papers_published_at").on("papers").columns(["published_at", "id"]).execute();
  await db.schema.createIndex("paper_hub_feed_day").on("paper_hub").columns(["feed_day", "upvotes"]).execute();
  await db.schema.createIndex("paper_hub_org_name").on("paper_hub").column("org_name").execute();

  await sql`CREATE VIEW papers_fts_source AS SELECT seq, title, abstract, author_names AS authors FROM papers`.execute(db);
  await sql`CREATE VIRTUAL TABLE papers_fts USING fts5(
    title, abstract, authors,
    content = 'papers_fts_source', content_rowid = 'seq',
    tokenize = 'porter unicode61 remove_diacritics 2'
  )`.execute(db);
  // Indexing is deferred so bulk imports run at store speed: new rows (seq above
  // the watermark) are added by the indexer (catchUp). Triggers only take out of
  // the index what is in it, with its exact old text as external content
  // requires, and queue changed rows for re-adding.
  await sql`CREATE TABLE search_index_state (name TEXT PRIMARY KEY, indexed_seq INTEGER NOT NULL)`.execute(db);
  await sql`INSERT INTO search_index_state (name, indexed_seq) VALUES ('fts', 0)`.execute(db);
  await sql`CREATE TABLE fts_pending (seq INTEGER PRIMARY KEY)`.execute(db);
  // A row is in the index when its seq is at or below the watermark and it is not pending.
  const inIndex = (row: string) =>
    `${row}.seq <= (SELECT indexed_seq FROM search_index_state WHERE name = 'fts') AND NOT EXISTS (SELECT 1 FROM fts_pending WHERE seq = ${row}.seq)`;
  const remove = (row: string) =>
    `INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors) VALUES ('delete', ${row}.seq, ${row}.title, ${row}.abstract, ${row}.author_names);`;
  // One trigger, statements in order: the pending check must see the queue before it is cleared.
  await sql.raw(
    `CREATE TRIGGER papers_fts_delete AFTER DELETE ON papers BEGIN
      INSERT INTO papers_fts (papers_fts, rowid, title, abstract, authors)
        SELECT 'delete', old.seq, old.title, old.abstract, old.author_names WHERE ${inIndex("old")};
      DELETE FROM fts_pending WHERE seq = old.seq;
    END`,
  ).execute(db);
  await sql.raw(
    `CREATE TRIGGER papers_fts_update AFTER UPDATE OF title, abstract, author_names ON papers WHEN ${inIndex("old")} BEGIN ${remove("old")} INSERT INTO fts_pending (seq) VALUES (new.seq); END`,
  ).execute(db);
  // Papers brought over from before this migration are indexed now.
  await sql`INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')`.execute(db);
  await sql`UPDATE search_index_state SET indexed_seq = (SELECT coalesce(max(seq), 0) FROM papers) WHERE name = 'fts'`.execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE papers ADD COLUMN seq integer GENERATED ALWAYS AS IDENTITY`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN author_names text NOT NULL DEFAULT ''`.execute(db);
  await sql`UPDATE papers SET author_names = coalesce((SELECT string_agg(e ->> 'name', ', ') FROM jsonb_array_elements(authors::jsonb) AS e), '')`.execute(db);
  await sql`ALTER TABLE papers ADD CONSTRAINT papers_seq_unique UNIQUE (seq)`.execute(db);
  await sql`ALTER TABLE papers ADD COLUMN search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english', title), 'A') ||
    setweight(to_tsvector('english', abstract), 'B') ||
    setweight(to_tsvector('english', author_names), 'C')
  ) STORED`.execute(db);
  await sql`CREATE INDEX papers_search ON papers USING gin (search)`.execute(db);
}

export const m0003Search: Migration = {
  async up(db: Kysely<any>) {
    if (dialectOf(db) === "sqlite") await upSqlite(db);
    else await upPostgres(db);
  },
};
