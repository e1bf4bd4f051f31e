// Tests of the evaluation loop with a word-overlap search double over a tiny in-memory corpus.
import { describe, expect, it } from "vitest";
import { evaluateRun } from "./metrics.js";
import { runEval, type SearchFn } from "./run-eval.js";

const corpus = new Map([
  ["d1", "state space models for long sequences"],
  ["d2", "scaling laws for neural language models"],
  ["d3", "diffusion models for image generation"],
  ["d4", "compute optimal scaling of language models"],
]);

// Ranks documents by how many query words they contain (ties by id); drops those sharing none.
const overlapSearch: SearchFn = async (query, limit) => {
  const words = new Set(query.split(" "));
  return [...corpus]
    .map(([id, text]) => [id, text.split(" ").filter((w) => words.has(w)).length] as const)
    .filter(([, hits]) => hits > 0)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, limit)
    .map(([id]) => id);
};

const queries = new Map([
  ["q-scaling", "scaling laws language"],
  ["q-ssm", "state space sequences"],
  ["q-images", "image generation"],
  ["q-unjudged", "anything"],
]);
const qrels = new Map([
  ["q-scaling", new Map([["d2", 2], ["d4", 1]])],
  ["q-ssm", new Map([["d1", 2]])],
  ["q-images", new Map([["d3", 0], ["d1", 1]])], // only d1 counts, and the search never finds it
]);

describe("runEval", () => {
  it("searches each judged query and scores the rankings with evaluateRun", async () => {
    const result = await runEval(overlapSearch, queries, qrels);
    // q-scaling: d2 (3 words), d4 (2 words) → ideal; q-ssm: d1 only → ideal; q-images: [d3] → nothing relevant.
    const expected = evaluateRun(
      new Map([
        ["q-scaling", ["d2", "d4"]],
        ["q-ssm", ["d1"]],
        ["q-images", ["d3"]],
      ]),
      qrels,
    );
    expect(result).toEqual(expected);
    expect(result.queries).toBe(3);
    expect(result.mean.ndcgAt10).toBeCloseTo(2 / 3, 12);
    expect(result.perQuery.get("q-images")?.recallAt100).toBe(0);
  });

  it("asks for `limit` results (default 100), truncates longer answers, and skips unjudged queries", async () => {
    const calls: [string, number][] = [];
    const greedy: SearchFn = async (query, limit) => {
      calls.push([query, limit]);
      return ["d9", "d1", "d2", "d4"];
    };
    await runEval(greedy, queries, qrels);
    expect(calls.map(([, limit]) => limit)).toEqual([100, 100, 100]);
    expect(calls.map(([q]) => q)).not.toContain("anything");
    // With limit 1 only d9 (unjudged) is kept, so every metric is 0.
    const result = await runEval(greedy, queries, qrels, { limit: 1 });
    expect(result.mean).toEqual({ ndcgAt10: 0, mrrAt10: 0, recallAt10: 0, recallAt100: 0 });
  });

  it("keeps at most `concurrency` searches in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    const slow: SearchFn = async (query, limit) => {
      peak = Math.max(peak, ++inFlight);
      await new Promise((r) => setTimeout(r, 5));
      inFlight--;
      return overlapSearch(query, limit);
    };
    const many = new Map([...Array(10).keys()].map((i) => [`q${i}`, "scaling laws"]));
    const manyQrels = new Map([...many.keys()].map((id) => [id, new Map([["d2", 1]])]));
    const result = await runEval(slow, many, manyQrels, { concurrency: 3 });
    expect(peak).toBe(3);
    expect(result.queries).toBe(10);
    expect(result.mean.mrrAt10).toBe(1);
  });

  it("rejects when a search fails or a judged query has no text, and on bad options", async () => {
    const failing: SearchFn = async () => {
      throw new Error("index offline");
    };
    await expect(runEval(failing, queries, qrels)).rejects.toThrow("index offline");
    const withoutText = new Map([...qrels, ["q-lost", new Map([["d1", 1]])]]);
    await expect(runEval(overlapSearch, queries, withoutText)).rejects.toThrow("1 judged queries have no text (q-lost)");
    await expect(runEval(overlapSearch, queries, qrels, { concurrency: 0 })).rejects.toThrow(RangeError);
    await expect(runEval(overlapSearch, queries, qrels, { limit: 2.5 })).rejects.toThrow(RangeError);
  });
});
