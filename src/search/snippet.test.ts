import { describe, expect, it } from "vitest";
import { MARK_END as E, MARK_START as S } from "./highlight.js";
import { makeSnippet, markWords } from "./snippet.js";

describe("markWords", () => {
  it("marks words starting like a query word, case-insensitively", () => {
    expect(markWords("Efficient attention for long contexts", ["attentive", "long"])).toBe(`Efficient ${S}attention${E} for ${S}long${E} contexts`);
  });
  it("leaves the text alone for query words under three letters", () => {
    expect(markWords("a b c", ["a"])).toBe("a b c");
  });
});

describe("makeSnippet", () => {
  const abstract = `${"filler ".repeat(60)}we study sparse attention patterns ${"tail ".repeat(60)}`.trim();
  it("centres on the first match and marks the ends it cut", () => {
    const s = makeSnippet(abstract, ["attention"]);
    expect(s.startsWith("…")).toBe(true);
    expect(s.endsWith("…")).toBe(true);
    expect(s).toContain(`${S}attention${E}`);
    expect(s.length).toBeLessThanOrEqual(230);
  });
  it("centres on the first word that starts like a query word, not on one that holds it inside", () => {
    const text = `${"pad ".repeat(80)}reattention here ${"pad ".repeat(20)}Attention there ${"pad ".repeat(80)}`;
    const s = makeSnippet(text, ["attention"]);
    expect(s).toContain(`${S}Attention${E} there`);
    expect(s).not.toContain("reattention");
    const accented = `${"pad ".repeat(80)}café Attention ${"pad ".repeat(80)}`;
    expect(makeSnippet(accented, ["attention"])).toContain(`café ${S}Attention${E}`);
  });
  it("starts at the beginning when nothing matches, and keeps a short abstract whole", () => {
    expect(makeSnippet(abstract, ["zebra"]).startsWith("filler")).toBe(true);
    expect(makeSnippet("short text", ["short"])).toBe(`${S}short${E} text`);
  });
});
