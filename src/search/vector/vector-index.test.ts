// One conformance suite for every VectorIndex: the exact index must pass it trivially, the
// approximate one must match it closely enough to be swapped in.
import { mkdtemp, readFile, rm, truncate, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AnnVectorIndex } from "./ann-index.js";
import { ExactVectorIndex } from "./exact-index.js";
import { metaPathOf, type LoadOptions, type VectorIndex } from "./vector-index.js";

interface Impl {
  name: string;
  /** How far a score may stray from the exact cosine (f16 storage rounds components). */
  tolerance: number;
  create(dims: number): VectorIndex;
  load(path: string, opts?: LoadOptions): Promise<{ index: VectorIndex; meta: Record<string, unknown> }>;
}

const impls: Impl[] = [
  { name: "exact", tolerance: 1e-6, create: (dims) => new ExactVectorIndex(dims, 4), load: (p, o) => ExactVectorIndex.load(p, o) },
  { name: "usearch f32", tolerance: 1e-5, create: (dims) => AnnVectorIndex.create(dims, { quantization: "f32", threads: 1 }), load: (p, o) => AnnVectorIndex.load(p, o) },
  { name: "usearch f16", tolerance: 2e-3, create: (dims) => AnnVectorIndex.create(dims, { quantization: "f16", threads: 1 }), load: (p, o) => AnnVectorIndex.load(p, o) },
  // bf16 keeps 8 bits of mantissa: each component within 2^-9 relative, so a cosine within 2 · 2^-9.
  { name: "usearch bf16", tolerance: 4e-3, create: (dims) => AnnVectorIndex.create(dims, { quantization: "bf16", threads: 1 }), load: (p, o) => AnnVectorIndex.load(p, o) },
];

/** Deterministic PRNG so failures reproduce. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
}

function unit(values: ArrayLike<number>): Float32Array {
  const v = Float32Array.from(values);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

function randomVectors(count: number, dims: number, seed: number): Float32Array[] {
  const rand = prng(seed);
  return Array.from({ length: count }, () => unit(Array.from({ length: dims }, () => normal(rand))));
}

/** Clustered, low-rank vectors (16-dim latent space, 50 centres), like document embeddings. */
function clusteredVectors(count: number, dims: number, seed: number): Float32Array[] {
  const rand = prng(99);
  const latent = 16;
  const proj = Array.from({ length: dims * latent }, () => normal(rand) / Math.sqrt(latent));
  const centres = Array.from({ length: 50 * latent }, () => normal(rand));
  const own = prng(seed);
  return Array.from({ length: count }, () => {
    const c = Math.floor(own() * 50);
    const z = Array.from({ length: latent }, (_, l) => centres[c * latent + l]! + 0.6 * normal(own));
    return unit(Array.from({ length: dims }, (_, d) => z.reduce((sum, zl, l) => sum + proj[d * latent + l]! * zl, 0.25 * normal(own))));
  });
}

function dot(a: Float32Array, b: Float32Array): number {
  return a.reduce((sum, x, i) => sum + x * b[i]!, 0);
}

const labelsFrom = (start: number, count: number): number[] => Array.from({ length: count }, (_, i) => start + i);

describe.each(impls)("$name vector index", (impl) => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), `vector-index-${impl.name}-`));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("searches an empty index to nothing", () => {
    const index = impl.create(8);
    expect(index.size()).toBe(0);
    expect(index.has(1)).toBe(false);
    expect(index.search(unit([1, 0, 0, 0, 0, 0, 0, 0]), 10)).toEqual([]);
    expect(index.search(unit([1, 0, 0, 0, 0, 0, 0, 0]), 10, () => true)).toEqual([]);
  });

  it("adds, replaces and removes by label", () => {
    const index = impl.create(4);
    const [a, b, c] = [unit([1, 0, 0, 0]), unit([0, 1, 0, 0]), unit([0, 0, 1, 0])];
    index.upsert([1, 2, 3], [a, b, c]);
    expect(index.size()).toBe(3);
    expect([1, 2, 3, 4].map((l) => index.has(l))).toEqual([true, true, true, false]);

    index.upsert([1], [unit([0, 0, 0, 1])]);
    expect(index.size()).toBe(3);
    const [top] = index.search(unit([0, 0, 0, 1]), 1);
    expect(top?.label).toBe(1);
    expect(top?.score).toBeCloseTo(1, 5);
    expect(index.search(a, 3).find((h) => h.label === 1)?.score).toBeCloseTo(0, 5);

    index.remove([2, 42]);
    expect(index.size()).toBe(2);
    expect(index.has(2)).toBe(false);
    expect(index.search(b, 10).map((h) => h.label).sort()).toEqual([1, 3]);

    index.upsert([2], [b]);
    expect(index.search(b, 1)[0]?.label).toBe(2);
    index.remove([1, 2, 3]);
    expect(index.size()).toBe(0);
    expect(index.search(b, 5)).toEqual([]);
  });

  it("keeps the last vector of a label repeated in one batch", () => {
    const index = impl.create(4);
    index.upsert([7, 7], [unit([1, 0, 0, 0]), unit([0, 1, 0, 0])]);
    expect(index.size()).toBe(1);
    expect(index.search(unit([0, 1, 0, 0]), 1)[0]?.score).toBeCloseTo(1, 5);
  });

  it("removes and looks up sequential labels without scanning (60k labels, 3k removals)", () => {
    // Regression guard: usearch's identity-hashed key table degrades to a linear scan per
    // remove for consecutive keys (~1 s here) unless the wrapper scatters them (~10 ms).
    const index = impl.create(8);
    const labels = labelsFrom(1, 60_000);
    index.upsert(labels, randomVectors(60_000, 8, 11));
    const gone = labels.filter((l) => l % 20 === 0);
    const started = performance.now();
    index.remove(gone);
    for (const label of gone) expect(index.has(label)).toBe(false);
    expect(performance.now() - started).toBeLessThan(300);
    expect(index.size()).toBe(57_000);
  }, 60_000);

  it("takes labels up to paper seq range (2^40 and beyond)", () => {
    const index = impl.create(4);
    const big = 2 ** 40 + 3;
    index.upsert([big], [unit([1, 1, 0, 0])]);
    expect(index.has(big)).toBe(true);
    expect(index.search(unit([1, 1, 0, 0]), 1)[0]?.label).toBe(big);
  });

  it("rejects malformed input", () => {
    const index = impl.create(4);
    expect(() => index.upsert([1], [new Float32Array(3)])).toThrow(/length 4/);
    expect(() => index.upsert([1, 2], [unit([1, 0, 0, 0])])).toThrow(/2 labels but 1 vectors/);
    expect(() => index.upsert([0], [unit([1, 0, 0, 0])])).toThrow(/positive safe integer/);
    expect(() => index.upsert([1.5], [unit([1, 0, 0, 0])])).toThrow(/positive safe integer/);
    expect(() => index.search(new Float32Array(5), 1)).toThrow(/query/);
    expect(index.size()).toBe(0);
  });

  it("orders and scores like the exact index on small data", () => {
    const dims = 32;
    const vectors = randomVectors(300, dims, 1);
    const labels = labelsFrom(1000, 300);
    const index = impl.create(dims);
    const exact = new ExactVectorIndex(dims);
    index.upsert(labels, vectors);
    exact.upsert(labels, vectors);
    const tol = impl.tolerance;
    for (const query of randomVectors(20, dims, 2)) {
      const got = index.search(query, 10);
      const want = exact.search(query, 10);
      expect(got).toHaveLength(10);
      got.forEach((hit, i) => {
        // Rank by rank the scores agree, and each label's true cosine is that rank's: a label
        // may differ from exact only by swapping with a near-tie.
        expect(Math.abs(hit.score - want[i]!.score)).toBeLessThanOrEqual(tol);
        expect(Math.abs(dot(query, exact.vector(hit.label)!) - want[i]!.score)).toBeLessThanOrEqual(2 * tol);
        if (i > 0) expect(hit.score).toBeLessThanOrEqual(got[i - 1]!.score);
      });
      if (tol <= 1e-5) expect(got.map((h) => h.label)).toEqual(want.map((h) => h.label));
    }
    expect(index.search(vectors[0]!, 1000)).toHaveLength(300);
  });

  describe("on 5,000 clustered vectors", () => {
    const dims = 128;
    const vectors = clusteredVectors(5000, dims, 3);
    const labels = labelsFrom(1, 5000);
    const queries = clusteredVectors(100, dims, 4);
    const exact = new ExactVectorIndex(dims);
    exact.upsert(labels, vectors);
    let index: VectorIndex;
    beforeAll(() => {
      index = impl.create(dims);
      for (let start = 0; start < 5000; start += 1000) index.upsert(labels.slice(start, start + 1000), vectors.slice(start, start + 1000));
    });

    it("reaches recall@10 >= 0.95 against exact search", () => {
      let found = 0;
      for (const q of queries) {
        const want = new Set(exact.search(q, 10).map((h) => h.label));
        found += index.search(q, 10).filter((h) => want.has(h.label)).length;
      }
      expect(found / (10 * queries.length)).toBeGreaterThanOrEqual(0.95);
    });

    it("honours accept and still returns k hits when they exist", () => {
      const tenth = (label: number): boolean => label % 10 === 0;
      let found = 0;
      for (const q of queries) {
        const hits = index.search(q, 20, tenth);
        expect(hits).toHaveLength(20);
        expect(hits.every((h) => tenth(h.label))).toBe(true);
        const want = new Set(exact.search(q, 20, tenth).map((h) => h.label));
        found += hits.filter((h) => want.has(h.label)).length;
      }
      expect(found / (20 * queries.length)).toBeGreaterThanOrEqual(0.95);
    });

    it("returns every accepted label when fewer than k pass the filter", () => {
      const few = new Set([17, 2500, 4999]);
      const hits = index.search(queries[0]!, 10, (label) => few.has(label));
      expect(hits.map((h) => h.label).sort((a, b) => a - b)).toEqual([17, 2500, 4999]);
    });

    it("round-trips through save and load with its meta", async () => {
      const path = join(dir, "clustered.idx");
      const meta = { model: "builtin-v1", seqHigh: 5000, nested: { ok: true } };
      await index.save(path, meta);
      const loaded = await impl.load(path, { dims });
      expect(loaded.meta).toEqual(meta);
      expect(loaded.index.kind).toBe(index.kind);
      expect(loaded.index.dims).toBe(dims);
      expect(loaded.index.size()).toBe(5000);
      for (const q of queries.slice(0, 20)) {
        const before = index.search(q, 10);
        const after = loaded.index.search(q, 10);
        expect(after.map((h) => h.label)).toEqual(before.map((h) => h.label));
        after.forEach((hit, i) => expect(hit.score).toBeCloseTo(before[i]!.score, 5));
      }
      // Still mutable after a restart.
      loaded.index.upsert([9_000_001], [queries[0]!]);
      loaded.index.remove([1]);
      expect(loaded.index.size()).toBe(5000);
      expect(loaded.index.search(queries[0]!, 1)[0]?.label).toBe(9_000_001);
      expect(loaded.index.has(1)).toBe(false);
    });
  });

  it("saves and loads an empty index", async () => {
    const path = join(dir, "empty.idx");
    await impl.create(16).save(path, {});
    const { index, meta } = await impl.load(path);
    expect(meta).toEqual({});
    expect(index.size()).toBe(0);
    expect(index.search(new Float32Array(16).fill(0.25), 5)).toEqual([]);
  });

  it("overwrites an existing file atomically, leaving no temp files", async () => {
    const sub = await mkdtemp(join(dir, "atomic-"));
    const path = join(sub, "v.idx");
    const index = impl.create(8);
    index.upsert(labelsFrom(1, 50), randomVectors(50, 8, 5));
    await index.save(path, { generation: 1 });
    index.upsert([51], randomVectors(1, 8, 6));
    await index.save(path, { generation: 2 });
    const { index: loaded, meta } = await impl.load(path);
    expect(meta).toEqual({ generation: 2 });
    expect(loaded.size()).toBe(51);
    const { readdir } = await import("node:fs/promises");
    expect((await readdir(sub)).sort()).toEqual(["v.idx", "v.idx.meta.json"]);
  });

  describe("refuses unusable files with an error naming them", () => {
    let path: string;
    beforeAll(async () => {
      path = join(dir, "victim.idx");
    });
    const fresh = async (): Promise<void> => {
      const index = impl.create(16);
      index.upsert(labelsFrom(1, 200), randomVectors(200, 16, 7));
      await index.save(path, { v: 1 });
    };

    it("missing file", async () => {
      const missing = join(dir, "nope.idx");
      await expect(impl.load(missing)).rejects.toThrow(missing);
    });

    it("missing meta sidecar", async () => {
      await fresh();
      await unlink(metaPathOf(path));
      await expect(impl.load(path)).rejects.toThrow(path);
    });

    it("corrupted bytes", async () => {
      await fresh();
      const bytes = await readFile(path);
      for (let i = Math.floor(bytes.length / 3); i < bytes.length / 3 + 64; i++) bytes[i] = bytes[i]! ^ 0x5a;
      await writeFile(path, bytes);
      await expect(impl.load(path)).rejects.toThrow(new RegExp(`${escape(path)}.*corrupt`));
    });

    it("truncated file", async () => {
      await fresh();
      await truncate(path, 100);
      await expect(impl.load(path)).rejects.toThrow(new RegExp(`${escape(path)}.*truncated`));
    });

    it("garbage meta sidecar", async () => {
      await fresh();
      await writeFile(metaPathOf(path), "{not json");
      await expect(impl.load(path)).rejects.toThrow(metaPathOf(path));
    });

    it("dimension mismatch", async () => {
      await fresh();
      await expect(impl.load(path, { dims: 32 })).rejects.toThrow(new RegExp(`${escape(path)} has 16 dimensions, expected 32`));
    });

    it("an index of the other kind", async () => {
      await fresh();
      const other = impls.find((i) => i.name !== impl.name)!;
      await expect(other.load(path)).rejects.toThrow(path);
    });
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

describe("AnnVectorIndex settings kept in its file", () => {
  it("reopens a file built with other settings (f16, older defaults) as built, and keeps taking vectors", async () => {
    const dir = await mkdtemp(join(tmpdir(), "pb-ann-settings-"));
    try {
      const path = join(dir, "old.usearch");
      const vectors = randomVectors(300, 16, 11);
      const old = AnnVectorIndex.create(16, { quantization: "f16", connectivity: 16, expansionAdd: 128, expansionSearch: 128, threads: 1 });
      old.upsert(labelsFrom(1, 300), vectors);
      await old.save(path, { gen: 3 });
      const meta = JSON.parse(await readFile(metaPathOf(path), "utf8")) as { params: Record<string, unknown> };
      expect(meta.params).toMatchObject({ quantization: "f16", expansionAdd: 128 });
      const { index, meta: back } = await AnnVectorIndex.load(path, { dims: 16 });
      expect(back).toEqual({ gen: 3 });
      expect(index.size()).toBe(300);
      expect(index.search(vectors[7]!, 1)[0]?.label).toBe(8);
      index.upsert([301], [vectors[0]!]);
      expect(index.size()).toBe(301);
      await index.save(path, { gen: 4 });
      const again = JSON.parse(await readFile(metaPathOf(path), "utf8")) as { params: Record<string, unknown> };
      expect(again.params).toMatchObject({ quantization: "f16", expansionAdd: 128 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
