// Chooses and opens the backend named by the configuration, migrated and ready.
import { join } from "node:path";
import { sql, type Kysely } from "kysely";
import type { Database } from "./schema.js";
import { KyselyStore } from "./kysely-store.js";
import { openPostgres, postgresCapabilities } from "./postgres/postgres-connection.js";
import { openSqlite, sqliteCapabilities } from "./sqlite/sqlite-connection.js";
import { PostgresLexicalIndex } from "./postgres/postgres-lexical-index.js";
import { multiRowWriter } from "./row-writer.js";
import { SqliteLexicalIndex } from "./sqlite/sqlite-lexical-index.js";
import { sqliteRowWriter } from "./sqlite/sqlite-row-writer.js";
import { sqliteVectorWriter } from "./sqlite/sqlite-vector-store.js";
import type { Store } from "./store.js";
import { KyselyVectorStore } from "./vector-store.js";

export interface StoreConfig {
  dataDir: string;
  /** `postgres://...` selects PostgreSQL; a `sqlite:` path or nothing selects SQLite under dataDir. */
  databaseUrl?: string | undefined;
  /** Postgres schema (search_path); used by tests. */
  pgSchema?: string | undefined;
}

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//i.test(url);
}

export function sqliteFile(cfg: StoreConfig): string {
  const url = cfg.databaseUrl;
  if (url && url.startsWith("sqlite:")) return url.slice("sqlite:".length).replace(/^\/\//, "");
  return join(cfg.dataDir, "paperboard.db");
}

export async function openStore(cfg: StoreConfig): Promise<Store> {
  let store: KyselyStore;
  if (isPostgresUrl(cfg.databaseUrl)) {
    const db = openPostgres({ url: cfg.databaseUrl, schema: cfg.pgSchema });
    // Kysely's migration tables must live in the schema we work in (a URL may set search_path).
    const schema = cfg.pgSchema ?? (await currentSchema(db));
    const vectors = new KyselyVectorStore(db, postgresCapabilities);
    store = new KyselyStore(db, postgresCapabilities, multiRowWriter(postgresCapabilities.maxParams), new PostgresLexicalIndex(db), vectors, schema);
  } else {
    const file = sqliteFile(cfg);
    const { db, raw } = openSqlite(file);
    const vectors = new KyselyVectorStore(db, sqliteCapabilities, sqliteVectorWriter(db, raw));
    const lexical = new SqliteLexicalIndex(db, file === ":memory:" ? null : file);
    store = new KyselyStore(db, sqliteCapabilities, sqliteRowWriter(db, raw), lexical, vectors);
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  try {
    const r = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    return r.rows[0]?.schema ?? "public";
  } catch (err) {
    await db.destroy().catch(() => {});
    throw new Error(`cannot connect to PostgreSQL: ${(err as Error).message}`, { cause: err });
  }
}
