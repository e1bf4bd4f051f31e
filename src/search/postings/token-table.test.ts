// The fast scanner cuts, folds and stems any text exactly as the general tokenizer does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rawTokens, STOP_STEMS, stemToken } from "./index-tokens.js";
import { TokenTable } from "./token-table.js";

function general(text: string): { stems: string[]; count: number } {
  const tokens = rawTokens(text);
  return { stems: tokens.map(stemToken).filter((s) => !STOP_STEMS.has(s)), count: tokens.length };
}

function scanned(table: TokenTable, text: string): { stems: string[]; count: number } {
  const stems: string[] = [];
  const count = table.scan(text, (id) => stems.push(table.stems[id]!));
  return { stems, count };
}

describe("TokenTable", () => {
  it("agrees with the general tokenizer on abstracts, accents, punctuation and long words", () => {
    const table = new TokenTable();
    for (const text of [
      "We propose GPT-4-based Retrieval-Augmented Generation (RAG) for 3D scenes; it runs at 30fps.",
      "Café naïve Gödel’s theorem — résumé of Ångström-scale ÉTUDES",
      "decomposed cafe\u0301 and precomposed café",
      "x".repeat(70) + " " + "Supercalifragilisticexpialidocious".repeat(3),
      "snake_case and dotted.names and e-mail@example.org",
      "",
      "   leading and trailing   ",
      "数据 и данные مع البيانات",
    ]) {
      // Twice: the second pass answers from the table.
      expect(scanned(table, text), text).toEqual(general(text));
      expect(scanned(table, text), text).toEqual(general(text));
    }
  });

  it("agrees with the general tokenizer on random text", () => {
    const table = new TokenTable();
    const piece = fc.oneof(
      fc.constantFrom("the", "Attention", "networks", "GRAPH", "é", "\u0301", "—", "’", "-", "_", " ", ".", "42", "ß", "İ", "ﬁ", "数据", "\t", "Z"),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: "binary", maxLength: 4 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        expect(scanned(table, text)).toEqual(general(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("rawTokens", () => {
  it("cuts ASCII text by char code exactly as the folding split cuts any text", () => {
    const split = (text: string) =>
      text.toLowerCase().normalize("NFD").replace(/\p{Mn}+/gu, "").normalize("NFC").split(/[^\p{L}\p{N}\p{Co}]+/u).filter((t) => t !== "");
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."abcXYZ019 -_.,'\u00e9\u00fc\u4e2d") }), (text) => {
        expect(rawTokens(text)).toEqual(split(text));
      }),
    );
    expect(rawTokens("  Pre-training, GPT-4o!  ")).toEqual(["pre", "training", "gpt", "4o"]);
  });
});
