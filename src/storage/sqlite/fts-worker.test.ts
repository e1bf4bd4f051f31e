// The FTS5 catch-up on a worker thread (big catch-ups, see SqliteLexicalIndex) indexes exactly what the in-thread one does.
//
// The worker entry is compiled JavaScript (dist/, built by the tests' global setup); under vitest
// the sources have no .js beside them, so these tests load the compiled index, as `npm start` does.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyPaper, type ImportRecord } from "../../domain/paper.js";
import { openStore } from "../open-store.js";
import type { SqliteLexicalIndex as SourceIndex } from "./sqlite-lexical-index.js";
import type { openSqlite as SourceOpen } from "./sqlite-connection.js";

const DIST = new URL("../../../dist/storage/sqlite/", import.meta.url);
const { SqliteLexicalIndex } = (await import(new URL("sqlite-lexical-index.js", DIST).href)) as { SqliteLexicalIndex: typeof SourceIndex };
const { openSqlite } = (await import(new URL("sqlite-connection.js", DIST).href)) as { openSqlite: typeof SourceOpen };

const WORDS = ["graph", "neural", "protein", "quantum", "retrieval", "diffusion", "lattice", "enzyme", "spectral", "robot"];
const rec = (i: number): ImportRecord => ({
  paper: {
    ...emptyPaper(`2401.${String(i).padStart(5, "0")}`, "kaggle"),
    version: 1,
    title: `${WORDS[i % 10]} ${WORDS[(i * 7) % 10]} study ${i}`,
    abstract: `We study ${WORDS[(i * 3) % 10]} methods for ${WORDS[(i * 5) % 10]} data.`,
    authors: [{ name: `Author ${i % 13}` }],
  },
});

/** Every paper's rowid under each word, from FTS5 itself. */
function postings(file: string): string {
  const db = new Database(file, { readonly: true });
  try {
    return WORDS.map((w) => `${w}:${db.prepare("SELECT rowid FROM papers_fts WHERE papers_fts MATCH ? ORDER BY rowid").pluck().all(w).join(",")}`).join("\n");
  } finally {
    db.close();
  }
}

describe("FTS5 catch-up on a worker thread", () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pb-fts-worker-"));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** A hub of n papers, three of them edited after a first catch-up of the first m (so fts_pending holds them). */
  async function hub(name: string, n: number, m: number): Promise<string> {
    const dataDir = join(dir, name);
    const store = await openStore({ dataDir });
    try {
      await store.upsertPapers(Array.from({ length: m }, (_, i) => rec(i)));
      await store.lexical.catchUp();
      await store.upsertPapers(Array.from({ length: n - m }, (_, i) => rec(m + i)));
      for (const i of [1, 5, 9]) {
        const r = rec(i);
        await store.upsertPapers([{ paper: { ...r.paper, version: 2, title: `${r.paper.title} robot` } }]);
      }
    } finally {
      await store.close();
    }
    return join(dataDir, "paperboard.db");
  }

  it("indexes new and edited papers as the in-thread catch-up does, reporting progress, with reads going on beside it", async () => {
    const [inThread, inWorker] = [await hub("a", 600, 50), await hub("b", 600, 50)];
    const a = openSqlite(inThread);
    const b = openSqlite(inWorker);
    try {
      expect(await new SqliteLexicalIndex(a.db).catchUp({ batchSize: 100 })).toBe(553);
      const progress: number[] = [];
      const index = new SqliteLexicalIndex(b.db, inWorker, 1);
      const running = index.catchUp({ batchSize: 100, onProgress: (n) => progress.push(n) });
      // This thread's connection keeps answering while the worker writes.
      expect(Number(b.raw.prepare("SELECT count(*) FROM papers").pluck().get())).toBe(600);
      expect(await running).toBe(553);
      expect(progress.length).toBeGreaterThan(1);
      expect(progress.at(-1)).toBe(553);
      expect(await index.pending()).toBe(0);
    } finally {
      await a.db.destroy();
      await b.db.destroy();
    }
    expect(postings(inWorker)).toBe(postings(inThread));
    expect(postings(inWorker)).toContain("robot:");
    const check = new Database(inWorker);
    expect(() => check.prepare("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    check.close();
  });

  it("stops after the batch in hand when aborted, and a later catch-up finishes the rest", async () => {
    const file = await hub("c", 3000, 0);
    const { db } = openSqlite(file);
    try {
      const index = new SqliteLexicalIndex(db, file, 1);
      const stop = new AbortController();
      const first = await index.catchUp({ batchSize: 50, signal: stop.signal, onProgress: (n) => n >= 100 && stop.abort() });
      expect(first).toBeGreaterThanOrEqual(100);
      expect(first).toBeLessThan(3000);
      expect(await index.pending()).toBe(3000 - first);
      expect(await index.catchUp({ batchSize: 500 })).toBe(3000 - first);
      expect(await index.pending()).toBe(0);
    } finally {
      await db.destroy();
    }
  });

  it("fails with a clear error when the worker cannot open the database (so the worker, not this thread, did the work above)", async () => {
    const file = await hub("d", 10, 0);
    const { db } = openSqlite(file);
    try {
      // A path whose parent is a file: the worker's connection cannot be made, while this thread's could index.
      const index = new SqliteLexicalIndex(db, join(file, "nested.db"), 1);
      await expect(index.catchUp()).rejects.toThrow(/full-text indexing (failed|stopped)/);
    } finally {
      await db.destroy();
    }
  });
});
