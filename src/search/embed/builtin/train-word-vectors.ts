// Trains domain word vectors from abstracts: positive PMI of words within a window, factorised by a randomised SVD.
//
// This is the classic count-based recipe (Levy, Goldberg & Dagan 2015: PPMI
// with context-distribution smoothing, then SVD with the singular values
// dropped), chosen because it is deterministic, needs no GPU and learns
// usable vectors from ten thousand abstracts in seconds. The settings below
// were picked on the seed evaluation set (bench:quality): a window of 8
// words and 256 dimensions retrieved best; weighting by singular values
// (exponent 0.5) was worse.
import { gram, orthonormalise, symmetricEigen } from "./linalg.js";
import { simdAxpy } from "./simd-axpy.js";

export interface TrainOptions {
  dims?: number;
  /** Words either side that count as context; nearer words count more (1/distance). */
  window?: number;
  /** Smallest corpus count for a word to get a vector. */
  minCount?: number;
  maxVocab?: number;
  /** Context-distribution smoothing exponent. */
  alpha?: number;
  /** Power iterations of the randomised SVD (more: closer to the exact SVD, slower). */
  powerIterations?: number;
  /** Extra directions sampled by the randomised SVD beyond `dims`. */
  oversampling?: number;
  seed?: number;
  onStage?: (stage: string) => void;
}

export interface TrainedWordVectors {
  words: string[];
  /** Corpus count per word, for the SIF weights. */
  counts: Float64Array;
  totalCount: number;
  dims: number;
  /** words.length × dims, row-major, each row unit length. */
  vectors: Float32Array;
}

export function trainWordVectors(docs: Iterable<string[]>, opts: TrainOptions = {}): TrainedWordVectors {
  const dims = opts.dims ?? 256;
  const window = opts.window ?? 8;
  const minCount = opts.minCount ?? 3;
  // Pair keys (row·V + column) must stay below 2^31.
  const maxVocab = Math.min(opts.maxVocab ?? 40_000, 46_340);
  const alpha = opts.alpha ?? 0.75;
  const stage = opts.onStage ?? (() => {});
  const all = [...docs];

  stage("vocabulary");
  const freq = new Map<string, number>();
  for (const d of all) for (const w of d) freq.set(w, (freq.get(w) ?? 0) + 1);
  const words = [...freq.entries()]
    .filter(([, n]) => n >= minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxVocab)
    .map(([w]) => w);
  const index = new Map(words.map((w, i) => [w, i]));
  const v = words.length;
  const counts = Float64Array.from(words, (w) => freq.get(w)!);
  let totalCount = 0;
  for (const n of freq.values()) totalCount += n;

  stage("co-occurrence");
  // The counts are symmetric (a pair adds to a·b and b·a alike), so each pair is kept once, under
  // its smaller word first, and handed out both ways: half the hash-table work of keeping both.
  const pairs = new PairCounts();
  const ids: number[] = [];
  for (const d of all) {
    ids.length = 0;
    for (const w of d) {
      const i = index.get(w);
      if (i !== undefined) ids.push(i);
    }
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i]!;
      const hi = Math.min(ids.length, i + window + 1);
      for (let j = i + 1; j < hi; j++) {
        const b = ids[j]!;
        pairs.add(a < b ? a * v + b : b * v + a, 1 / (j - i));
      }
    }
  }
  /** Every stored count as (row, column): a word with itself counted twice, as both orders would have it. */
  const eachPair = (fn: (row: number, col: number, c: number) => void) =>
    pairs.forEach((k, c) => {
      const a = Math.floor(k / v);
      const b = k % v;
      if (a === b) fn(a, a, 2 * c);
      else {
        fn(a, b, c);
        fn(b, a, c);
      }
    });

  stage("ppmi");
  const rowSum = new Float64Array(v);
  const colSum = new Float64Array(v);
  eachPair((r, col, c) => {
    rowSum[r]! += c;
    colSum[col]! += c;
  });
  let colSmooth = 0;
  for (let j = 0; j < v; j++) colSmooth += (colSum[j] = colSum[j]! ** alpha);
  // Two passes over the counts (sizes, then values) build the CSR matrix without per-row arrays.
  const rowPtr = new Int32Array(v + 1);
  const pmiOf = (r: number, col: number, c: number): number => Math.log((c * colSmooth) / (rowSum[r]! * colSum[col]!));
  eachPair((r, col, c) => {
    if (pmiOf(r, col, c) > 0) rowPtr[r + 1]!++;
  });
  for (let r = 0; r < v; r++) rowPtr[r + 1]! += rowPtr[r]!;
  const fill = rowPtr.slice(0, v);
  const colIdx = new Int32Array(rowPtr[v]!);
  const vals = new Float64Array(rowPtr[v]!);
  eachPair((r, col, c) => {
    const pmi = pmiOf(r, col, c);
    if (pmi <= 0) return;
    const o = fill[r]!++;
    colIdx[o] = col;
    vals[o] = pmi;
  });
  const csr = { rowPtr, colIdx, vals, n: v };

  stage("svd");
  const k = Math.min(dims, v);
  const u = randomisedLeftSingularVectors(csr, k, Math.min(v, k + (opts.oversampling ?? 64)), opts.powerIterations ?? 4, opts.seed ?? 42);
  const vectors = new Float32Array(v * k);
  for (let r = 0; r < v; r++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += u[r * k + c]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let c = 0; c < k; c++) vectors[r * k + c] = u[r * k + c]! * inv;
  }
  return { words, counts, totalCount, dims: k, vectors };
}

export interface Csr {
  rowPtr: Int32Array;
  colIdx: Int32Array;
  vals: Float64Array;
  n: number;
}

/**
 * Y = A·X, or Y = Aᵀ·X, in float32 through the WebAssembly SIMD kernel
 * (simd-axpy.ts): one kernel call per stored entry adds val · (a row of X) to
 * a row of Y. Null where the kernel is missing or m is not a multiple of 16;
 * the float64 loops below then do it. The power iterations only need the
 * range of A, and each product is orthonormalised again in float64, so
 * float32 sums lose nothing that matters (bench:quality measured the same
 * nDCG@10). Training on the 30,000-paper sample of the 1M bench corpus
 * (20,000 words, m = 224): 87-94 s with the float64 loops, of which the
 * products were 51 s; 46 s with this.
 */
function mulSimd(a: Csr, x: Float64Array, m: number, transpose: boolean): Float64Array | null {
  if (m % 16 !== 0) return null;
  const bytes = a.n * m * 4;
  const kernel = simdAxpy(2 * bytes);
  if (!kernel) return null;
  const mem = new Float32Array(kernel.memory.buffer, 0, 2 * a.n * m);
  mem.set(x);
  const axpy = kernel.axpy;
  const row = m * 4;
  for (let r = 0; r < a.n; r++) {
    for (let p = a.rowPtr[r]!; p < a.rowPtr[r + 1]!; p++) {
      const c = a.colIdx[p]!;
      if (transpose) axpy(bytes + c * row, r * row, a.vals[p]!, m);
      else axpy(bytes + r * row, c * row, a.vals[p]!, m);
    }
  }
  return Float64Array.from(mem.subarray(a.n * m));
}

/** Y = A·X for the n×n sparse A and the n×m dense X (with `simd` false: the float64 loop only; tests compare the two). */
export function mul(a: Csr, x: Float64Array, m: number, simd = true): Float64Array<ArrayBufferLike> {
  const fast = simd ? mulSimd(a, x, m, false) : null;
  if (fast) return fast;
  const y = new Float64Array(a.n * m);
  for (let r = 0; r < a.n; r++) {
    const o = r * m;
    for (let p = a.rowPtr[r]!; p < a.rowPtr[r + 1]!; p++) {
      const val = a.vals[p]!;
      const xo = a.colIdx[p]! * m;
      for (let c = 0; c < m; c++) y[o + c]! += val * x[xo + c]!;
    }
  }
  return y;
}

/** Y = Aᵀ·X. */
export function mulT(a: Csr, x: Float64Array, m: number, simd = true): Float64Array<ArrayBufferLike> {
  const fast = simd ? mulSimd(a, x, m, true) : null;
  if (fast) return fast;
  const y = new Float64Array(a.n * m);
  for (let r = 0; r < a.n; r++) {
    const xo = r * m;
    for (let p = a.rowPtr[r]!; p < a.rowPtr[r + 1]!; p++) {
      const val = a.vals[p]!;
      const o = a.colIdx[p]! * m;
      for (let c = 0; c < m; c++) y[o + c]! += val * x[xo + c]!;
    }
  }
  return y;
}

/**
 * The top-k left singular vectors of A (n×k, row-major) by the randomised
 * range finder of Halko, Martinsson & Tropp with power iterations.
 */
function randomisedLeftSingularVectors(a: Csr, k: number, m: number, iterations: number, seed: number): Float64Array {
  const n = a.n;
  const rand = gaussian(seed);
  let q: Float64Array<ArrayBufferLike> = new Float64Array(n * m);
  for (let i = 0; i < q.length; i++) q[i] = rand();
  q = mul(a, q, m);
  orthonormalise(q, n, m);
  for (let it = 0; it < iterations; it++) {
    const z = mulT(a, q, m);
    orthonormalise(z, n, m, 1);
    q = mul(a, z, m);
    orthonormalise(q, n, m, it === iterations - 1 ? 2 : 1);
  }
  // B = QᵀA; BBᵀ = (AᵀQ)ᵀ(AᵀQ) = WΛWᵀ, and the left singular vectors are QW.
  const c = mulT(a, q, m);
  const { vectors: w } = symmetricEigen(gram(c, n, m), m);
  // U = Q·W[:, 0..k): each row of U sums rows of W weighted by the row of Q, four rows of W a
  // sweep, so every step reads along rows (the column-wise dot products this replaced took 2 s).
  const u = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    const o = r * k;
    const qr = r * m;
    let t = 0;
    for (; t + 4 <= m; t += 4) {
      const [q0, q1, q2, q3] = [q[qr + t]!, q[qr + t + 1]!, q[qr + t + 2]!, q[qr + t + 3]!];
      const [w0, w1, w2, w3] = [t * m, (t + 1) * m, (t + 2) * m, (t + 3) * m];
      for (let j = 0; j < k; j++) u[o + j]! += q0 * w[w0 + j]! + q1 * w[w1 + j]! + q2 * w[w2 + j]! + q3 * w[w3 + j]!;
    }
    for (; t < m; t++) {
      const qt = q[qr + t]!;
      const wt = t * m;
      for (let j = 0; j < k; j++) u[o + j]! += qt * w[wt + j]!;
    }
  }
  return u;
}

/** A seeded standard-normal generator (mulberry32 + Box–Muller), so training is reproducible. */
export function gaussian(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => {
    const u1 = uniform() || 1e-12;
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * uniform());
  };
}

/**
 * Co-occurrence weights by pair key (row·V + column), in an open-addressing
 * hash table over typed arrays: a JavaScript Map of millions of number keys
 * is several times slower and larger.
 */
class PairCounts {
  private keys = new Int32Array(1 << 20).fill(-1);
  private vals = new Float32Array(1 << 20);
  private size = 0;

  add(key: number, w: number): void {
    if (key > 0x7fffffff) throw new RangeError("vocabulary too large for pair keys");
    let mask = this.keys.length - 1;
    let h = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
    for (;;) {
      const k = this.keys[h]!;
      if (k === key) {
        this.vals[h]! += w;
        return;
      }
      if (k === -1) break;
      h = (h + 1) & mask;
    }
    this.keys[h] = key;
    this.vals[h] = w;
    if (++this.size * 2 > this.keys.length) {
      this.grow();
      mask = this.keys.length - 1;
    }
  }

  forEach(fn: (key: number, value: number) => void): void {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i]! !== -1) fn(this.keys[i]!, this.vals[i]!);
  }

  private grow(): void {
    const oldK = this.keys;
    const oldV = this.vals;
    this.keys = new Int32Array(oldK.length * 2).fill(-1);
    this.vals = new Float32Array(oldK.length * 2);
    const mask = this.keys.length - 1;
    for (let i = 0; i < oldK.length; i++) {
      const key = oldK[i]!;
      if (key === -1) continue;
      let h = Math.imul(key, 0x9e3779b1) >>> 0 & mask;
      while (this.keys[h]! !== -1) h = (h + 1) & mask;
      this.keys[h] = key;
      this.vals[h] = oldV[i]!;
    }
  }
}
