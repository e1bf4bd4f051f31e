// SemanticIndex.catchUp: batches read, embedded ahead, written and inserted in order; resumable after an abort.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { emptyPaper } from "../../domain/paper.js";
import { openStore } from "../../storage/open-store.js";
import type { Store } from "../../storage/store.js";
import type { EmbeddingProvider } from "../embed/provider.js";
import { searchMemo, SemanticIndex } from "./semantic-index.js";
import { AnnVectorIndex } from "./ann-index.js";
import { PostingsIndex } from "../postings/postings-index.js";
import { PostingsSource } from "../../storage/postings-source.js";
import { papers, random } from "../postings/test-support/random-papers.js";

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

/** A deterministic provider of scattered unit vectors: each text hashed to a seed. */
function hashedProvider(): EmbeddingProvider {
  return {
    provider: "http",
    model: "hashed-16",
    batchSize: 64,
    async dimensions() {
      return DIMS;
    },
    async embed(texts) {
      return texts.map((t) => {
        let h = 2166136261;
        for (let i = 0; i < t.length; i++) h = Math.imul(h ^ t.charCodeAt(i), 16777619) >>> 0;
        const rand = random(h);
        const v = Float32Array.from({ length: DIMS }, () => rand() - 0.5);
        const norm = Math.hypot(...v);
        return v.map((x) => x / norm);
      });
    },
    async close() {},
  };
}

describe("SemanticIndex with the postings index deciding filters", () => {
  let store: Store;
  let dir: string;
  let postings: PostingsIndex;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "pb-semantic-filters-"));
    store = await openStore({ dataDir: dir });
    await store.upsertPapers(papers(600, 21));
    await store.lexical.catchUp();
    postings = await PostingsIndex.open(join(dir, "postings"));
    await postings.catchUp(new PostingsSource(store.db));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const FILTERS = [
    { categories: ["cs.LG"] },
    { categories: ["cs"] },
    { after: "2021-01-01T00:00:00.000Z", before: "2022-06-30T23:59:59.999Z" },
    { categories: ["stat.ML", "q-bio"], after: "2021-06-01T00:00:00.000Z" },
  ];

  it("finds what the store's filters find, exactly scored for a short list of matches, and names hits by their ids", async () => {
    const index = await SemanticIndex.open(store, hashedProvider(), { dir: join(dir, "vectors") });
    await index.catchUp();
    for (const q of ["graph attention", "protein folding enzyme", "quantum lattice"]) {
      const v = await index.embedQuery(q);
      for (const f of FILTERS) {
        const fromMemory = await index.searchVector(v, 15, f, undefined, postings);
        const fromStore = await index.searchVector(v, 15, f);
        expect(fromMemory.length, JSON.stringify(f)).toBe(15);
        expect(fromMemory).toEqual(fromStore);
      }
    }
    // Ids come from the index, and match the store's.
    const hits = await index.searchVector(await index.embedQuery("graph"), 50, undefined, undefined, postings);
    const ids = await store.vectors.idsForSeqs(hits.map((h) => h.seq));
    expect(hits.map((h) => h.id)).toEqual(hits.map((h) => ids.get(h.seq)));
  });

  it("reads a filter's vectors once for two searches sharing a memo, with the same results", async () => {
    const index = await SemanticIndex.open(store, hashedProvider(), { dir: join(dir, "vectors") });
    await index.catchUp();
    const f = FILTERS[3]!;
    const [a, b] = [await index.embedQuery("graph attention"), await index.embedQuery("protein folding")];
    const memo = searchMemo();
    const asked: number[] = [];
    const getVectors = store.vectors.getVectors.bind(store.vectors);
    store.vectors.getVectors = async (key, seqs) => {
      asked.push(seqs.length);
      return getVectors(key, seqs);
    };
    const scans = vi.spyOn(postings, "matching");
    const first = await index.searchVector(a, 15, f, undefined, postings, memo);
    const second = await index.searchVector(b, 15, f, undefined, postings, memo);
    // The filter's papers are listed once, their vectors read once.
    expect(scans).toHaveBeenCalledTimes(1);
    scans.mockRestore();
    expect(asked.length).toBe(1);
    expect(memo.vectors.size).toBe(asked[0]);
    expect(memo.pool).toBeNull();
    expect(first).toEqual(await index.searchVector(a, 15, f, undefined, postings));
    expect(second).toEqual(await index.searchVector(b, 15, f, undefined, postings));
    expect(asked.length).toBe(3);
  });

  it("walks the graph with the in-memory test when more papers match than it scores exactly", async () => {
    const exact = await SemanticIndex.open(store, hashedProvider(), { dir: join(dir, "vectors") });
    await exact.catchUp();
    // A cap of 10: every filter here matches more, so the graph search takes the in-memory filter.
    const graph = await SemanticIndex.open(store, hashedProvider(), { dir: join(dir, "vectors"), exactFilterCap: 10 });
    for (const f of FILTERS) {
      const passing = new Set(postings.matching(f, 10_000));
      expect(passing.size, JSON.stringify(f)).toBeGreaterThan(10);
      const v = await exact.embedQuery(`query ${JSON.stringify(f)}`);
      const truth = await exact.searchVector(v, 10, f, undefined, postings);
      const walked = await graph.searchVector(v, 10, f, undefined, postings);
      expect(walked.length).toBe(10);
      for (const h of walked) expect(passing.has(h.seq)).toBe(true);
      // 600 vectors: the graph search is all but exact.
      const overlap = walked.filter((h) => truth.some((t) => t.seq === h.seq)).length;
      expect(overlap, JSON.stringify(f)).toBeGreaterThanOrEqual(9);
    }
  });

  it("re-scores what a widened graph walk found for the next search of the request, without walking again", async () => {
    const exact = await SemanticIndex.open(store, hashedProvider(), { dir: join(dir, "vectors") });
    await exact.catchUp();
    const graph = await SemanticIndex.open(store, hashedProvider(), { dir: join(dir, "vectors"), exactFilterCap: 10 });
    const f = FILTERS[0]!;
    const passing = new Set(postings.matching(f, 10_000));
    // Taken for a filter passing 1%, the first walk is the widest one.
    const share = vi.spyOn(postings, "passShare").mockReturnValue(0.01);
    const [a, b] = [await graph.embedQuery("graph attention"), await graph.embedQuery("protein folding")];
    const memo = searchMemo();
    const first = await graph.searchVector(a, 10, f, undefined, postings, memo);
    share.mockRestore();
    expect(memo.pool).not.toBeNull();
    const pool = memo.pool!;
    expect(pool.every((s) => passing.has(s))).toBe(true);
    expect(first.every((h) => pool.includes(h.seq))).toBe(true);

    const walks = vi.spyOn(AnnVectorIndex.prototype, "search");
    const scans = vi.spyOn(postings, "matching");
    const second = await graph.searchVector(b, 10, f, undefined, postings, memo);
    expect(walks).not.toHaveBeenCalled();
    expect(scans).not.toHaveBeenCalled();
    walks.mockRestore();
    scans.mockRestore();
    const vectors = await store.vectors.getVectors(graph.key, pool);
    const cosine = (v: Float32Array) => {
      let dot = 0;
      for (let i = 0; i < v.length; i++) dot += v[i]! * b[i]!;
      return dot / (Math.hypot(...v) * Math.hypot(...b));
    };
    const best = pool.map((seq) => ({ seq, score: cosine(vectors.get(seq)!) })).sort((x, y) => y.score - x.score || x.seq - y.seq);
    expect(second.map((h) => h.seq)).toEqual(best.slice(0, 10).map((h) => h.seq));
    // Without the memo the second query walks the graph as before.
    expect((await graph.searchVector(b, 10, f, undefined, postings)).every((h) => passing.has(h.seq))).toBe(true);
  });

  it("walks the graph first as deep as the share of papers a filter passes asks", async () => {
    const exact = await SemanticIndex.open(store, hashedProvider(), { dir: join(dir, "vectors") });
    await exact.catchUp();
    const graph = await SemanticIndex.open(store, hashedProvider(), { dir: join(dir, "vectors"), exactFilterCap: 10 });
    const f = FILTERS[0]!;
    const passed = postings.matching(f, 10_000)!.length / 600;
    // The sampled share is about the true one.
    expect(Math.abs(postings.passShare(f) - passed)).toBeLessThan(0.06);
    for (const q of ["graph attention", "protein folding", "quantum lattice"]) {
      const walks = vi.spyOn(AnnVectorIndex.prototype, "search");
      const hits = await graph.searchVector(await graph.embedQuery(q), 10, f, undefined, postings);
      // 1.5·k / share, at least 4·k (a second walk, 32·k, only when that found too few).
      const wanted = Math.max(4, Math.ceil(1.5 / postings.passShare(f)));
      expect(walks.mock.calls[0]![1]).toBe(10 * (wanted >= 24 ? 32 : wanted));
      expect(walks.mock.calls.length).toBeLessThanOrEqual(2);
      walks.mockRestore();
      expect(hits.length).toBe(10);
      for (const h of hits) expect(postings.filter(f)!(h.seq)).toBe(true);
    }
    // A share asking for a walk within a quarter of the widest takes the widest at once, and only it.
    for (const [share, depth] of [[0.055, 320], [0.09, 170]] as const) {
      const sampled = vi.spyOn(postings, "passShare").mockReturnValue(share);
      const walks = vi.spyOn(AnnVectorIndex.prototype, "search");
      await graph.searchVector(await graph.embedQuery("graph attention"), 10, f, undefined, postings);
      expect(walks.mock.calls[0]![1], String(share)).toBe(depth);
      if (depth === 320) expect(walks).toHaveBeenCalledTimes(1);
      walks.mockRestore();
      sampled.mockRestore();
    }
  });
});
