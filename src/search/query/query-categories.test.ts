import { describe, expect, it } from "vitest";
import { categoryMatches, parseCategories } from "./query-categories.js";

describe("categoryMatches", () => {
  it.each([
    ["cs", "cs.LG", true],
    ["cs", "cs", true],
    ["cs.lg", "cs.LG", true],
    ["cs.lg", "cs.CL", false],
    ["c", "cs.LG", false],
    ["math", "math-ph", false],
    ["math-ph", "math-ph", true],
    ["cond-mat", "cond-mat.stat-mech", true],
    ["stat", "cs.LG", false],
  ])("%s selects %s: %s", (filter, category, expected) => {
    expect(categoryMatches(filter, category)).toBe(expected);
  });

  it("produces filters free of LIKE wildcards", () => {
    expect(parseCategories("cs_%,cs.lg")).toMatchObject({ categories: ["cs.lg"], errors: [expect.any(String)] });
  });
});
