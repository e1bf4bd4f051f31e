import { describe, expect, it } from "vitest";
import { parseQuery, type ParsedQuery } from "./parse-query.js";
import { toTsqueryText } from "./tsquery.js";

const ts = (input: string, options?: Parameters<typeof toTsqueryText>[1]): string | null =>
  toTsqueryText(parseQuery(input), options);

describe("toTsqueryText: compiled text", () => {
  it.each([
    ["diffusion ", "'diffusion'"],
    ["diffusion", "'diffusion':*"],
    ["diffusion models", "('diffusion' & 'models':*)"],
    ["gpt-4 cs.LG 3.5 ", "('gpt-4' & 'cs.lg' & '3.5')"],
    ['"attention is all you need"', "('attention' <-> 'is' <-> 'all' <-> 'you' <-> 'need')"],
    ['x "a b" ', "'x' & ('a' <-> 'b')"],
    ["author:hinton", "'hinton'"],
    ['author:"Yann LeCun" cnn ', "'cnn' & ('yann' <-> 'lecun')"],
    ['transformers -survey -"large language" ', "'transformers' & !'survey' & !('large' <-> 'language')"],
    ["a & b | !c <-> d:* ", "('a' | 'b' | 'c' | 'd')"],
    ["a&b|!c:* ", "('a' & 'b' & 'c')"],
    ["how do transformers handle long context", "('how' | 'do' | 'transformers' | 'handle' | 'long' | 'context':*)"],
    ["café 日本語 ", "('café' & '日本語')"],
  ])("%j → %s", (input, expected) => {
    expect(ts(input)).toBe(expected);
  });

  it("returns null when there is nothing to match", () => {
    for (const input of ["", "-", '"', "cat:cs.LG after:2024", "2407.21783", "-survey", "author:"]) {
      expect(ts(input), input).toBeNull();
    }
  });

  it("uses the requested mode instead of the default", () => {
    expect(ts("a b ", { mode: "any" })).toBe("('a' | 'b')");
    expect(ts("a b c d ", { mode: "all" })).toBe("('a' & 'b' & 'c' & 'd')");
  });

  it("restricts author words to the author weight when given", () => {
    expect(ts('author:"Yann LeCun" author:hinton', { authorWeight: "C" })).toBe(
      "('yann':C <-> 'lecun':C) & 'hinton':C",
    );
  });

  it("re-sanitises hand-built queries: quotes, backslashes and operators never reach the text", () => {
    const q: ParsedQuery = {
      ...parseQuery(""),
      terms: ["a'b", "\\", "c:*"],
      phrases: [["d'", "|e"]],
      excluded: [["!f)"]],
      prefixLast: true,
    };
    expect(toTsqueryText(q)).toBe("(('a' <-> 'b') & 'c':*) & ('d' <-> 'e') & !'f'");
  });
});
