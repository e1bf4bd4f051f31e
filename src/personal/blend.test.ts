// The blend's formula and the reasons a card shows.
import { describe, expect, it } from "vitest";
import { DEFAULT_BLEND, blendScore, followedIn, recency, standardise } from "./blend.js";
import type { Feature } from "./features.js";
import { reasonFor, shortTitle, type LikedPaper } from "./reasons.js";

const now = new Date("2024-08-01T12:00:00.000Z");
const feature = (idx: number[], val: number[]): Feature => ({ dense: null, idx: Int32Array.from(idx), val: Float32Array.from(val) });

describe("blend", () => {
  it("standardises scores to mean 0 and deviation 1, and flat scores to 0", () => {
    const z = standardise([1, 2, 3, 4]);
    expect(z.reduce((s, v) => s + v, 0)).toBeCloseTo(0, 10);
    expect(Math.sqrt(z.reduce((s, v) => s + v * v, 0) / 4)).toBeCloseTo(1, 10);
    expect(standardise([5, 5, 5])).toEqual([0, 0, 0]);
    expect(standardise([])).toEqual([]);
  });

  it("halves recency every half-life, counts the future as now and an unknown time as old", () => {
    expect(recency(now.toISOString(), now, 72)).toBe(1);
    expect(recency("2024-07-29T12:00:00.000Z", now, 72)).toBeCloseTo(0.5, 10);
    expect(recency("2024-07-26T12:00:00.000Z", now, 72)).toBeCloseTo(0.25, 10);
    expect(recency("2024-08-02T12:00:00.000Z", now, 72)).toBe(1);
    expect(recency(null, now, 72)).toBe(0);
  });

  it("adds R·recency and the follow bonuses to the standardised model score", () => {
    const p = { ...DEFAULT_BLEND, recencyWeight: 0.5, followedAuthor: 2, followedCategory: 1 };
    expect(blendScore(0.3, 1, { author: null, category: null }, p)).toBeCloseTo(0.8, 10);
    expect(blendScore(0.3, 0.5, { author: "Ada", category: "cs.CL" }, p)).toBeCloseTo(0.3 + 0.25 + 2 + 1, 10);
    // A fresh paper passes an older one the model likes a little more, not one it likes much more.
    expect(blendScore(0, 1, { author: null, category: null }, p)).toBeGreaterThan(blendScore(0.4, 0.125, { author: null, category: null }, p));
    expect(blendScore(0, 1, { author: null, category: null }, p)).toBeLessThan(blendScore(1, 0.125, { author: null, category: null }, p));
  });

  it("finds followed authors and categories whatever their case", () => {
    const follows = { authors: new Set(["ada lovelace"]), categories: new Set(["cs.cl"]) };
    expect(followedIn({ authors: [{ name: "Alan Turing" }, { name: "Ada Lovelace" }], categories: ["cs.LG", "cs.CL"] }, follows)).toEqual({ author: "Ada Lovelace", category: "cs.CL" });
    expect(followedIn({ authors: [{ name: "Alan Turing" }], categories: ["cs.LG"] }, follows)).toEqual({ author: null, category: null });
  });
});

describe("reasons", () => {
  const likes: LikedPaper[] = [
    { title: "Speculative decoding with a small draft model", via: "upvoted", feature: feature([1, 2], [0.8, 0.6]) },
    { title: "Protein folding at scale", via: "saved", feature: feature([3], [1]) },
  ];

  it("says the most specific true thing: followed author, followed category, nearest like, interest, news", () => {
    const x = feature([1, 2], [0.6, 0.8]);
    expect(reasonFor({ author: "Ada Lovelace", category: "cs.CL", feature: x, upvotes: 3 }, likes)).toBe("by Ada Lovelace, whom you follow");
    expect(reasonFor({ author: null, category: "cs.CL", feature: x, upvotes: 3 }, likes)).toBe("in cs.CL, which you follow");
    expect(reasonFor({ author: null, category: null, feature: x, upvotes: 3 }, likes)).toBe("similar to “Speculative decoding with a small draft model”, which you upvoted");
    expect(reasonFor({ author: null, category: null, feature: feature([3], [1]), upvotes: 0 }, likes)).toBe("similar to “Protein folding at scale”, which you saved");
    expect(reasonFor({ author: null, category: null, feature: feature([9], [1]), upvotes: 1 }, likes)).toBe("trending: 1 upvote");
    expect(reasonFor({ author: null, category: null, feature: feature([9], [1]), upvotes: 42 }, [])).toBe("trending: 42 upvotes");
    expect(reasonFor({ author: null, category: null, feature: feature([9], [1]), upvotes: 0 }, likes)).toBe("new on the feed");
  });

  it("shortens long titles", () => {
    const t = shortTitle(`${"word ".repeat(40)}end`);
    expect(t.length).toBeLessThanOrEqual(80);
    expect(t.endsWith("…")).toBe(true);
    expect(shortTitle("A  short\n title")).toBe("A short title");
  });
});
