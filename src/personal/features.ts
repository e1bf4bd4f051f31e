// What the personal model sees of a paper: its embedding (when the semantic index has one) and its words, as one unit-length feature vector.
//
// A feature is a dense block (the paper's vector from the active embedding
// model) beside a sparse block (tf-idf of its title and abstract words, as
// the builtin model tokenises them). Each block is scaled to unit length and
// then by √α and √(1−α), so the dot product of two features is
//   α·cos(vectors) + (1−α)·cos(terms),
// and linear models over it are plain dot products. α = 0 when the semantic
// index is not ready (no vectors): the model then runs on words alone.
//
// Words are numbered per request (a Vocabulary), so sparse blocks are sorted
// typed arrays and model weights one flat array: training runs per request
// and must take milliseconds, not the hundreds a Map per vector costs.
import type { StoredPaper } from "../domain/paper.js";
import { contentTokens } from "../search/embed/builtin/text-tokens.js";

export interface Feature {
  dense: Float32Array | null;
  /** Word numbers, ascending, and their weights. */
  idx: Int32Array;
  val: Float32Array;
}

export interface FeatureOptions {
  /** Share of the dense block in the dot product (0: words only). */
  alpha: number;
}

/** Sublinear term counts of a paper (title words count twice: they say what the paper is about). */
export function termCounts(p: Pick<StoredPaper, "title" | "abstract">): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of contentTokens(p.title)) counts.set(t, (counts.get(t) ?? 0) + 2);
  for (const t of contentTokens(p.abstract)) counts.set(t, (counts.get(t) ?? 0) + 1);
  for (const [t, n] of counts) counts.set(t, 1 + Math.log(n));
  return counts;
}

/** The words of one request, numbered, with their inverse document frequencies. */
export class Vocabulary {
  private readonly ids = new Map<string, number>();
  private idf: Float64Array = new Float64Array(0);

  get size(): number {
    return this.ids.size;
  }

  /**
   * Counts document frequencies over the request's papers (candidates,
   * likes, negatives): a few hundred papers are enough to tell "model" and
   * "propose" from "speculative" and "decoding", and the request needs no
   * corpus-wide statistics. Smoothed, so a word in every paper weighs near 0, never below.
   */
  static of(docs: ReadonlyArray<Map<string, number>>): Vocabulary {
    const v = new Vocabulary();
    const df: number[] = [];
    for (const d of docs) {
      for (const t of d.keys()) {
        let i = v.ids.get(t);
        if (i === undefined) {
          i = v.ids.size;
          v.ids.set(t, i);
          df.push(0);
        }
        df[i]! += 1;
      }
    }
    const n = docs.length;
    v.idf = Float64Array.from(df, (k) => Math.log((1 + n) / (1 + k)) + 1e-3);
    return v;
  }

  feature(vector: Float32Array | null, counts: Map<string, number>, opts: FeatureOptions): Feature {
    const pairs: Array<[number, number]> = [];
    let ss = 0;
    for (const [t, tf] of counts) {
      const i = this.ids.get(t);
      if (i === undefined) continue;
      const w = tf * this.idf[i]!;
      pairs.push([i, w]);
      ss += w * w;
    }
    pairs.sort((a, b) => a[0] - b[0]);
    const scale = ss > 0 ? Math.sqrt(1 - opts.alpha) / Math.sqrt(ss) : 0;
    const idx = Int32Array.from(pairs, (p) => p[0]);
    const val = Float32Array.from(pairs, (p) => p[1] * scale);
    return { dense: denseBlock(vector, opts.alpha), idx, val };
  }
}

function denseBlock(vector: Float32Array | null, alpha: number): Float32Array | null {
  if (!vector || alpha <= 0) return null;
  let dd = 0;
  for (let i = 0; i < vector.length; i++) dd += vector[i]! * vector[i]!;
  if (dd <= 0) return null;
  const s = Math.sqrt(alpha) / Math.sqrt(dd);
  return Float32Array.from(vector, (x) => x * s);
}

export function dot(a: Feature, b: Feature): number {
  let s = 0;
  if (a.dense && b.dense) for (let i = 0; i < a.dense.length; i++) s += a.dense[i]! * b.dense[i]!;
  let i = 0;
  let j = 0;
  while (i < a.idx.length && j < b.idx.length) {
    const x = a.idx[i]!;
    const y = b.idx[j]!;
    if (x === y) s += a.val[i++]! * b.val[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return s;
}
