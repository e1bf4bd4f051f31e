import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { feedbackRerank, idfFunction, MIN_RERANK_WEIGHT, paperTerms, queryCoverage, rerankWeight, textTerms, type RerankCandidate } from "./rerank.js";

const doc = (id: string, score: number, text: string): RerankCandidate => ({ id, score, terms: textTerms(text) });

describe("textTerms and paperTerms", () => {
  it("stem like the postings index and drop stop words, numbers and one-letter tokens", () => {
    expect(textTerms("The Attention of 2 Transformers, scaling x 2024")).toEqual(["attent", "transform", "scale"]);
  });
  it("count a title twice", () => {
    expect(paperTerms("Sparse attention", "cheap")).toEqual(["spars", "attent", "spars", "attent", "cheap"]);
    expect(paperTerms("Sparse", null)).toEqual(["spars", "spars"]);
  });
});

describe("queryCoverage", () => {
  const idf = (t: string) => (t === "rare" ? 3 : 1);
  it("is the largest IDF-weighted share of the query's terms one of the first papers holds", () => {
    expect(queryCoverage(["rare", "common"], [{ terms: ["common"] }, { terms: [] }, { terms: ["rare", "x"] }], idf, 3)).toBeCloseTo(3 / 4);
    expect(queryCoverage(["rare", "common"], [{ terms: ["common"] }, { terms: [] }, { terms: ["common"] }], idf, 3)).toBeCloseTo(1 / 4);
    // the fourth paper is not looked at
    expect(queryCoverage(["rare", "common"], [{ terms: ["common"] }, { terms: [] }, { terms: [] }, { terms: ["rare", "common"] }], idf, 3)).toBeCloseTo(1 / 4);
  });
  it("is 1 when there is nothing to measure", () => {
    expect(queryCoverage([], [{ terms: ["a"] }], idf)).toBe(1);
    expect(queryCoverage(["a"], [], idf)).toBe(1);
  });
});

describe("rerankWeight", () => {
  it("is largest for a query none of whose words the first papers hold, and vanishes as they hold them", () => {
    expect(rerankWeight(0)).toBeCloseTo(1);
    expect(rerankWeight(1)).toBe(0);
    expect(rerankWeight(0.5)).toBeCloseTo(1 / 8);
    expect(rerankWeight(0.5, { weight: 0.85, gate: 2 })).toBeCloseTo(0.85 / 4);
    expect(rerankWeight(0.2, { weight: 1, gate: 1 })).toBeCloseTo(0.8);
  });
});

describe("idfFunction", () => {
  it("uses the hub's counts when given", () => {
    const idf = idfFunction([], { size: () => 1000, documentFrequency: (t) => (t === "common" ? 900 : 1) });
    expect(idf("rare")).toBeGreaterThan(idf("common"));
    expect(idf("common")).toBeGreaterThan(0);
  });
  it("falls back to the candidates' own counts", () => {
    const idf = idfFunction([{ terms: ["a", "b"] }, { terms: ["a"] }, { terms: ["c"] }]);
    expect(idf("b")).toBeGreaterThan(idf("a"));
    expect(idf("zzz")).toBeGreaterThan(idf("b"));
  });
});

describe("feedbackRerank", () => {
  // The query's words are in none of the papers; the first three share a vocabulary ("context window
  // extrapolation"), and a paper further down that shares it should come up past the unrelated ones.
  const candidates = [
    doc("p1", 1.0, "Extending the context window of language models by positional interpolation"),
    doc("p2", 0.9, "Context window extrapolation with rotary positional embeddings"),
    doc("p3", 0.8, "Long context window extension for pretrained models"),
    doc("x1", 0.7, "Image segmentation with convolutional networks"),
    doc("x2", 0.65, "Speech recognition benchmarks for low resource languages"),
    doc("p4", 0.6, "Positional interpolation extends the context window to 32k tokens"),
  ];
  const query = textTerms("letting a chatbot read far longer texts without retraining");

  it("moves a paper sharing the best papers' words above unrelated ones when the query's words are missing", () => {
    const out = feedbackRerank(query, candidates);
    const order = out.map((x) => x.id);
    expect(order.indexOf("p4")).toBeLessThan(order.indexOf("x1"));
    expect(order.indexOf("p4")).toBeLessThan(order.indexOf("x2"));
    expect(out.map((x) => x.id).sort()).toEqual(candidates.map((c) => c.id).sort());
    for (let i = 1; i < out.length; i++) expect(out[i - 1]!.score).toBeGreaterThanOrEqual(out[i]!.score);
  });

  it("leaves a query whose words the first papers hold exactly as it was", () => {
    const q = textTerms("context window positional interpolation");
    const covered = [
      doc("a", 1, "Context window extension by positional interpolation"),
      doc("b", 0.9, "Positional interpolation of the context window"),
      doc("c", 0.8, "Context window positional interpolation revisited"),
      doc("d", 0.1, "Context window tricks"),
    ];
    expect(feedbackRerank(q, covered)).toEqual(covered.map(({ id, score }) => ({ id, score })));
  });

  it("returns the input unchanged with no query terms or fewer than two candidates", () => {
    expect(feedbackRerank([], candidates)).toEqual(candidates.map(({ id, score }) => ({ id, score })));
    expect(feedbackRerank(query, candidates.slice(0, 1))).toEqual([{ id: "p1", score: 1 }]);
  });

  it("with weight 0 or a gate that closes keeps the fused order", () => {
    const fused = candidates.map((c) => c.id);
    expect(feedbackRerank(query, candidates, null, { weight: 0 }).map((x) => x.id)).toEqual(fused);
    expect(feedbackRerank(query, candidates, null, { weight: MIN_RERANK_WEIGHT / 2 }).map((x) => x.id)).toEqual(fused);
  });

  it("is a permutation of the candidates with scores in 0..1, for any input", () => {
    const word = fc.constantFrom("attention", "context", "window", "graph", "speech", "vision", "token", "sparse", "kernel", "model");
    const text = fc.array(word, { maxLength: 12 }).map((w) => w.join(" "));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.double({ min: 0, max: 1, noNaN: true })), { maxLength: 30 }), text, (docs, q) => {
        const cands = docs.map(([t, s], i) => doc(`d${i}`, s, t));
        const out = feedbackRerank(textTerms(q), cands);
        expect(out.map((x) => x.id).sort()).toEqual(cands.map((c) => c.id).sort());
        for (const x of out) expect(Number.isFinite(x.score)).toBe(true);
        if (out.length >= 2 && textTerms(q).length > 0) for (const x of out) expect(x.score).toBeGreaterThanOrEqual(0);
      }),
    );
  });
});

