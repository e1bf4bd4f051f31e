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

export interface TrainOptions {
  dims?: number;
  /** Words either side that count as context; nearer words count more (1/distance). */
  window?: number;
  /** Smallest corpus count for a word to get a vector. */
  minCount?: number;
  maxVocab?: number;
  /** Context-distribution smoothing exponent. */
  alpha?: number;
  /** Power iterations of the randomised SVD. */
  powerIterations?: number;
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
  const maxVocab = opts.maxVocab ?? 40_000;
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
  const pairs = new Map<number, number>();
  const ids: number[] = [];
  for (const d of all) {
    ids.length = 0;
    for (const w of d) {
      const i = index.get(w);
      if (i !== undefined) ids.push(i);
    }
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i]! * v;
      const hi = Math.min(ids.length, i + window + 1);
      for (let j = i + 1; j < hi; j++) {
        const w = 1 / (j - i);
        const k1 = a + ids[j]!;
        const k2 = ids[j]! * v + ids[i]!;
        pairs.set(k1, (pairs.get(k1) ?? 0) + w);
        pairs.set(k2, (pairs.get(k2) ?? 0) + w);
      }
    }
  }

  stage("ppmi");
  const rowSum = new Float64Array(v);
  const colSum = new Float64Array(v);
  let total = 0;
  for (const [k, c] of pairs) {
    rowSum[Math.floor(k / v)]! += c;
    colSum[k % v]! += c;
    total += c;
  }
  let colSmooth = 0;
  for (let j = 0; j < v; j++) colSmooth += (colSum[j] = colSum[j]! ** alpha);
  const byRow: number[][] = Array.from({ length: v }, () => []);
  for (const [k, c] of pairs) {
    const r = Math.floor(k / v);
    const col = k % v;
    const pmi = Math.log((c * colSmooth) / (rowSum[r]! * colSum[col]!));
    if (pmi > 0) byRow[r]!.push(col, pmi);
  }
  pairs.clear();
  const rowPtr = new Int32Array(v + 1);
  for (let r = 0; r < v; r++) rowPtr[r + 1] = rowPtr[r]! + byRow[r]!.length / 2;
  const colIdx = new Int32Array(rowPtr[v]!);
  const vals = new Float64Array(rowPtr[v]!);
  for (let r = 0; r < v; r++) {
    const row = byRow[r]!;
    for (let t = 0, o = rowPtr[r]!; t < row.length; t += 2, o++) {
      colIdx[o] = row[t]!;
      vals[o] = row[t + 1]!;
    }
  }
  const csr = { rowPtr, colIdx, vals, n: v };

  stage("svd");
  const k = Math.min(dims, v);
  const u = randomisedLeftSingularVectors(csr, k, Math.min(v, k + 16), opts.powerIterations ?? 2, opts.seed ?? 42);
  const vectors = new Float32Array(v * k);
  for (let r = 0; r < v; r++) {
    let s = 0;
    for (let c = 0; c < k; c++) s += u[r * k + c]! ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let c = 0; c < k; c++) vectors[r * k + c] = u[r * k + c]! * inv;
  }
  return { words, counts, totalCount, dims: k, vectors };
}

interface Csr {
  rowPtr: Int32Array;
  colIdx: Int32Array;
  vals: Float64Array;
  n: number;
}

/** Y = A·X for the n×n sparse A and the n×m dense X. */
function mul(a: Csr, x: Float64Array, m: number): Float64Array<ArrayBufferLike> {
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
function mulT(a: Csr, x: Float64Array, m: number): Float64Array<ArrayBufferLike> {
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
    orthonormalise(z, n, m);
    q = mul(a, z, m);
    orthonormalise(q, n, m);
  }
  // B = QᵀA; BBᵀ = (AᵀQ)ᵀ(AᵀQ) = WΛWᵀ, and the left singular vectors are QW.
  const c = mulT(a, q, m);
  const { vectors: w } = symmetricEigen(gram(c, n, m), m);
  const u = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let t = 0; t < m; t++) s += q[r * m + t]! * w[t * m + j]!;
      u[r * k + j] = s;
    }
  }
  return u;
}

/** A seeded standard-normal generator (mulberry32 + Box–Muller), so training is reproducible. */
function gaussian(seed: number): () => number {
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
