// Migration 0004: dense vectors per embedding model, kept in step with the papers like the lexical index (0003).
//
// Each embedding model has a watermark (`indexed_seq`): papers at or below it
// have a vector unless queued in `vector_pending`. New papers need no trigger:
// they get a seq above every watermark. Triggers queue a paper below a
// watermark whose title or abstract changed (what it is embedded from; other
// fields do not count) and remove a deleted paper's vectors. Vectors are raw
// little-endian float32 bytes. `gen` numbers each write of a model
// (`last_gen` counts them, so a number is never reused even when the rows of
// the newest write are deleted), letting a persisted ANN file catch up with
// the rows above the highest gen it holds. 0003 rebuilt the SQLite papers
// table, so these triggers attach to the final one.
import { sql, type Kysely, type Migration } from "kysely";
import { dialectOf } from "./dialect-of.js";

async function createTables(db: Kysely<any>, blob: "blob" | "bytea"): Promise<void> {
  await sql`CREATE TABLE embedding_models (
    key TEXT PRIMARY KEY,
    provider TEXT NOT NULL,
    model TEXT NOT NULL,
    dims INTEGER NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('active', 'building', 'retired')),
    indexed_seq BIGINT NOT NULL DEFAULT 0,
    last_gen BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    activated_at TEXT
  )`.execute(db);
  await sql`CREATE UNIQUE INDEX embedding_models_one_active ON embedding_models (state) WHERE state = 'active'`.execute(db);
  await sql`CREATE TABLE paper_vectors (
    model_key TEXT NOT NULL REFERENCES embedding_models (key) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    gen BIGINT NOT NULL,
    vector ${sql.raw(blob)} NOT NULL,
    PRIMARY KEY (model_key, seq)
  )`.execute(db);
  await sql`CREATE INDEX paper_vectors_gen ON paper_vectors (model_key, gen)`.execute(db);
  await sql`CREATE TABLE vector_pending (
    model_key TEXT NOT NULL REFERENCES embedding_models (key) ON DELETE CASCADE,
    seq BIGINT NOT NULL,
    PRIMARY KEY (model_key, seq)
  )`.execute(db);
}

/** Models that still want a changed paper re-embedded: not retired, and already past it. */
const QUEUE_FOR = (seq: string) => `SELECT key, ${seq} FROM embedding_models WHERE state <> 'retired' AND indexed_seq >= ${seq}`;
/** `model_key IN (…)` lets each delete use the primary key instead of scanning every model's vectors. */
const FORGET = (seq: string) => `
  DELETE FROM paper_vectors WHERE model_key IN (SELECT key FROM embedding_models) AND seq = ${seq};
  DELETE FROM vector_pending WHERE model_key IN (SELECT key FROM embedding_models) AND seq = ${seq};`;

async function upSqlite(db: Kysely<any>): Promise<void> {
  await createTables(db, "blob");
  await sql.raw(
    `CREATE TRIGGER papers_vectors_update AFTER UPDATE OF title, abstract ON papers
     WHEN old.title IS NOT new.title OR old.abstract IS NOT new.abstract BEGIN
       INSERT INTO vector_pending (model_key, seq) ${QUEUE_FOR("new.seq")}
         AND NOT EXISTS (SELECT 1 FROM vector_pending v WHERE v.model_key = embedding_models.key AND v.seq = new.seq);
     END`,
  ).execute(db);
  await sql.raw(`CREATE TRIGGER papers_vectors_delete AFTER DELETE ON papers BEGIN ${FORGET("old.seq")} END`).execute(db);
}

async function upPostgres(db: Kysely<any>): Promise<void> {
  await createTables(db, "bytea");
  await sql.raw(
    `CREATE FUNCTION papers_vectors_update() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO vector_pending (model_key, seq) ${QUEUE_FOR("NEW.seq")} ON CONFLICT DO NOTHING;
       RETURN NULL;
     END $$`,
  ).execute(db);
  await sql.raw(
    `CREATE TRIGGER papers_vectors_update AFTER UPDATE OF title, abstract ON papers FOR EACH ROW
     WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.abstract IS DISTINCT FROM NEW.abstract)
     EXECUTE FUNCTION papers_vectors_update()`,
  ).execute(db);
  await sql.raw(
    `CREATE FUNCTION papers_vectors_delete() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN ${FORGET("OLD.seq")}
       RETURN NULL;
     END $$`,
  ).execute(db);
  await sql.raw(`CREATE TRIGGER papers_vectors_delete AFTER DELETE ON papers FOR EACH ROW EXECUTE FUNCTION papers_vectors_delete()`).execute(db);
}

export const m0004Vectors: Migration = {
  async up(db: Kysely<any>) {
    if (dialectOf(db) === "sqlite") await upSqlite(db);
    else await upPostgres(db);
  },
};
