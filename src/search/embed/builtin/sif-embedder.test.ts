// The embedder's fast paths against the plain definition: ASCII tokenising, counted words, the SIMD kernel, the worker.
import { describe, expect, it } from "vitest";
import { normalise } from "../provider.js";
import { EmbedWorker } from "./embed-in-worker.js";
import { SifEmbedder, type WeightedTable } from "./sif-embedder.js";
import { simdAxpy } from "./simd-axpy.js";
import { contentTokens, rawWords } from "./text-tokens.js";
import type { WordVectors } from "./word-vector-file.js";

function table(name: string, words: string[], dims: number, seed: number): WordVectors {
  let s = seed;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
  return {
    header: { name, dims, words: words.length, sifA: 1e-3, trainedOn: "test", createdAt: "" },
    index: new Map(words.map((w, i) => [w, i])),
    weights: Float32Array.from(words, () => 0.2 + Math.abs(rand())),
    vectors: Float32Array.from({ length: words.length * dims }, rand),
  };
}

/** The definition: per table, the SIF-weighted sum over every word occurrence, unit length, scaled; then unit length. */
function reference(tables: WeightedTable[], text: string): Float32Array {
  const tokens = rawWords(text).map((w) => contentTokens(w)[0]);
  const parts: number[] = [];
  for (const { table: t, weight } of tables) {
    const block = new Float32Array(t.header.dims);
    for (const tok of tokens) {
      const r = tok === undefined ? undefined : t.index.get(tok);
      if (r === undefined) continue;
      for (let c = 0; c < block.length; c++) block[c]! += t.weights[r]! * t.vectors[r * block.length + c]!;
    }
    normalise(block);
    parts.push(...block.map((x) => x * weight));
  }
  return normalise(Float32Array.from(parts));
}

const VOCAB = ["attent", "transform", "protein", "fold", "graph", "network", "languag", "model", "naïv", "ｆｕｌｌ", "effici"];
const TEXTS = [
  "Efficient transformers: attention, attention and more attention for language models.",
  "Protein folding with graph networks; protein structure from folding graphs (model 2).",
  "A naïve approach to FULL-width Ｆｕｌｌ text and the Kelvin sign K in words",
  "",
  "the of and",
];

describe("rawWords", () => {
  it("splits ASCII text exactly as the Unicode rule does", () => {
    const unicode = (t: string) => t.toLowerCase().normalize("NFKC").split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
    for (const t of [...TEXTS, "x86-64 GPUs: 3D U-Net_v2 (2024)!", "  leading and trailing  ", "a", "ABC123def"]) expect(rawWords(t)).toEqual(unicode(t));
  });
});

describe("SifEmbedder", () => {
  // 32 dims take the SIMD kernel, 12 the plain loop.
  for (const dims of [32, 12]) {
    it(`gives the plain definition's vectors (${dims} dims, two weighted tables, repeated words)`, () => {
      const tables = [
        { table: table("a", VOCAB.slice(0, 8), dims, 1), weight: 0.7 },
        { table: table("b", VOCAB.slice(3), dims, 2), weight: 0.3 },
      ];
      const e = new SifEmbedder(tables);
      for (const t of TEXTS) {
        const got = e.embed(t);
        const want = reference(tables, t);
        for (let c = 0; c < want.length; c++) expect(Math.abs(got[c]! - want[c]!)).toBeLessThan(1e-6);
      }
    });
  }

  // 32 output dims take the SIMD kernel, 12 the plain loop.
  for (const out of [32, 12]) {
    it(`projects the combined vector with a table's projection (48 -> ${out} dims), unit length`, () => {
      let s = 5;
      const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32) - 0.5;
      const shipped = { table: table("a", VOCAB.slice(0, 8), 32, 1), weight: 0.8 };
      const corpus = { table: table("b", VOCAB.slice(3), 16, 2), weight: 0.2 };
      const full = new SifEmbedder([shipped, corpus]);
      const matrix = Float32Array.from({ length: 48 * out }, rand);
      const projected = new SifEmbedder([shipped, { ...corpus, table: { ...corpus.table, header: { ...corpus.table.header, projection: { from: 48, dims: out } }, projection: matrix } }]);
      expect(full.dims).toBe(48);
      expect(projected.dims).toBe(out);
      for (const t of TEXTS) {
        const x = full.embed(t);
        const want = new Float32Array(out);
        for (let i = 0; i < 48; i++) for (let j = 0; j < out; j++) want[j]! += x[i]! * matrix[i * out + j]!;
        normalise(want);
        const got = projected.embed(t);
        expect(got).toHaveLength(out);
        for (let j = 0; j < out; j++) expect(Math.abs(got[j]! - want[j]!)).toBeLessThan(1e-5);
      }
      // A projection made for other tables (another width) is not applied.
      const stale = new SifEmbedder([shipped, { ...corpus, table: { ...corpus.table, header: { ...corpus.table.header, projection: { from: 40, dims: out } }, projection: matrix } }]);
      expect(stale.dims).toBe(48);
    });
  }

  it("embeds the same on a worker thread", async () => {
    const tables = [{ table: table("a", VOCAB, 32, 3), weight: 1 }];
    const worker = new EmbedWorker(tables, 32);
    try {
      const got = await worker.embed(TEXTS);
      const e = new SifEmbedder(tables);
      TEXTS.forEach((t, i) => expect(Array.from(got[i]!)).toEqual(Array.from(e.embed(t))));
    } finally {
      await worker.close();
    }
  });
});

describe("simdAxpy", () => {
  it("adds w · x to out, sixteen floats a step", () => {
    const k = simdAxpy(4096);
    if (!k) return; // no WebAssembly SIMD here: the embedder keeps its plain loop
    const f = new Float32Array(k.memory.buffer);
    for (let i = 0; i < 48; i++) (f[i] = i), (f[256 + i] = 1 + i / 4);
    k.axpy(0, 1024, 2, 32);
    for (let i = 0; i < 32; i++) expect(f[i]).toBeCloseTo(i + 2 * (1 + i / 4), 5);
    for (let i = 32; i < 48; i++) expect(f[i]).toBe(i);
  });
});
