// SQLite's row writer: one cached prepared single-row upsert run per row, the fastest way into an in-process database.
import type { Database as RawDatabase, Statement } from "better-sqlite3";
import type { Kysely } from "kysely";
import { rowObject, upsertQuery, type RowWriter } from "../row-writer.js";
import type { Database } from "../schema.js";

/**
 * The SQL still comes from Kysely (compiled once per table and column list);
 * only its execution bypasses the async driver. This is safe inside a Kysely
 * transaction because better-sqlite3 has a single connection, so the raw
 * statements run within the BEGIN the transaction issued. Measured on 100k
 * Kaggle records: ~25% faster than 700-row multi-value statements, which
 * SQLite must re-parse each time.
 */
export function sqliteRowWriter(db: Kysely<Database>, raw: RawDatabase): RowWriter {
  const cache = new Map<string, Statement>();
  return {
    async upsert(_trx, table, columns, rows) {
      if (rows.length === 0) return;
      const cacheKey = `${table}:${columns.join(",")}`;
      let stmt = cache.get(cacheKey);
      if (!stmt) {
        stmt = raw.prepare(upsertQuery(db, table, [rowObject(columns, rows[0]!)]).compile().sql);
        cache.set(cacheKey, stmt);
      }
      for (const row of rows) stmt.run(row);
    },
  };
}
