// Checking candidates' text: the fast stem cutter agrees with the spans the highlighter uses.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { textStems, tokenSpans } from "./text-match.js";

describe("textStems", () => {
  const spansStems = (text: string, only?: ReadonlySet<string>) => tokenSpans(text, only).map((s) => s.stem);

  it("gives the stems of tokenSpans for any text, with and without a set of beginnings", () => {
    const piece = fc.oneof(
      fc.constantFrom("Large-scale", "pre-training", "the", "GRAPHS", "é", "\u0301", "—", "’", " ", ".", "42", "ß", "数据", "\t", "models"),
      fc.string({ maxLength: 6 }),
    );
    const only = new Set(["la", "sc", "gr", "mo", "pr"]);
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
