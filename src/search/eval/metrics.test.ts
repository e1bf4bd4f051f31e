// Hand-computed checks of nDCG, recall, MRR and run averaging.
import { describe, expect, it } from "vitest";
import { evaluateRun, mrrAtK, ndcgAtK, recallAtK } from "./metrics.js";

// The worked example: qrels {a: 2, b: 1}, ranking [x, b, a] (x unjudged).
//   DCG@3  = 0/log2(2) + 1/log2(3) + 2/log2(4) = 0 + 0.63093 + 1 = 1.63093
//   IDCG@3 = 2/log2(2) + 1/log2(3)             = 2 + 0.63093     = 2.63093
//   nDCG@3 = 1.63093 / 2.63093 = 0.61991
//   nDCG@2 = 0.63093 / 2.63093 = 0.23981  (a falls outside the cut-off; the ideal keeps both)
//   Recall@3 = 2/2 = 1, Recall@2 = 1/2, MRR@3 = 1/2 (b at rank 2), MRR@1 = 0
const qrels = new Map([
  ["a", 2],
  ["b", 1],
]);
const ranked = ["x", "b", "a"];

describe("ndcgAtK", () => {
  it("matches the worked example", () => {
    expect(ndcgAtK(ranked, qrels, 3)).toBeCloseTo(0.61991, 5);
    expect(ndcgAtK(ranked, qrels, 2)).toBeCloseTo(0.23981, 5);
    expect(ndcgAtK(ranked, qrels, 1)).toBe(0);
  });

  it("is 1 for the ideal order and below 1 when grades are swapped", () => {
    expect(ndcgAtK(["a", "b"], qrels, 10)).toBeCloseTo(1, 12);
    // [b, a]: (1 + 2/log2(3)) / (2 + 1/log2(3)) = 2.26186 / 2.63093 = 0.85972
    expect(ndcgAtK(["b", "a"], qrels, 10)).toBeCloseTo(0.85972, 5);
  });

  it("takes the ideal DCG from the qrels, so missed relevant documents cost", () => {
    // [a] against {a:2, b:1, c:1}: 2 / (2 + 1/log2(3) + 1/log2(4)) = 2 / 3.13093 = 0.63879
    const three = new Map([["a", 2], ["b", 1], ["c", 1]]);
    expect(ndcgAtK(["a"], three, 10)).toBeCloseTo(0.63879, 5);
  });

  it("counts a repeated id once and gives grade 0 and negative grades no gain", () => {
    // [a, a, b] at k=2 is [a, b] after dropping the repeat: the ideal order.
    expect(ndcgAtK(["a", "a", "b"], qrels, 2)).toBeCloseTo(1, 12);
    const judged = new Map([["z", 0], ["n", -1], ["b", 1]]);
    // [z, n, b]: 1/log2(4) / 1 = 0.5
    expect(ndcgAtK(["z", "n", "b"], judged, 10)).toBeCloseTo(0.5, 12);
  });

  it("is 0 when nothing is relevant", () => {
    expect(ndcgAtK(["a"], new Map([["a", 0]]), 10)).toBe(0);
    expect(ndcgAtK([], qrels, 10)).toBe(0);
  });
});

describe("recallAtK", () => {
  it("matches the worked example", () => {
    expect(recallAtK(ranked, qrels, 3)).toBe(1);
    expect(recallAtK(ranked, qrels, 2)).toBe(0.5);
    expect(recallAtK(ranked, qrels, 1)).toBe(0);
  });

  it("ignores grade-0 judgments in both numerator and denominator, and repeats", () => {
    const judged = new Map([["a", 1], ["z", 0], ["b", 1], ["c", 1]]);
    expect(recallAtK(["z", "a", "a", "a"], judged, 4)).toBeCloseTo(1 / 3, 12);
    expect(recallAtK(["z"], new Map([["z", 0]]), 10)).toBe(0);
  });
});

describe("mrrAtK", () => {
  it("matches the worked example", () => {
    expect(mrrAtK(ranked, qrels, 3)).toBe(0.5);
    expect(mrrAtK(ranked, qrels, 1)).toBe(0);
    expect(mrrAtK(["x", "y", "a"], qrels, 3)).toBeCloseTo(1 / 3, 12);
  });

  it("does not count grade 0 as relevant", () => {
    expect(mrrAtK(["z", "b"], new Map([["z", 0], ["b", 1]]), 10)).toBe(0.5);
  });
});

describe("evaluateRun", () => {
  it("averages over judged queries with a relevant document, scoring missing runs as 0", () => {
    const judgments = new Map([
      ["q1", qrels], // ranking [x, b, a]
      ["q2", new Map([["d", 1]])], // ranking [d]: every metric 1
      ["q3", new Map([["e", 0]])], // no relevant document: left out
      ["q4", new Map([["f", 1]])], // absent from the run: every metric 0
    ]);
    const run = new Map<string, string[]>([
      ["q1", ranked],
      ["q2", ["d"]],
      ["q3", ["e"]],
      ["q9", ["a"]], // not judged: ignored
    ]);
    const result = evaluateRun(run, judgments);
    expect(result.queries).toBe(3);
    expect([...result.perQuery.keys()]).toEqual(["q1", "q2", "q4"]);
    expect(result.perQuery.get("q1")).toEqual({
      ndcgAt10: expect.closeTo(0.61991, 5),
      mrrAt10: 0.5,
      recallAt10: 1,
      recallAt100: 1,
    });
    expect(result.perQuery.get("q4")).toEqual({ ndcgAt10: 0, mrrAt10: 0, recallAt10: 0, recallAt100: 0 });
    // means: nDCG (0.61991 + 1 + 0) / 3 = 0.53997, MRR (0.5 + 1 + 0) / 3 = 0.5, recall (1 + 1 + 0) / 3
    expect(result.mean.ndcgAt10).toBeCloseTo(0.53997, 5);
    expect(result.mean.mrrAt10).toBeCloseTo(0.5, 12);
    expect(result.mean.recallAt10).toBeCloseTo(2 / 3, 12);
    expect(result.mean.recallAt100).toBeCloseTo(2 / 3, 12);
  });

  it("returns zero means for an empty judgment set", () => {
    const result = evaluateRun(new Map([["q", ["a"]]]), new Map());
    expect(result).toEqual({ queries: 0, mean: { ndcgAt10: 0, mrrAt10: 0, recallAt10: 0, recallAt100: 0 }, perQuery: new Map() });
  });
});
