import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { convexFusion, minMax, reciprocalRankFusion } from "./fusion.js";

const s = (...pairs: [string, number][]) => pairs.map(([id, score]) => ({ id, score }));

describe("minMax", () => {
  it("scales to 0..1 and keeps the first score of a repeated id", () => {
    expect(minMax(s(["a", 10], ["b", 5], ["c", 0], ["a", 1]))).toEqual(new Map([["a", 1], ["b", 0.5], ["c", 0]]));
  });
  it("gives 1 to every document when all scores are equal, and nothing for an empty list", () => {
    expect(minMax(s(["a", 3], ["b", 3]))).toEqual(new Map([["a", 1], ["b", 1]]));
    expect(minMax([]).size).toBe(0);
  });
});

describe("convexFusion", () => {
  it("rewards documents both retrievers found", () => {
    const fused = convexFusion(s(["a", 9], ["b", 5], ["c", 1]), s(["b", 0.9], ["d", 0.8], ["a", 0.1]));
    expect(fused.map((x) => x.id)).toEqual(["b", "a", "d", "c"]);
    expect(fused[0]).toEqual({ id: "b", score: 0.5 * 0.5 + 0.5 * 1, lexical: 0.5, semantic: 1 });
    expect(fused.find((x) => x.id === "d")).toMatchObject({ lexical: null, semantic: 0.875 });
  });
  it("weight 1 is the lexical order and weight 0 the semantic order", () => {
    const lex = s(["a", 3], ["b", 2], ["c", 1]);
    const sem = s(["c", 0.9], ["b", 0.5], ["a", 0.1]);
    expect(convexFusion(lex, sem, 1).map((x) => x.id)).toEqual(["a", "b", "c"]);
    expect(convexFusion(lex, sem, 0).map((x) => x.id)).toEqual(["c", "b", "a"]);
  });
  it("breaks ties by id and rejects a weight outside 0..1", () => {
    expect(convexFusion(s(["b", 1]), s(["a", 1])).map((x) => x.id)).toEqual(["a", "b"]);
    expect(() => convexFusion([], [], 1.5)).toThrow(RangeError);
    expect(() => convexFusion([], [], Number.NaN)).toThrow(RangeError);
  });
  it("returns each document once, scores within 0..1, sorted (property)", () => {
    const list = fc.array(fc.record({ id: fc.constantFrom("a", "b", "c", "d", "e", "f"), score: fc.double({ min: -100, max: 100, noNaN: true }) }), { maxLength: 12 });
    fc.assert(
      fc.property(list, list, fc.double({ min: 0, max: 1, noNaN: true }), (l, m, w) => {
        const fused = convexFusion(l, m, w);
        const ids = fused.map((x) => x.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(new Set(ids)).toEqual(new Set([...l, ...m].map((x) => x.id)));
        for (let i = 0; i < fused.length; i++) {
          expect(fused[i]!.score).toBeGreaterThanOrEqual(-1e-12);
          expect(fused[i]!.score).toBeLessThanOrEqual(1 + 1e-12);
          if (i > 0) expect(fused[i - 1]!.score).toBeGreaterThanOrEqual(fused[i]!.score);
        }
      }),
    );
  });
});

describe("reciprocalRankFusion", () => {
  it("sums 1/(k+rank) over the lists, counting a repeated id once per list", () => {
    const fused = reciprocalRankFusion([s(["a", 9], ["b", 5], ["a", 1]), s(["b", 1], ["c", 0])], 60);
    expect(fused.map((x) => x.id)).toEqual(["b", "a", "c"]);
    expect(fused[0]!.score).toBeCloseTo(1 / 62 + 1 / 61, 12);
    expect(fused[1]!.score).toBeCloseTo(1 / 61, 12);
  });
  it("rejects a non-positive k", () => {
    expect(() => reciprocalRankFusion([], 0)).toThrow(RangeError);
  });
});
