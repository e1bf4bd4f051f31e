// The import pipeline against a real SQLite store: totals, rejections, interruption and crash recovery.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ParseResult } from "../domain/ingest-types.js";
import { emptyPaper } from "../domain/paper.js";
import { openStore } from "../storage/open-store.js";
import type { Store } from "../storage/store.js";
import { ImportPipeline } from "./import-pipeline.js";

function ok(i: number, title = `Paper number ${i}`): ParseResult {
  const paper = { ...emptyPaper(`2401.${String(i).padStart(5, "0")}`, "kaggle"), title, version: 1 };
  return { ok: true, record: { paper }, at: { file: "f.jsonl", line: i + 1 } };
}
async function* results(n: number, opts: { failAt?: number; badEvery?: number } = {}): AsyncGenerator<ParseResult> {
  for (let i = 0; i < n; i++) {
    if (opts.failAt === i) throw new Error("disk on fire");
    if (opts.badEvery && i % opts.badEvery === opts.badEvery - 1) yield { ok: false, reason: "invalid JSON", at: { file: "f.jsonl", line: i + 1 } };
    else yield ok(i);
  }
}

describe("ImportPipeline", () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "pb-pipe-"));
    store = await openStore({ dataDir: dir });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("counts every record and keeps each rejection with its location", async () => {
    const s = await new ImportPipeline(store, { batchSize: 7 }).importResults(results(50, { badEvery: 10 }));
    expect(s).toMatchObject({ read: 50, inserted: 45, updated: 0, unchanged: 0, rejected: 5 });
    expect(s.errors.map((e) => e.at.line)).toEqual([10, 20, 30, 40, 50]);
    expect(await store.countPapers()).toBe(45);
  });

  it("rejects a record with neither id nor title instead of merging it with others", async () => {
    const anon = (line: number): ParseResult => ({ ok: true, record: { paper: { ...emptyPaper("", "jsonl"), abstract: "text" } }, at: { file: "x", line } });
    const s = await new ImportPipeline(store).importResults((async function* () { yield anon(1); yield anon(2); yield ok(1); })());
    expect(s).toMatchObject({ read: 3, inserted: 1, rejected: 2 });
    expect(s.errors[0]!.reason).toMatch(/neither an id nor a title/);
  });

  it("stops after the batch in hand when aborted; a re-run completes the import", async () => {
    const ctrl = new AbortController();
    const pipeline = new ImportPipeline(store, {
      batchSize: 100,
      onProgress: (s) => {
        if (s.read >= 300) ctrl.abort();
      },
    });
    const first = await pipeline.importResults(results(1000), { signal: ctrl.signal });
    expect(first.read).toBeLessThan(1000);
    expect(await store.countPapers()).toBe(first.inserted);
    const second = await new ImportPipeline(store, { batchSize: 100 }).importResults(results(1000));
    expect(second).toMatchObject({ inserted: 1000 - first.inserted, unchanged: first.inserted });
    expect(await store.countPapers()).toBe(1000);
  });

  it("keeps committed batches and nothing half-written when the input fails mid-way", async () => {
    await expect(new ImportPipeline(store, { batchSize: 100 }).importResults(results(1000, { failAt: 550 }))).rejects.toThrow("disk on fire");
    // Batches of 100 up to record 500 were committed; the partial batch 500-549 was not.
    expect(await store.countPapers()).toBe(500);
    const rerun = await new ImportPipeline(store, { batchSize: 100 }).importResults(results(1000));
    expect(rerun).toMatchObject({ inserted: 500, unchanged: 500 });
  });
});
