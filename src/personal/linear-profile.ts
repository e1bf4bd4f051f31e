// A linear preference over features (weights for the dense block and for every word of the request, and a bias), and the Rocchio profile, the simplest one.
import type { Feature } from "./features.js";

export interface LinearProfile {
  dense: Float64Array | null;
  /** By word number (features.ts's Vocabulary). */
  sparse: Float64Array;
  bias: number;
}

/** What a user's model learns from. */
export interface TrainingSet {
  /** Papers the user liked: upvoted or saved. */
  positives: Feature[];
  /** Papers the user marked "not interested". */
  negatives: Feature[];
  /** Papers the user did not react to (from the feed): weak negatives, as arxiv-sanity treats every untagged paper. */
  background: Feature[];
  /** Words of the request (Vocabulary.size). */
  words: number;
}

export function emptyProfile(dims: number | null, words: number): LinearProfile {
  return { dense: dims ? new Float64Array(dims) : null, sparse: new Float64Array(words), bias: 0 };
}

export function denseDims(features: readonly Feature[]): number | null {
  for (const f of features) if (f.dense) return f.dense.length;
  return null;
}

export function scoreLinear(w: LinearProfile, x: Feature): number {
  let s = w.bias;
  if (w.dense && x.dense) for (let i = 0; i < x.dense.length; i++) s += w.dense[i]! * x.dense[i]!;
  for (let k = 0; k < x.idx.length; k++) s += w.sparse[x.idx[k]!]! * x.val[k]!;
  return s;
}

/** w += k·x */
export function addScaled(w: LinearProfile, x: Feature, k: number): void {
  if (w.dense && x.dense) for (let i = 0; i < x.dense.length; i++) w.dense[i]! += k * x.dense[i]!;
  for (let j = 0; j < x.idx.length; j++) w.sparse[x.idx[j]!]! += k * x.val[j]!;
}

export interface RocchioParams {
  /** Weight of one "not interested" paper against one liked paper. */
  negativeWeight: number;
  /** Weight of the background's mean: subtracting it removes what every paper shares, leaving what the likes share. */
  backgroundWeight: number;
}

/**
 * w = mean(likes) − δ·Σ(not interested)/|likes| − γ·mean(background).
 * Ranking by w·x is ranking by cosine to the profile (|w| is fixed per user).
 */
export function rocchio(t: TrainingSet, p: RocchioParams): LinearProfile {
  const w = emptyProfile(denseDims([...t.positives, ...t.negatives, ...t.background]), t.words);
  const nPos = Math.max(1, t.positives.length);
  for (const x of t.positives) addScaled(w, x, 1 / nPos);
  for (const x of t.negatives) addScaled(w, x, -p.negativeWeight / nPos);
  if (t.background.length > 0) for (const x of t.background) addScaled(w, x, -p.backgroundWeight / t.background.length);
  return w;
}
