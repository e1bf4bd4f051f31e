// Checking candidates' text: the fast stem cutter agrees with the spans the highlighter uses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textStems, tokenSpans } from "./text-match.js";
import { stemToken } from "./index-tokens.js";

describe("textStems", () => {
  const spansStems = (text: string, only?: ReadonlySet<string>) => tokenSpans(text, only).map((s) => s.stem);

  it("gives the stems of tokenSpans for any text, with and without a set of beginnings", () => {
    const piece = fc.oneof(
      fc.constantFrom("Large-scale", "pre-training", "the", "GRAPHS", "é", "\u0301", "—", "’", " ", ".", "42", "42nd", "x", "X", "Xl", "ß", "数据", "\t", "models"),
      fc.string({ maxLength: 6 }),
    );
    // One-letter beginnings come from one-letter stems; a beginning of other letters starts no ASCII token.
    const only = new Set(["la", "sc", "gr", "mo", "pr", "x", "42", "数据"]);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.boolean(), (pieces, withOnly) => {
        const text = pieces.join(withOnly ? " " : "");
        expect(textStems(text, withOnly ? only : undefined)).toEqual(spansStems(text, withOnly ? only : undefined));
      }),
      { numRuns: 500 },
    );
  });

  it("stems only tokens whose first two letters a query stem has, keeping the others' places", () => {
    expect(textStems("Large-scale models scaled", new Set(["sc"]))).toEqual(["", "scale", "", "scale"]);
    expect(textStems("Café models", new Set(["mo"]))).toEqual(["", "model"]);
  });
});

describe("tokenSpans", () => {
  it("cuts ASCII text by char code exactly as the token pattern cuts any text", () => {
    const byPattern = (text: string, only?: ReadonlySet<string>) =>
      [...text.matchAll(/[\p{L}\p{N}\p{Co}\p{Mn}]+/gu)].map((m) => {
        const folded = m[0].toLowerCase();
        return { start: m.index, end: m.index + m[0].length, stem: only && !only.has(folded.slice(0, 2)) ? "" : stemToken(folded) };
      });
    const only = new Set(["ne", "gr", "at"]);
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abzAGZ0189 -_.,'@[`{\t\u0001\u0015\u007f") }), fc.boolean(), (text, withOnly) => {
        expect(tokenSpans(text, withOnly ? only : undefined)).toEqual(byPattern(text, withOnly ? only : undefined));
      }),
      { numRuns: 500 },
    );
    expect(tokenSpans("Graph-Attention NETs, 2x")).toEqual([
      { start: 0, end: 5, stem: "graph" },
      { start: 6, end: 15, stem: "attent" },
      { start: 16, end: 20, stem: "net" },
      { start: 22, end: 24, stem: "2x" },
    ]);
  });
});
