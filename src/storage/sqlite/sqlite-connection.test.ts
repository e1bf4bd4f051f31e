// The SQLite connection keeps its prepared statements, reusing them after streamed reads and across schema changes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openSqlite } from "./sqlite-connection.js";

describe("openSqlite", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pb-sqlite-"));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it("prepares a query's SQL once, and runs it again after a streamed read of it stopped early", async () => {
    const prepare = vi.spyOn(SqliteDatabase.prototype, "prepare");
    const { db } = openSqlite(join(dir, "t.db"));
    await sql`CREATE TABLE t (x INTEGER)`.execute(db);
    await sql`INSERT INTO t VALUES (1), (2), (3)`.execute(db);
    const select = () => sql<{ x: number }>`SELECT x FROM t WHERE x >= ${1} ORDER BY x`;
    prepare.mockClear();
    for (let i = 0; i < 5; i++) expect((await select().execute(db)).rows.map((r) => r.x)).toEqual([1, 2, 3]);
    expect(prepare).toHaveBeenCalledTimes(1);

    // A streamed read left after its first row leaves the kept statement ready for the next run.
    const stream = () => db.selectFrom("t" as never).select(sql<number>`x`.as("x")).where(sql`x`, ">=", 1).orderBy(sql`x`);
    for await (const row of stream().stream()) {
      expect((row as { x: number }).x).toBe(1);
      break;
    }
    expect((await stream().execute()).map((r) => (r as { x: number }).x)).toEqual([1, 2, 3]);
    const seen: number[] = [];
    for await (const row of stream().stream()) seen.push((row as { x: number }).x);
    expect(seen).toEqual([1, 2, 3]);
    await db.destroy();
  });

  it("sees a column added after a kept statement was prepared", async () => {
    const { db } = openSqlite(join(dir, "t.db"));
    await sql`CREATE TABLE t (x INTEGER)`.execute(db);
    await sql`INSERT INTO t VALUES (1)`.execute(db);
    const all = () => sql<Record<string, unknown>>`SELECT * FROM t`.execute(db);
    expect((await all()).rows).toEqual([{ x: 1 }]);
    await sql`ALTER TABLE t ADD COLUMN y TEXT DEFAULT 'a'`.execute(db);
    expect((await all()).rows).toEqual([{ x: 1, y: "a" }]);
    await db.destroy();
  });
});
