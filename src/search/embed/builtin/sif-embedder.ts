// Sentence vectors from word vectors: the SIF-weighted mean of a text's word vectors (Arora, Liang & Ma 2017), unit length.
//
// Rare words weigh most (a / (a + p(word))), so a paper's vector sits near
// the words that say what it is about. One or more word-vector tables can be
// combined: each contributes a unit-length block of the result, scaled by its
// weight, so a model trained on the hub's own papers can sit beside the
// shipped one.
//
// This is the hot loop of indexing (a million papers embed in minutes), so a
// text's tokens are counted first and each distinct one adds its vector once,
// scaled by its count (an abstract repeats a third of its words), ASCII text
// skips Unicode normalising, and the sums run in a WebAssembly SIMD kernel
// (simd-axpy.ts). Measured on 20,000 synthetic abstracts at 512 dimensions
// (two tables): 1,016 -> 4,300 papers per CPU-second, vectors within 2.4e-7.
import { normalise } from "../provider.js";
import { simdAxpy, type SimdAxpy } from "./simd-axpy.js";
import { contentTokens, rawWords } from "./text-tokens.js";
import type { WordVectors } from "./word-vector-file.js";

export interface WeightedTable {
  table: WordVectors;
  weight: number;
}

/** Raw words remembered with their token (stemming is the costly step); beyond this, new words are looked up each time. */
const WORD_CACHE = 500_000;

export class SifEmbedder {
  readonly dims: number;
  /** Token (stem) → id, over the union of the tables' vocabularies. */
  private readonly tokenIds = new Map<string, number>();
  /** Per token id, its row in each table (-1: not in that table): ids × tables. */
  private readonly rows: Int32Array;
  /** Raw lower-case word → token id, -1 for a stop word or a word no table knows. */
  private readonly wordIds = new Map<string, number>();
  /** Per token id, its count in the text being embedded (zero between calls). */
  private readonly counts: Float64Array;
  /** Ids of the distinct tokens of the text being embedded, in first-seen order. */
  private seen = new Int32Array(256);
  /** The tables copied into WebAssembly memory after a scratch sum of `dims` floats, or null: the plain loop. */
  private readonly simd: { kernel: SimdAxpy; sum: Float32Array; bases: number[] } | null = null;

  constructor(private readonly tables: WeightedTable[]) {
    this.dims = tables.reduce((n, t) => n + t.table.header.dims, 0);
    for (const { table } of tables) for (const token of table.index.keys()) if (!this.tokenIds.has(token)) this.tokenIds.set(token, this.tokenIds.size);
    const n = this.tokenIds.size;
    this.rows = new Int32Array(n * tables.length).fill(-1);
    tables.forEach(({ table }, k) => {
      for (const [token, row] of table.index) this.rows[this.tokenIds.get(token)! * tables.length + k] = row;
    });
    this.counts = new Float64Array(n);
    if (tables.every(({ table }) => table.header.dims % 16 === 0)) {
      const align = (b: number) => Math.ceil(b / 64) * 64;
      const bases: number[] = [];
      let bytes = align(this.dims * 4);
      for (const { table } of tables) {
        bases.push(bytes);
        bytes = align(bytes + table.vectors.byteLength);
      }
      const kernel = simdAxpy(bytes);
      if (kernel) {
        tables.forEach(({ table }, k) => new Float32Array(kernel.memory.buffer, bases[k], table.vectors.length).set(table.vectors));
        this.simd = { kernel, sum: new Float32Array(kernel.memory.buffer, 0, this.dims), bases };
      }
    }
  }

  private idOf(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      const t = contentTokens(word)[0];
      id = t === undefined ? -1 : (this.tokenIds.get(t) ?? -1);
      if (this.wordIds.size < WORD_CACHE) this.wordIds.set(word, id);
    }
    return id;
  }

  embed(text: string): Float32Array {
    const words = rawWords(text);
    if (this.seen.length < words.length) this.seen = new Int32Array(words.length * 2);
    const { counts, seen, rows } = this;
    let distinct = 0;
    for (const w of words) {
      const id = this.idOf(w);
      if (id < 0) continue;
      if (counts[id] === 0) seen[distinct++] = id;
      counts[id]! += 1;
    }
    const nt = this.tables.length;
    const simd = this.simd;
    if (simd) simd.sum.fill(0);
    const out = simd ? simd.sum : new Float32Array(this.dims);
    let offset = 0;
    for (let k = 0; k < nt; k++) {
      const { table, weight } = this.tables[k]!;
      const d = table.header.dims;
      const { vectors, weights } = table;
      for (let j = 0; j < distinct; j++) {
        const id = seen[j]!;
        const r = rows[id * nt + k]!;
        if (r < 0) continue;
        const w = weights[r]! * counts[id]!;
        if (simd) {
          simd.kernel.axpy(offset * 4, simd.bases[k]! + r * d * 4, w, d);
        } else {
          const o = r * d - offset;
          for (let c = offset; c < offset + d; c++) out[c]! += w * vectors[o + c]!;
        }
      }
      const block = out.subarray(offset, offset + d);
      normalise(block);
      if (weight !== 1) for (let c = 0; c < d; c++) block[c]! *= weight;
      offset += d;
    }
    for (let j = 0; j < distinct; j++) counts[seen[j]!] = 0;
    return normalise(simd ? out.slice() : out);
  }
}
