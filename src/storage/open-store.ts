// Chooses and opens the backend named by the configuration, migrated and ready.
import { join } from "node:path";
import { KyselyStore } from "./kysely-store.js";
import { openPostgres, postgresCapabilities } from "./postgres/postgres-connection.js";
import { openSqlite, sqliteCapabilities } from "./sqlite/sqlite-connection.js";
import { multiRowWriter } from "./row-writer.js";
import { sqliteRowWriter } from "./sqlite/sqlite-row-writer.js";
import type { Store } from "./store.js";

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
    store = new KyselyStore(db, postgresCapabilities, multiRowWriter(postgresCapabilities.maxParams), cfg.pgSchema);
  } else {
    const { db, raw } = openSqlite(sqliteFile(cfg));
    store = new KyselyStore(db, sqliteCapabilities, sqliteRowWriter(db, raw));
  }
  try {
    await store.migrate();
  } catch (err) {
    await store.close().catch(() => {});
    throw err;
  }
  return store;
}
