// Corpus adaptation: the coverage measure, the weight rule, and a hub of unfamiliar vocabulary getting word vectors of its own.
import { mkdtempSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../config/config.js";
import { emptyPaper, type ImportRecord } from "../../../domain/paper.js";
import { createLogger } from "../../../logging/logger.js";
import { openStore } from "../../../storage/open-store.js";
import { SearchEngine } from "../../search-engine.js";
import { coverage, MIN_CORPUS_PAPERS, shippedWeightFor } from "./corpus-adaptation.js";
import { readWordVectors } from "./word-vector-file.js";
import { shippedModelPath } from "./builtin-provider.js";

describe("shippedWeightFor and coverage", () => {
  it("keeps the shipped table alone from 90% coverage and drops it below 60%", () => {
    expect(shippedWeightFor(0.95)).toBe(1);
    expect(shippedWeightFor(0.9)).toBe(1);
    expect(shippedWeightFor(0.75)).toBeCloseTo(0.5, 10);
    expect(shippedWeightFor(0.6)).toBe(0);
    expect(shippedWeightFor(0.2)).toBe(0);
  });
  it("measures the share of SIF-weighted word mass the shipped table knows", async () => {
    const shipped = await readWordVectors(shippedModelPath());
    expect(coverage([["attent", "transform", "languag", "model"]], shipped)).toBe(1);
    expect(coverage([["zqxv", "attent"]], shipped)).toBeCloseTo(0.5, 5);
    expect(coverage([], shipped)).toBe(1);
  });
});

// Four topics of invented words the shipped table has never seen.
const TOPICS = ["alpha", "beta", "gamma", "delta"].map((t) => Array.from({ length: 12 }, (_, i) => `${t}q${i}x`));
function paper(i: number): ImportRecord {
  const words = TOPICS[i % 4]!;
  const pick = (k: number) => words[(i * 7 + k * 5) % words.length]!;
  const abstract = Array.from({ length: 30 }, (_, k) => pick(k)).join(" ");
  return { paper: { ...emptyPaper(`2301.${String(i).padStart(5, "0")}`, "kaggle"), title: `${pick(1)} ${pick(2)} ${pick(3)}`, abstract, version: 1 } };
}

describe("a hub whose papers the shipped table does not know", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  it("trains its own word vectors on catch-up, embeds with them, and finds papers by topic", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "pb-corpus-"));
    dirs.push(dataDir);
    const store = await openStore({ dataDir });
    await store.upsertPapers(Array.from({ length: MIN_CORPUS_PAPERS }, (_, i) => paper(i)));
    const engine = await SearchEngine.open(store, loadConfig({ env: {}, overrides: { dataDir } }), createLogger({ level: "silent", format: "json" }));
    try {
      const r = await engine.catchUp();
      expect(r.vectors).toBe(MIN_CORPUS_PAPERS);
      const status = await engine.status();
      expect(status.activeModel).toMatch(/^builtin:paperboard-sif-v1\+corpus-[0-9a-f]{8}$/);
      expect(status).toMatchObject({ reindexNeeded: false, vectors: MIN_CORPUS_PAPERS, pendingVectors: 0 });
      expect(existsSync(join(dataDir, "models", "corpus.json"))).toBe(true);
      const hits = await engine.service.search(`${TOPICS[2]![0]} ${TOPICS[2]![5]}`, { mode: "semantic", limit: 10, prefix: false });
      expect(hits.results).toHaveLength(10);
      for (const h of hits.results) expect(Number(h.paper.id.slice(5)) % 4).toBe(2);
      // Not due again until the hub doubles: a second catch-up changes nothing.
      expect(await engine.catchUp()).toEqual({ lexical: 0, vectors: 0 });
      expect((await engine.status()).activeModel).toBe(status.activeModel);
    } finally {
      await engine.close();
      await store.close();
    }
  }, 60_000);
});
