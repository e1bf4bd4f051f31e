// The preference models on features of two topics: likes on A rank unseen A above B; "not interested" pushes its kind down.
import { describe, expect, it } from "vitest";
import { TOPIC_A, TOPIC_B, type TopicPaper } from "./__fixtures__/topic-papers.js";
import { Vocabulary, dot, termCounts, type Feature } from "./features.js";
import { trainLogistic } from "./logistic.js";
import { scoreLinear } from "./linear-profile.js";
import { MODEL_KINDS, fitModel } from "./preference-model.js";

/** Features of every fixture paper over one vocabulary; vectors (when given) for the dense block. */
function featuresOf(papers: TopicPaper[], alpha = 0, vectors?: Map<string, Float32Array>) {
  const counts = papers.map((p) => termCounts(p));
  const vocabulary = Vocabulary.of(counts);
  const of = new Map(papers.map((p, i) => [p.id, vocabulary.feature(vectors?.get(p.id) ?? null, counts[i]!, { alpha })]));
  return { of, words: vocabulary.size };
}

const ALL = [...TOPIC_A, ...TOPIC_B];
const liked = TOPIC_A.slice(0, 4);
const unseenA = TOPIC_A.slice(4, 8);
const unseenB = TOPIC_B.slice(0, 8);
/** What the reader did not react to: the other topic. */
const background = TOPIC_B.slice(8);

describe("features", () => {
  it("are unit length, and the dot product mixes vectors and words by α", () => {
    const vectors = new Map(ALL.map((p) => [p.id, Float32Array.from({ length: 4 }, (_, i) => (p.topic === "A" ? 1 + i : 4 - i))]));
    const { of } = featuresOf(ALL, 0.5, vectors);
    const a = of.get(TOPIC_A[0]!.id)!;
    expect(dot(a, a)).toBeCloseTo(1, 5);
    const words = featuresOf(ALL, 0).of;
    const vecOnly = featuresOf(ALL, 1, vectors).of;
    const [x, y] = [TOPIC_A[0]!.id, TOPIC_B[0]!.id];
    expect(dot(of.get(x)!, of.get(y)!)).toBeCloseTo(0.5 * dot(words.get(x)!, words.get(y)!) + 0.5 * dot(vecOnly.get(x)!, vecOnly.get(y)!), 5);
  });

  it("weigh a word in every paper near zero and a topic's word high", () => {
    const { of } = featuresOf(ALL);
    const a0 = of.get(TOPIC_A[0]!.id)!;
    const a1 = of.get(TOPIC_A[1]!.id)!;
    const b0 = of.get(TOPIC_B[0]!.id)!;
    expect(dot(a0, a1)).toBeGreaterThan(dot(a0, b0) + 0.2);
  });
});

describe.each(MODEL_KINDS)("model %s", (kind) => {
  const { of, words } = featuresOf(ALL);
  const f = (ps: TopicPaper[]): Feature[] => ps.map((p) => of.get(p.id)!);

  it("ranks every unseen topic-A paper above every topic-B paper after likes on A", () => {
    const score = fitModel(kind, { positives: f(liked), negatives: [], background: f(background), words });
    const worstA = Math.min(...f(unseenA).map(score));
    const bestB = Math.max(...f(unseenB).map(score));
    expect(worstA).toBeGreaterThan(bestB);
  });

  it("pushes down what is like a paper marked “not interested”", () => {
    // Likes on both topics; then two B papers are marked: B must fall against A.
    const mixed = [...liked, ...TOPIC_B.slice(8, 10)];
    const rest = ALL.filter((p) => !mixed.includes(p));
    const before = fitModel(kind, { positives: f(mixed), negatives: [], background: f(rest), words });
    const after = fitModel(kind, { positives: f(mixed), negatives: f(TOPIC_B.slice(10, 12)), background: f(rest), words });
    const gap = (s: (x: Feature) => number) => mean(f(unseenA).map(s)) - mean(f(unseenB).map(s));
    expect(gap(after)).toBeGreaterThan(gap(before) + 0.02);
    const rankOfB = (s: (x: Feature) => number) => {
      const order = [...unseenA, ...unseenB].sort((x, y) => s(of.get(y.id)!) - s(of.get(x.id)!));
      return mean(unseenB.map((p) => order.indexOf(p)));
    };
    expect(rankOfB(after)).toBeGreaterThan(rankOfB(before));
  });
});

describe("logistic regression", () => {
  it("separates its training data and learns less from more regularisation", () => {
    const { of, words } = featuresOf(ALL);
    const t = { positives: liked.map((p) => of.get(p.id)!), negatives: [], background: TOPIC_B.map((p) => of.get(p.id)!), words };
    const loose = trainLogistic(t, { lambda: 0.001, iterations: 300 });
    const tight = trainLogistic(t, { lambda: 1, iterations: 300 });
    for (const x of t.positives) expect(scoreLinear(loose, x)).toBeGreaterThan(0);
    for (const x of t.background) expect(scoreLinear(loose, x)).toBeLessThan(0);
    const norm = (w: { sparse: Float64Array }) => Math.hypot(...w.sparse);
    expect(norm(tight)).toBeLessThan(norm(loose));
  });

  it("with nothing to learn from, scores everything alike", () => {
    const w = trainLogistic({ positives: [], negatives: [], background: [], words: 3 });
    expect(w.bias).toBe(0);
    expect([...w.sparse]).toEqual([0, 0, 0]);
  });
});

const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
