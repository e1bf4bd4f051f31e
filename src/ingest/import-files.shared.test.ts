// Integration: the real data in ../shared/data imported into a real SQLite store (skipped when ../shared is absent).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normaliseTitle } from "../domain/title.js";
import { openStore } from "../storage/open-store.js";
import type { Store } from "../storage/store.js";
import { ImportPipeline } from "./import-pipeline.js";
import { importFiles } from "./import-files.js";

const DATA = fileURLToPath(new URL("../../../shared/data", import.meta.url));
const present = existsSync(DATA);
if (!present) console.log(`import-files.shared.test: ${DATA} not found; skipping the real-data integration checks`);
const feed = { timeZone: "UTC", rolloverHour: 17 };

describe.skipIf(!present)("importing the shared real data", () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pb-shared-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const fresh = async (name: string) => {
    store = await openStore({ dataDir: join(dir, name) });
    return store;
  };

  it("lands all 9,577 distinct Daily Papers with hub facts and reports the 300 malformed entries by file and index", async () => {
    const s = await fresh("hf");
    const raw = join(DATA, "hf-daily-papers/raw");
    const files = readdirSync(raw).filter((f) => f.endsWith(".json")).sort().map((f) => join(raw, f));
    const summary = await importFiles(files, new ImportPipeline(s), { feed });
    expect(summary).toMatchObject({ read: 9881, inserted: 9577, rejected: 300 });
    expect(summary.inserted + summary.updated + summary.unchanged).toBe(9581);
    expect(await s.countPapers()).toBe(9577);
    const badFiles = new Set(summary.errors.map((e) => basename(e.at.file)));
    expect(badFiles.size).toBe(22);
    expect([...badFiles].sort()[0]).toBe("2024-12-11.json");
    for (const e of summary.errors) expect(e.at.index).toBeTypeOf("number");
    // Every paper has hub facts, and its feed day is the day of the file it came from.
    let withHub = 0;
    for await (const p of s.streamPapers()) {
      if (p.hub?.feedDay && p.hub.upvotes != null) withHub++;
    }
    expect(withHub).toBe(9577);
    const sample = await s.getPaper("2608.19880");
    expect(sample?.hub).toMatchObject({ feedDay: "2026-08-21", organization: { name: "google" }, githubRepo: "https://github.com/google-research/envharness" });
    expect(sample?.hub?.aiKeywords).toContain("EnvHarness");
    // Re-importing changes nothing.
    const again = await importFiles(files, new ImportPipeline(s), { feed });
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 9581, rejected: 300 });
    await s.close();
  }, 120_000);

  it("lands the 389 seed papers, and the five listing files land the same 389 titles", async () => {
    const s = await fresh("seeds");
    const jsonl = join(DATA, "seed-papers.jsonl");
    const first = await importFiles([jsonl], new ImportPipeline(s), { feed });
    expect(first).toMatchObject({ inserted: 389, rejected: 0 });
    const seedTitles = new Set(readFileSync(jsonl, "utf8").trim().split("\n").map((l) => normaliseTitle(JSON.parse(l).title)));
    expect(seedTitles.size).toBe(389);

    const listings = readdirSync(join(DATA, "seeds")).filter((f) => f.endsWith(".txt")).map((f) => join(DATA, "seeds", f));
    const listed = await importFiles(listings, new ImportPipeline(s), { feed });
    expect(listed.rejected).toBe(0);
    expect(listed.inserted).toBe(0);
    expect(await s.countPapers()).toBe(389);

    const only = await fresh("listings");
    await importFiles(listings, new ImportPipeline(only), { feed });
    const titles = new Set<string>();
    for await (const p of only.streamPapers()) titles.add(normaliseTitle(p.title));
    expect(titles).toEqual(seedTitles);
    await only.close();
    await s.close();
  }, 60_000);

  it("imports the Kaggle snapshot sample and the SciFact corpus", async () => {
    const s = await fresh("misc");
    const kaggle = await importFiles([join(DATA, "arxiv-samples/arxiv-metadata-oai-snapshot.first200.jsonl")], new ImportPipeline(s), { feed });
    expect(kaggle).toMatchObject({ inserted: 200, rejected: 0 });
    expect((await s.getPaper("0704.0001"))?.doi).toBe("10.1103/PhysRevD.76.013009");
    const scifact = await importFiles([join(DATA, "scifact/corpus.jsonl")], new ImportPipeline(s), { feed });
    expect(scifact).toMatchObject({ inserted: 5183, rejected: 0 });
    await s.close();
  }, 60_000);
});
