// The per-user preference models the personal feed can run, behind one function: fit on a training set, get a scorer.
//
// "logistic" (the default) is an L2-regularised logistic regression;
// "centroid" is the Rocchio profile; "knn" scores a paper by its nearest
// likes, which suits readers of several unrelated topics but is noisier
// with few likes. Measured by bench/personal-eval.ts on 400 simulated
// readers of the Daily Papers archive (P@10, words + vectors α = 0.5):
// logistic 0.129, centroid 0.121, knn 0.101; the same order held with
// vectors alone and words alone (README, "Personal feed").
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

/**
 * A "not interested" mark weighs a quarter of a like. Measured by the
 * evaluation's feedback run (readers marking the off-topic papers of their
 * top 10): the next list's P@10 was 0.147 at weight 1, 0.160 at 0.5, 0.168
 * at 0.25, against 0.171 only leaving the marked papers out. Marked papers
 * often share much with the reader's topic, so a heavy mark pushes the
 * topic down with them; a light one still moves their near-copies down.
 */
export const DEFAULT_MODEL_PARAMS: ModelParams = { logistic: DEFAULT_LOGISTIC, negativeWeight: 0.25, backgroundWeight: 0.5, neighbours: 3 };

export const DEFAULT_MODEL: ModelKind = "logistic";

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
