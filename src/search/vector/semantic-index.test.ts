// SemanticIndex.catchUp: batches read, embedded ahead, written and inserted in order; resumable after an abort.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyPaper } from "../../domain/paper.js";
import { openStore } from "../../storage/open-store.js";
import type { Store } from "../../storage/store.js";
import type { EmbeddingProvider } from "../embed/provider.js";
import { SemanticIndex } from "./semantic-index.js";

const DIMS = 16;

/** A deterministic provider: the vector of "paper N" has its weight on dimension N mod 16; slow enough to interleave. */
function fakeProvider(): EmbeddingProvider & { calls: number } {
  return {
    provider: "http",
    model: "fake-16",
    batchSize: 64,
    calls: 0,
    async dimensions() {
      return DIMS;
    },
    async embed(texts) {
      this.calls++;
      await new Promise((r) => setTimeout(r, 1));
      return texts.map((t) => {
        const n = Number(/paper (\d+)/.exec(t)?.[1] ?? 0);
        const v = new Float32Array(DIMS).fill(0.1);
        v[n % DIMS] = 1;
        const norm = Math.hypot(...v);
        return v.map((x) => x / norm);
      });
    },
    async close() {},
  };
}

describe("SemanticIndex.catchUp", () => {
  let store: Store;
  let dir: string;
  const N = 1_100; // more than one read of 8 batches of 64

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "pb-semantic-"));
    store = await openStore({ dataDir: dir });
    await store.upsertPapers(Array.from({ length: N }, (_, i) => ({ paper: { ...emptyPaper(`2401.${String(i).padStart(5, "0")}`, "jsonl"), title: `paper ${i}`, abstract: "text" } })));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("embeds every paper once, stores each vector and inserts it into the graph", async () => {
    const provider = fakeProvider();
    const index = await SemanticIndex.open(store, provider, { dir: join(dir, "vectors") });
    const progress: number[] = [];
    expect(await index.catchUp({ onProgress: (done) => progress.push(done) })).toBe(N);
    expect(provider.calls).toBe(Math.ceil(N / 64));
    expect(progress.at(-1)).toBe(N);
    expect(await store.vectors.count(index.key)).toBe(N);
    expect(await index.pending()).toBe(0);
    expect(index.size()).toBe(N);
    const [v] = await index.vectorsFor(["2401.00021"]);
    expect(v![21 % DIMS]).toBeGreaterThan(0.9);
    expect(await index.catchUp()).toBe(0);
  });

  it("stops when aborted with what it wrote stored and inserted, and resumes where it stopped", async () => {
    const index = await SemanticIndex.open(store, fakeProvider(), { dir: join(dir, "vectors") });
    const abort = new AbortController();
    const first = await index.catchUp({ signal: abort.signal, onProgress: (done) => done >= 640 && abort.abort() });
    expect(first).toBe(640);
    expect(await store.vectors.count(index.key)).toBe(640);
    expect(index.size()).toBe(640);
    expect(await index.pending()).toBe(N - 640);
    const reopened = await SemanticIndex.open(store, fakeProvider(), { dir: join(dir, "vectors") });
    expect(reopened.size()).toBe(640);
    expect(await reopened.catchUp()).toBe(N - 640);
    expect(await store.vectors.count(index.key)).toBe(N);
    expect(reopened.size()).toBe(N);
  });
});
