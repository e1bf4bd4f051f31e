import { afterAll, describe, expect, it } from "vitest";
import { toFts5Match } from "./fts5-match.js";
import { parseQuery, type ParsedQuery } from "./parse-query.js";
import { openFts5Table } from "./test-support/fts5-table.js";

const fts = (input: string, options?: Parameters<typeof toFts5Match>[1]): string | null =>
  toFts5Match(parseQuery(input), options);

describe("toFts5Match: compiled expressions", () => {
  it.each([
    ["diffusion ", '"diffusion"'],
    ["diffusion", '"diffusion"*'],
    ["diffusion models", '("diffusion" AND "models"*)'],
    ["gpt-4 cs.LG ", '("gpt-4" AND "cs.lg")'],
    ['"attention is all you need"', '"attention is all you need"'],
    ['x "a b" ', '"x" AND "a b"'],
    ["author:hinton", 'authors : "hinton"'],
    ['author:"Yann LeCun" cnn ', '"cnn" AND authors : "yann lecun"'],
    ["transformers -survey ", '("transformers") NOT "survey"'],
    ['a b -c -"d e" ', '("a" AND "b") NOT ("c" OR "d e")'],
    ["NEAR AND OR NOT ", '("near" OR "and" OR "or" OR "not")'],
    ["how do transformers handle long context", '("how" OR "do" OR "transformers" OR "handle" OR "long" OR "context"*)'],
  ])("%j → %s", (input, expected) => {
    expect(fts(input)).toBe(expected);
  });

  it("returns null when there is nothing to match", () => {
    for (const input of ["", "-", '"', "cat:cs.LG after:2024", "2407.21783", "-survey", "author:"]) {
      expect(fts(input), input).toBeNull();
    }
  });

  it("uses the requested mode instead of the default", () => {
    expect(fts("a b ", { mode: "any" })).toBe('("a" OR "b")');
    expect(fts("a b c d ", { mode: "all" })).toBe('("a" AND "b" AND "c" AND "d")');
  });

  it("restricts words, phrases and exclusions to textColumns and authors to authorColumn", () => {
    expect(fts('a "b c" -d author:e ', { textColumns: ["title", "abstract"], authorColumn: "names" })).toBe(
      '({title abstract} : ("a") AND {title abstract} : ("b c") AND names : "e") NOT {title abstract} : ("d")',
    );
  });

  it("rejects column names that are not FTS5 barewords", () => {
    const q = parseQuery("x");
    expect(() => toFts5Match(q, { authorColumn: "a b" })).toThrow(TypeError);
    expect(() => toFts5Match(q, { textColumns: ["NOT"] })).toThrow(TypeError);
    expect(() => toFts5Match(q, { textColumns: ['t"'] })).toThrow(TypeError);
  });

  it("doubles double quotes in hand-built queries", () => {
    const q: ParsedQuery = { ...parseQuery(""), terms: ['a"b'], authors: ['c" OR "d'] };
    expect(toFts5Match(q)).toBe('"a""b" AND authors : "c"" OR ""d"');
  });
});

describe("toFts5Match: against a real FTS5 table", () => {
  const table = openFts5Table([
    { title: "A diffusion model for images", abstract: "We train one model.", authors: "Yann LeCun, Ann Other" }, // 1
    { title: "Transformers are graph neural networks", abstract: "Attention is all you need.", authors: "C. Joshi" }, // 2
    { title: "A survey of transformers", abstract: "Large language models, surveyed.", authors: "Geoffrey Hinton" }, // 3
    { title: "Boltzmann machines", abstract: "Work inspired by Hinton.", authors: "Terry Sejnowski" }, // 4
    { title: "GPT-4 technical report", abstract: "Café naïve résumé.", authors: "OpenAI" }, // 5
  ]);
  afterAll(() => table.close());
  const search = (input: string): number[] => {
    const expr = fts(input);
    if (expr === null) throw new Error(`no expression for ${input}`);
    return table.match(expr);
  };

  it("finds a stemmed variant: models finds model, and model finds models", () => {
    expect(search("models ")).toEqual([1, 3]);
    expect(search("model ")).toEqual([1, 3]);
  });

  it("matches the word being typed as a prefix", () => {
    expect(search("transf")).toEqual([2, 3]);
    expect(search("transf ")).toEqual([]);
  });

  it("requires every word in all mode and any word in any mode", () => {
    expect(search("graph transformers ")).toEqual([2]);
    expect(search("graph survey boltzmann gpt-4 ")).toEqual([2, 3, 4, 5]);
  });

  it("matches phrases in order only", () => {
    expect(search('"all you need"')).toEqual([2]);
    expect(search('"need you all"')).toEqual([]);
  });

  it("leaves out excluded words", () => {
    expect(search("transformers -survey ")).toEqual([2]);
  });

  it("searches authors in the authors column only, while free words search every column", () => {
    expect(search("author:hinton")).toEqual([3]);
    expect(search("hinton ")).toEqual([3, 4]);
    expect(search('author:"Yann LeCun"')).toEqual([1]);
    expect(search('author:"LeCun Yann"')).toEqual([]);
  });

  it("matches words with inner punctuation and folds diacritics", () => {
    expect(search("gpt-4 ")).toEqual([5]);
    expect(search("cafe naive resume ")).toEqual([5]);
  });
});
