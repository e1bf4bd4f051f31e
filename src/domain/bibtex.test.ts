import { describe, expect, it } from "vitest";
import { citeKey, escapeBibtex, toBibtex } from "./bibtex.js";
import { emptyPaper, type Paper } from "./paper.js";

const paper = (over: Partial<Paper>): Paper => ({
  ...emptyPaper("2407.21783", "arxiv-atom"),
  title: "The Llama 3 Herd of Models",
  authors: [{ name: "Abhimanyu Dubey" }, { name: "Abhinav Jauhri" }],
  categories: ["cs.AI", "cs.CL"],
  primaryCategory: "cs.AI",
  publishedAt: "2024-07-31T17:54:27.000Z",
  ...over,
});

describe("toBibtex", () => {
  it("writes an @misc entry with arXiv's eprint fields", () => {
    expect(toBibtex(paper({}))).toBe(
      [
        "@misc{dubey2024llama,",
        "  title = {The Llama 3 Herd of Models},",
        "  author = {Abhimanyu Dubey and Abhinav Jauhri},",
        "  year = {2024},",
        "  eprint = {2407.21783},",
        "  archivePrefix = {arXiv},",
        "  primaryClass = {cs.AI},",
        "  url = {https://arxiv.org/abs/2407.21783}",
        "}",
      ].join("\n"),
    );
  });

  it("handles old-style ids, DOIs, journal references and papers not from arXiv", () => {
    const old = toBibtex(paper({ id: "hep-th/9901001", primaryCategory: null, categories: ["hep-th"], doi: "10.1000/x_y", journalRef: "Phys. Rev. D 60 (1999)" }));
    expect(old).toContain("eprint = {hep-th/9901001},");
    expect(old).toContain("primaryClass = {hep-th},");
    expect(old).toContain("doi = {10.1000/x_y},");
    expect(old).toContain("note = {Phys. Rev. D 60 (1999)},");
    const other = toBibtex(paper({ id: "title-3f2a", links: { abs: "https://example.org/p" } }));
    expect(other).not.toMatch(/eprint|archivePrefix|primaryClass/);
    expect(other).toContain("url = {https://example.org/p}");
  });

  it("escapes LaTeX specials outside math and keeps math as written", () => {
    expect(escapeBibtex("R&D: 100% of #1 top_k ~ a^b")).toBe("R\\&D: 100\\% of \\#1 top\\_k \\textasciitilde{} a\\textasciicircum{}b");
    expect(escapeBibtex("Scaling $O(n^2_k)$ at \\& cost")).toBe("Scaling $O(n^2_k)$ at \\& cost");
    expect(escapeBibtex("costs $5")).toBe("costs \\$5");
    expect(escapeBibtex("two\n  lines")).toBe("two lines");
  });

  it("never lets a brace end the field: unmatched ones become commands", () => {
    expect(escapeBibtex("a } b { c")).toBe("a \\textbraceright{} b \\textbraceleft{} c");
    expect(escapeBibtex("{BERT} rocks")).toBe("{BERT} rocks");
    expect(escapeBibtex("set \\{x")).toBe("set \\textbraceleft{}x");
    expect(escapeBibtex("trailing \\")).toBe("trailing \\textbackslash{}");
    const entry = toBibtex(paper({ title: "}, author = {Mallory" }));
    expect(entry).toContain("title = {\\textbraceright{}, author = \\textbraceleft{}Mallory},");
  });

  it("braces names with 'and' or commas, and builds ASCII keys", () => {
    const p = paper({ authors: [{ name: "Núñez, José" }, { name: "Search and Rescue Team" }], title: "Über $x$ Towards Robustness" });
    expect(toBibtex(p)).toContain("author = {{Núñez, José} and {Search and Rescue Team}},");
    expect(citeKey(p)).toBe("nunez2024uber");
    expect(citeKey(paper({ authors: [], title: "", publishedAt: null }))).toBe("paper240721783");
  });
});
