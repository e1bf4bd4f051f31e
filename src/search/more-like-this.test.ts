import { describe, expect, it } from "vitest";
import { characteristicTerms } from "./more-like-this.js";

describe("characteristicTerms", () => {
  it("weights title words, drops stopwords, short words and numbers", () => {
    const terms = characteristicTerms("Sparse Attention Kernels", "We propose sparse kernels for attention in 2024 on GPUs. The kernels are fast and sparse.");
    // sparse and kernels: 3 (title) + 2 (abstract); a tie is broken alphabetically. attention: 3 + 1.
    expect(terms.slice(0, 3)).toEqual(["kernels", "sparse", "attention"]);
    expect(terms).not.toContain("we");
    expect(terms).not.toContain("the");
    expect(terms).not.toContain("2024");
    expect(terms).toContain("gpus");
  });
  it("returns at most max terms, deterministically", () => {
    const abstract = Array.from({ length: 40 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`).join(" ");
    const a = characteristicTerms("", abstract, 5);
    expect(a).toHaveLength(5);
    expect(characteristicTerms("", abstract, 5)).toEqual(a);
  });
});
