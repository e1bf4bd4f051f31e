// Opens the embedded SQLite database (one file under the data directory, WAL mode) as a Kysely instance.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import type { Database } from "../schema.js";
import type { StoreCapabilities } from "../store.js";

export const sqliteCapabilities: StoreCapabilities = {
  dialect: "sqlite",
  // SQLite >= 3.32 allows 32766 host parameters per statement.
  maxParams: 32766,
};

export function openSqlite(file: string): Kysely<Database> {
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  const raw = new SqliteDatabase(file);
  raw.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commit.
  raw.pragma("synchronous = NORMAL");
  raw.pragma("foreign_keys = ON");
  raw.pragma("busy_timeout = 5000");
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
}
