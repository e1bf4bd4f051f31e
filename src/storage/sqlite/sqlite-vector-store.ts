// SQLite's vector writer: one cached prepared single-row upsert run per vector, as sqlite-row-writer.ts does for papers.
import type { Database as RawDatabase, Statement } from "better-sqlite3";
import type { Kysely } from "kysely";
import type { Database } from "../schema.js";
import type { VectorWriter } from "../vector-store.js";

/**
 * The SQL comes from Kysely, compiled once; it runs on the raw handle, which is
 * safe inside a Kysely transaction because better-sqlite3 has one connection.
 * Measured on 100k vectors in 1,000-row batches: 10-50% faster than 1,000-row
 * multi-value statements (384 and 768 dims); writeVectors as a whole runs at
 * 60-100k 384-d vectors/s.
 */
export function sqliteVectorWriter(db: Kysely<Database>, raw: RawDatabase): VectorWriter {
  let stmt: Statement | undefined;
  return {
    async upsert(_trx, key, gen, rows) {
      if (rows.length === 0) return;
      stmt ??= raw.prepare(
        db
          .insertInto("paper_vectors")
          .values({ model_key: "", seq: 0, gen: 0, vector: Buffer.alloc(0) })
          .onConflict((oc) => oc.columns(["model_key", "seq"]).doUpdateSet((eb) => ({ gen: eb.ref("excluded.gen"), vector: eb.ref("excluded.vector") })))
          .compile().sql,
      );
      for (const r of rows) stmt.run(key, r.seq, gen, r.vector);
    },
  };
}
