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
import { TokenTable } from "../../postings/token-table.js";
import { contentTokens, NON_ASCII, rawWords } from "./text-tokens.js";
import type { WordVectors } from "./word-vector-file.js";

export interface WeightedTable {
  table: WordVectors;
  weight: number;
}

/** Raw words remembered with their token (stemming is the costly step); beyond this, new words are looked up each time. */
const WORD_CACHE = 500_000;

export class SifEmbedder {
  /** Numbers in a sentence vector: the projection's dims when a table carries one, else the tables' dims summed. */
  readonly dims: number;
  /** The tables' dims summed: the vector before any projection. */
  private readonly fullDims: number;
  /** From a table that carries one for exactly these tables (word-vector-file.ts): fullDims × dims, row-major. */
  private readonly projection: Float32Array | null = null;
  /** Token (stem) → id, over the union of the tables' vocabularies. */
  private readonly tokenIds = new Map<string, number>();
  /** Per token id, its row in each table (-1: not in that table): ids × tables. */
  private readonly rows: Int32Array;
  /** Raw lower-case word → token id, -1 for a stop word or a word no table knows (words of non-ASCII text). */
  private readonly wordIds = new Map<string, number>();
  /** Per token id, its count in the text being embedded (zero between calls). */
  private readonly counts: Float64Array;
  /** Ids of the distinct tokens of the text being embedded, in first-seen order (room for every token id). */
  private readonly seen: Int32Array;
  /**
   * Raw ASCII word → token id without a string per word: the postings index's char-code scanner
   * (token-table.ts) with this model's tokens as values. Looking each word up as a string in a Map
   * was a third of embedding (15,800 papers/s on one thread; 24,600 this way). Other text goes
   * through wordIds.
   */
  private readonly asciiIds = new TokenTable({ tokenValue: (w) => this.tokenIdOf(w), capacity: WORD_CACHE });
  /**
   * The tables copied into WebAssembly memory after a scratch sum of `fullDims` floats, then, with
   * a projection, a scratch of `dims` floats and the projection matrix; or null: the plain loops.
   */
  private readonly simd: { kernel: SimdAxpy; sum: Float32Array; bases: number[]; projected: number; matrix: number } | null = null;

  constructor(private readonly tables: WeightedTable[]) {
    this.fullDims = tables.reduce((n, t) => n + t.table.header.dims, 0);
    const carrier = tables.find(({ table }) => table.projection && table.header.projection?.from === this.fullDims);
    this.projection = carrier?.table.projection ?? null;
    this.dims = carrier ? carrier.table.header.projection!.dims : this.fullDims;
    for (const { table } of tables) for (const token of table.index.keys()) if (!this.tokenIds.has(token)) this.tokenIds.set(token, this.tokenIds.size);
    const n = this.tokenIds.size;
    this.rows = new Int32Array(n * tables.length).fill(-1);
    tables.forEach(({ table }, k) => {
      for (const [token, row] of table.index) this.rows[this.tokenIds.get(token)! * tables.length + k] = row;
    });
    this.counts = new Float64Array(n);
    this.seen = new Int32Array(n);
    if (tables.every(({ table }) => table.header.dims % 16 === 0) && this.dims % 16 === 0) {
      const align = (b: number) => Math.ceil(b / 64) * 64;
      const bases: number[] = [];
      let bytes = align(this.fullDims * 4);
      for (const { table } of tables) {
        bases.push(bytes);
        bytes = align(bytes + table.vectors.byteLength);
      }
      const projected = bytes;
      const matrix = align(projected + this.dims * 4);
      if (this.projection) bytes = matrix + this.projection.byteLength;
      const kernel = simdAxpy(bytes);
      if (kernel) {
        tables.forEach(({ table }, k) => new Float32Array(kernel.memory.buffer, bases[k], table.vectors.length).set(table.vectors));
        if (this.projection) new Float32Array(kernel.memory.buffer, matrix, this.projection.length).set(this.projection);
        this.simd = { kernel, sum: new Float32Array(kernel.memory.buffer, 0, this.fullDims), bases, projected, matrix };
      }
    }
  }

  /** The token id of a raw lower-case word: -1 for a stop word or a word no table knows. */
  private tokenIdOf(word: string): number {
    const t = contentTokens(word)[0];
    return t === undefined ? -1 : (this.tokenIds.get(t) ?? -1);
  }

  private idOf(word: string): number {
    let id = this.wordIds.get(word);
    if (id === undefined) {
      id = this.tokenIdOf(word);
      if (this.wordIds.size < WORD_CACHE) this.wordIds.set(word, id);
    }
    return id;
  }

  embed(text: string): Float32Array {
    const { counts, seen, rows } = this;
    let distinct = 0;
    const count = (id: number) => {
      if (id < 0) return;
      if (counts[id] === 0) seen[distinct++] = id;
      counts[id]! += 1;
    };
    const lower = text.toLowerCase();
    if (NON_ASCII.test(lower)) for (const w of rawWords(text)) count(this.idOf(w));
    else this.asciiIds.scan(lower, count);
    const nt = this.tables.length;
    const simd = this.simd;
    if (simd) simd.sum.fill(0);
    const out = simd ? simd.sum : new Float32Array(this.fullDims);
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
    normalise(out);
    return this.projection ? this.project(out) : simd ? out.slice() : out;
  }

  /** xᵀP, unit length: a sum of the projection's rows weighted by x. */
  private project(x: Float32Array): Float32Array {
    const p = this.projection!;
    const d = this.dims;
    const simd = this.simd;
    if (simd) {
      const y = new Float32Array(simd.kernel.memory.buffer, simd.projected, d);
      y.fill(0);
      for (let i = 0; i < x.length; i++) if (x[i] !== 0) simd.kernel.axpy(simd.projected, simd.matrix + i * d * 4, x[i]!, d);
      return normalise(y.slice());
    }
    const y = new Float32Array(d);
    for (let i = 0; i < x.length; i++) {
      const xi = x[i]!;
      if (xi === 0) continue;
      const o = i * d;
      for (let j = 0; j < d; j++) y[j]! += xi * p[o + j]!;
    }
    return normalise(y);
  }
}
