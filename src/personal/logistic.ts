// An L2-regularised logistic regression trained per request on a user's likes against their "not interested" marks and the background.
//
// Classes are balanced the way arxiv-sanity's SVM balances them: the likes
// together weigh as much as the background together, whatever their counts.
// Each "not interested" mark weighs `negativeWeight` likes (with the opposite
// label), so a handful of marks moves the model about as much as a handful
// of likes.
//
// Features are unit length (plus the bias's constant 1), so the gradient of
// the mean loss is Lipschitz with constant at most 2·1/4 + λ; gradient
// descent with step 1/(1/2 + λ) converges linearly (at rate about
// 1 − λ/(1/2 + λ) per step), and `iterations` steps are a fixed, small cost:
// a few hundred papers × a few hundred dimensions.
import type { Feature } from "./features.js";
import { addScaled, denseDims, emptyProfile, scoreLinear, type LinearProfile, type TrainingSet } from "./linear-profile.js";

export interface LogisticParams {
  /** L2 penalty λ: larger keeps the weights near the likes' mean (Rocchio-like); smaller fits the likes more closely. */
  lambda: number;
  iterations: number;
}

export const DEFAULT_LOGISTIC: LogisticParams = { lambda: 0.05, iterations: 60 };

interface Sample {
  x: Feature;
  y: 1 | -1;
  weight: number;
}

function samples(t: TrainingSet, negativeWeight: number): Sample[] {
  const nPos = Math.max(1, t.positives.length);
  const out: Sample[] = [];
  for (const x of t.positives) out.push({ x, y: 1, weight: 1 / nPos });
  for (const x of t.negatives) out.push({ x, y: -1, weight: negativeWeight / nPos });
  for (const x of t.background) out.push({ x, y: -1, weight: 1 / t.background.length });
  return out;
}

export function trainLogistic(t: TrainingSet, p: LogisticParams = DEFAULT_LOGISTIC, negativeWeight = 1): LinearProfile {
  const data = samples(t, negativeWeight);
  const dims = denseDims(data.map((s) => s.x));
  const w = emptyProfile(dims, t.words);
  if (data.length === 0) return w;
  const total = data.reduce((s, d) => s + d.weight, 0);
  const step = 1 / (0.5 + p.lambda);
  const grad = emptyProfile(dims, t.words);
  for (let it = 0; it < p.iterations; it++) {
    grad.dense?.fill(0);
    grad.sparse.fill(0);
    grad.bias = 0;
    for (const d of data) {
      const margin = d.y * scoreLinear(w, d.x);
      // d/dm log(1 + e^−m) = −1 / (1 + e^m)
      const g = (-d.y * d.weight) / total / (1 + Math.exp(margin));
      addScaled(grad, d.x, g);
      grad.bias += g;
    }
    // w ← w − step·(∇loss + λw); the bias is not penalised: it only shifts every score alike.
    if (w.dense && grad.dense) for (let i = 0; i < w.dense.length; i++) w.dense[i]! -= step * (grad.dense[i]! + p.lambda * w.dense[i]!);
    for (let i = 0; i < w.sparse.length; i++) w.sparse[i]! -= step * (grad.sparse[i]! + p.lambda * w.sparse[i]!);
    w.bias -= step * grad.bias;
  }
  return w;
}
