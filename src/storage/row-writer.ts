// Writing many rows as upserts: the one place where SQLite and Postgres take different paths for speed.
import type { Kysely, Transaction } from "kysely";
import type { Database } from "./schema.js";

export type UpsertTable = "papers" | "paper_hub";

/** Columns that identify a row, and columns an upsert must not overwrite. */
export const UPSERT_KEYS: Record<UpsertTable, { key: string; keep: string[] }> = {
  papers: { key: "id", keep: ["created_at"] },
  paper_hub: { key: "paper_id", keep: [] },
};

export interface RowWriter {
  /** Upserts rows of values in `columns` order inside the given transaction. */
  upsert(trx: Transaction<Database>, table: UpsertTable, columns: readonly string[], rows: unknown[][]): Promise<void>;
}

export function rowObject(columns: readonly string[], values: unknown[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) o[columns[i]!] = values[i];
  return o;
}

/** Builds `INSERT … ON CONFLICT (key) DO UPDATE SET col = excluded.col` for the rows' columns. */
export function upsertQuery(db: Kysely<Database>, table: UpsertTable, rows: Record<string, unknown>[]) {
  const { key, keep } = UPSERT_KEYS[table];
  const cols = Object.keys(rows[0]!).filter((c) => c !== key && !keep.includes(c));
  return db
    .insertInto(table)
    .values(rows as never)
    .onConflict((oc) =>
      oc.column(key as never).doUpdateSet((eb) => Object.fromEntries(cols.map((c) => [c, eb.ref(`excluded.${c}` as never)])) as never),
    );
}

/**
 * Multi-row statements, as many rows per statement as the parameter limit
 * allows: the right shape for a networked database, where round trips dominate.
 */
export function multiRowWriter(maxParams: number): RowWriter {
  return {
    async upsert(trx, table, columns, rows) {
      if (rows.length === 0) return;
      const perStatement = Math.max(1, Math.floor(maxParams / columns.length / 2));
      for (let i = 0; i < rows.length; i += perStatement) {
        const objects = rows.slice(i, i + perStatement).map((r) => rowObject(columns, r));
        await upsertQuery(trx, table, objects).execute();
      }
    },
  };
}
