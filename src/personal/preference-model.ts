// The per-user preference models the personal feed can run, behind one function: fit on a training set, get a scorer.
//
// "logistic" (the default, see bench/personal-eval.ts for the measurement
// that chose it) is an L2-regularised logistic regression; "centroid" is the
// Rocchio profile; "knn" scores a paper by its nearest likes, which suits
// readers of several unrelated topics but is noisier with few likes.
import { dot, type Feature } from "./features.js";
import { rocchio, scoreLinear, type TrainingSet } from "./linear-profile.js";
import { DEFAULT_LOGISTIC, trainLogistic, type LogisticParams } from "./logistic.js";

export const MODEL_KINDS = ["logistic", "centroid", "knn"] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];

export interface ModelParams {
  logistic: LogisticParams;
  /** Weight of a "not interested" mark against a like (every model); Rocchio's weight of the background mean. */
  negativeWeight: number;
  backgroundWeight: number;
  /** knn: how many nearest likes are averaged. */
  neighbours: number;
}

export const DEFAULT_MODEL_PARAMS: ModelParams = { logistic: DEFAULT_LOGISTIC, negativeWeight: 1, backgroundWeight: 0.5, neighbours: 3 };

export type Scorer = (x: Feature) => number;

export function fitModel(kind: ModelKind, t: TrainingSet, p: ModelParams = DEFAULT_MODEL_PARAMS): Scorer {
  switch (kind) {
    case "logistic": {
      const w = trainLogistic(t, p.logistic, p.negativeWeight);
      return (x) => scoreLinear(w, x);
    }
    case "centroid": {
      const w = rocchio(t, { negativeWeight: p.negativeWeight, backgroundWeight: p.backgroundWeight });
      return (x) => scoreLinear(w, x);
    }
    case "knn":
      return (x) => {
        const sims = t.positives.map((q) => dot(x, q)).sort((a, b) => b - a);
        const k = Math.min(p.neighbours, sims.length);
        const near = k > 0 ? sims.slice(0, k).reduce((s, v) => s + v, 0) / k : 0;
        const away = t.negatives.reduce((m, q) => Math.max(m, dot(x, q)), 0);
        return near - p.negativeWeight * away;
      };
  }
}
