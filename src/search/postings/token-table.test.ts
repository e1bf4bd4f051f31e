// The fast scanner cuts, folds and stems any text exactly as the general tokenizer does.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rawWords } from "../embed/builtin/text-tokens.js";
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

describe("TokenTable with values of its own (the builtin embedder's use)", () => {
  it("gives every word of lower-case ASCII text the value its string resolves to, remembered or not, through table growth", () => {
    let s = 11;
    const rand = (n: number) => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) % n;
    const letters = "abcdefghijklmnopqrstuvwxyz0123456789";
    // 100,000 distinct words (the table doubles from 65,536 slots several times), each seen twice or more.
    const vocab = Array.from({ length: 100_000 }, (_, i) => i.toString(36) + Array.from({ length: rand(6) }, () => letters[rand(36)]).join(""));
    const resolve = (w: string) => (w.length % 3 === 0 ? -1 : w.length * 1000 + w.charCodeAt(0));
    for (const capacity of [1_000_000, 500]) {
      const calls = new Map<string, number>();
      const table = new TokenTable({ tokenValue: (w) => (calls.set(w, (calls.get(w) ?? 0) + 1), resolve(w)), capacity });
      for (let round = 0; round < 3; round++) {
        const words = Array.from({ length: 60_000 }, () => vocab[rand(vocab.length)]!);
        const text = words.map((w, i) => (i % 7 === 0 ? `(${w}),` : i % 5 === 0 ? `${w}-` : w)).join(round % 2 ? "  " : " ");
        const got: number[] = [];
        table.scan(text, (id) => got.push(id));
        // Negative values (words the model leaves out) are not handed on.
        expect(got).toEqual(rawWords(text).map(resolve).filter((v) => v >= 0));
      }
      // Remembered words are resolved once; past the capacity, each time.
      const most = Math.max(...calls.values());
      if (capacity > 100_000) expect(most).toBe(1);
      else expect(most).toBeGreaterThan(1);
    }
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
