import { parse as parseBibtex } from "@retorquere/bibtex-parser";
import { describe, expect, it } from "vitest";
import { citeKey, escapeBibtex, protectCase, toBibtex, toBibtexFile, uniqueCiteKeys } from "./bibtex.js";
import { emptyPaper, type Paper } from "../domain/paper.js";

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

  it("keeps family-first names structured, braces names with 'and', and builds ASCII keys", () => {
    const p = paper({ authors: [{ name: "Núñez, José" }, { name: "Search and Rescue Team" }], title: "Über $x$ Towards Robustness" });
    expect(toBibtex(p)).toContain("author = {Núñez, José and {Search and Rescue Team}},");
    expect(citeKey(p)).toBe("nunez2024uber");
    expect(citeKey(paper({ authors: [], title: "", publishedAt: null }))).toBe("paper240721783");
  });
});

describe("BibTeX read back by a BibTeX parser", () => {
  const parsed = (bib: string) => {
    const lib = parseBibtex(bib, { english: false });
    expect(lib.errors).toEqual([]);
    return lib.entries;
  };

  it("round-trips titles with every LaTeX special, markup, math and protected case", () => {
    const title = "R&D at 100% for #1 top_k ~ a^b, $5 and {x} } <script>alert(1)</script> | BERT & ImageNet \\ end";
    const [e] = parsed(toBibtex(paper({ title })));
    expect(e!.fields.title).toBe("R&D at 100% for #1 top_k ~ a^b, $5 and x } <script>alert(1)</script> | BERT & ImageNet \\ end");
    const math = parsed(toBibtex(paper({ title: "Scaling $O(n^2)$ attention" })))[0]!;
    expect(math.fields.title).toBe("Scaling O(n²) attention");
  });

  it("round-trips names: family-first with accents, apostrophes, particles, suffixes, organisations", () => {
    const authors = ["Müller, Jörg", "Patrick O'Brien", "Ludwig van Beethoven", "Martin Luther King Jr.", "OpenAI Team", "Search and Rescue Team", "José Núñez"].map((name) => ({ name }));
    const [e] = parsed(toBibtex(paper({ authors })));
    expect(e!.fields.author).toEqual([
      { lastName: "Müller", firstName: "Jörg" },
      { lastName: "O'Brien", firstName: "Patrick" },
      { lastName: "Beethoven", firstName: "Ludwig", prefix: "van" },
      { lastName: "King", firstName: "Martin Luther", suffix: "Jr." },
      { name: "OpenAI Team" },
      { name: "Search and Rescue Team" },
      { lastName: "Núñez", firstName: "José" },
    ]);
  });

  it("keeps UTF-8 as it is and escapes nothing but what LaTeX needs", () => {
    const bib = toBibtex(paper({ title: "Über Straße Ελληνικά 中文", authors: [{ name: "Jörg Müller" }] }));
    expect(bib).toContain("title = {Über Straße Ελληνικά 中文}");
    expect(parsed(bib)[0]!.fields.title).toBe("Über Straße Ελληνικά 中文");
  });

  it("writes a file of many entries with unique, order-independent keys", () => {
    const a = paper({ id: "2401.00001", title: "Deep Nets" });
    const b = paper({ id: "2401.00002", title: "Deep Nets Again" });
    const c = paper({ id: "2401.00003", title: "Shallow Nets" });
    const file = toBibtexFile([a, b, c, a]);
    expect(file.startsWith("% Encoding: UTF-8\n")).toBe(true);
    const keys = parsed(file).map((e) => e.key);
    expect(keys).toEqual(["dubey2024deep_240100001", "dubey2024deep_240100002", "dubey2024shallow"]);
    expect(new Set(keys).size).toBe(3);
    const reversed = parsed(toBibtexFile([c, b, a])).map((e) => e.key);
    expect(reversed).toEqual([...keys].reverse());
    expect(uniqueCiteKeys([a]).get(a.id)).toBe("dubey2024deep");
  });

  it("protects inner capitals and leaves math, commands and braced words alone", () => {
    expect(protectCase("BERT and LLaMA-2 on ImageNet, GPT-4 vs iPhone")).toBe("{BERT} and {LLaMA-2} on {ImageNet}, {GPT-4} vs {iPhone}");
    expect(protectCase("The $\\mathcal{O}(N)$ {SOTA} \\LaTeX Model")).toBe("The $\\mathcal{O}(N)$ {SOTA} \\LaTeX Model");
  });
});
