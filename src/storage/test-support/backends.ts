// The backends every storage test runs against: SQLite always, Postgres when PAPERBOARD_TEST_PG_URL is set.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { openStore } from "../open-store.js";
import type { Store } from "../store.js";

export interface TestBackend {
  name: "sqlite" | "postgres";
  /** Skip reason, when this backend cannot run here. */
  skip?: string;
  /** Opens a fresh, empty, migrated store. */
  open(): Promise<Store>;
  /** Re-opens the same database the last open() created (to test persistence). */
  reopen(): Promise<Store>;
  cleanup(): Promise<void>;
}

export function sqliteBackend(): TestBackend {
  // Every open() makes a folder; cleanup() removes them all (suites open one per test and clean up once).
  const dirs: string[] = [];
  return {
    name: "sqlite",
    async open() {
      dirs.push(mkdtempSync(join(tmpdir(), "pb-store-")));
      return openStore({ dataDir: dirs[dirs.length - 1]! });
    },
    async reopen() {
      return openStore({ dataDir: dirs[dirs.length - 1] ?? "" });
    },
    async cleanup() {
      for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function postgresBackend(): TestBackend {
  const url = process.env.PAPERBOARD_TEST_PG_URL;
  const schemas: string[] = [];
  let current = "";
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>): Promise<T> => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  return {
    name: "postgres",
    ...(url ? {} : { skip: "PAPERBOARD_TEST_PG_URL is not set; Postgres conformance tests skipped (.ci/run sets it)" }),
    async open() {
      current = `pb_test_${process.pid}_${Date.now()}_${schemas.length}`;
      schemas.push(current);
      await admin((c) => c.query(`CREATE SCHEMA ${current}`));
      return openStore({ dataDir: "", databaseUrl: url, pgSchema: current });
    },
    async reopen() {
      return openStore({ dataDir: "", databaseUrl: url, pgSchema: current });
    },
    async cleanup() {
      if (!url || schemas.length === 0) return;
      await admin(async (c) => {
        for (const s of schemas.splice(0)) await c.query(`DROP SCHEMA IF EXISTS ${s} CASCADE`);
      });
    },
  };
}

export function allBackends(): TestBackend[] {
  const backends = [sqliteBackend(), postgresBackend()];
  for (const b of backends) if (b.skip) console.warn(`[storage tests] ${b.name}: ${b.skip}`);
  return backends;
}
