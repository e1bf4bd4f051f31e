// SQLite's deferred FTS5 index stays exactly in step with the papers: migration from before it, updates, deletes.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { Migrator, sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyPaper, type ImportRecord } from "../../domain/paper.js";
import { KyselyStore } from "../kysely-store.js";
import { migrationProvider } from "../migrations/index.js";
import { openStore } from "../open-store.js";
import { openSqlite } from "./sqlite-connection.js";

const rec = (id: string, title: string, abstract = "An abstract."): ImportRecord => ({
  paper: { ...emptyPaper(id, "kaggle"), version: 1, title, abstract, authors: [{ name: "Emmy Noether" }] },
});

/** FTS5's own consistency check of an external-content index against its content. */
function ftsIntact(file: string): void {
  const db = new Database(file);
  try {
    db.prepare("INSERT INTO papers_fts (papers_fts, rank) VALUES ('integrity-check', 1)").run();
  } finally {
    db.close();
  }
}

describe("SQLite search index", () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "pb-fts-"));
    file = join(dir, "paperboard.db");
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates a store from before search: papers, hub facts and ids kept, and all of them indexed", async () => {
    const { db } = openSqlite(file);
    const migrator = new Migrator({ db, provider: migrationProvider });
    const to2 = await migrator.migrateTo("0002-hub-last-listed-day");
    expect(to2.error).toBeUndefined();
    const now = "2024-01-01T00:00:00.000Z";
    const old = [
      { id: "2401.00001", title: "Old stored paper about tensors" },
      { id: "hep-th/9901001", title: "Strings on a lattice" },
    ];
    for (const { id, title } of old) {
      await sql`INSERT INTO papers (id, version, title, abstract, authors, categories, source, title_key, created_at, modified_at)
        VALUES (${id}, 1, ${title}, 'Text.', '[{"name":"Sophie Germain"}]', '["math.NT"]', 'kaggle', ${title.toLowerCase()}, ${now}, ${now})`.execute(db);
    }
    await sql`INSERT INTO paper_hub (paper_id, feed_day, upvotes, modified_at, last_listed_day) VALUES ('2401.00001', '2024-01-02', 7, ${now}, '2024-01-02')`.execute(db);
    await db.destroy();

    const store = await openStore({ dataDir: dir });
    try {
      expect(await store.countPapers()).toBe(2);
      const p = await store.getPaper("2401.00001");
      expect(p?.hub?.upvotes).toBe(7);
      expect(p?.authors).toEqual([{ name: "Sophie Germain" }]);
      expect(await store.lexical.pending()).toBe(0);
      const hits = await store.lexical.search({ match: '"germain"', filters: {}, limit: 10 });
      expect(hits.map((h) => h.id).sort()).toEqual(["2401.00001", "hep-th/9901001"]);
    } finally {
      await store.close();
    }
    ftsIntact(file);
  });

  it("keeps the index intact through updates before and after indexing, and deletes", async () => {
    const store = (await openStore({ dataDir: dir })) as KyselyStore;
    try {
      await store.upsertPapers([rec("a", "Alpha title"), rec("b", "Beta title"), rec("c", "Gamma title")]);
      // Updated before it was ever indexed: nothing to take out, the indexer adds the new text.
      await store.upsertPapers([{ ...rec("a", "Alpha renamed"), paper: { ...rec("a", "Alpha renamed").paper, version: 2 } }]);
      expect(await store.lexical.catchUp()).toBe(3);
      // Updated twice after indexing: taken out once, queued once, re-added once.
      for (const t of ["Beta second", "Beta third"]) {
        const r = rec("b", t);
        r.paper.version = t === "Beta second" ? 2 : 3;
        await store.upsertPapers([r]);
      }
      expect(await store.lexical.pending()).toBe(1);
      // Deleted while queued, and deleted while indexed.
      await sql`DELETE FROM papers WHERE id IN ('b', 'c')`.execute(store.db);
      expect(await store.lexical.pending()).toBe(0);
      await store.upsertPapers([rec("d", "Delta title")]);
      expect(await store.lexical.catchUp()).toBe(1);
      const all = await store.lexical.search({ match: '"title" OR "renamed" OR "beta"', filters: {}, limit: 10 });
      expect(all.map((h) => h.id).sort()).toEqual(["a", "d"]);
    } finally {
      await store.close();
    }
    ftsIntact(file);
  });

  it("reports the words found in more than a share of the indexed papers, stemmed as FTS5 stems them", async () => {
    const store = await openStore({ dataDir: dir });
    try {
      const records = Array.from({ length: 10 }, (_, i) =>
        rec(`2401.0000${i}`, i < 4 ? `Models of language ${i}` : `Graph paper ${i}`, i < 8 ? "A trained model." : "Proteins fold."),
      );
      await store.upsertPapers(records);
      await store.lexical.catchUp();
      const frequentWords = store.lexical.frequentWords!.bind(store.lexical);
      // "models" (8 of 10 via the abstract's "model"), "trained" (8) pass 50%; "language" (4) and "proteins" (2) do not.
      expect(await frequentWords(["models", "trained", "language", "proteins", "absent"], 0.5)).toEqual(new Set(["models", "trained"]));
      expect(await frequentWords(["language"], 0.3)).toEqual(new Set(["language"]));
      // A small hub has no frequent words: ranking all of them costs nothing there.
      expect(await frequentWords(["models"], 0.5, 11)).toEqual(new Set());
    } finally {
      await store.close();
    }
  });
});
