import { describe, expect, it } from "vitest";
import { isEmpty, MAX_QUERY_CHARS, MAX_QUERY_WORDS, parseQuery, type ParsedQuery } from "./parse-query.js";

const EMPTY: ParsedQuery = {
  terms: [], phrases: [], excluded: [], authors: [], categories: [], organizations: [], hasCode: false,
  after: null, before: null, arxivId: null, prefixLast: false, warnings: [],
};
const parsed = (over: Partial<ParsedQuery>): ParsedQuery => ({ ...EMPTY, ...over });

describe("parseQuery: words", () => {
  it("lower-cases free words and marks the last one as being typed", () => {
    expect(parseQuery("Diffusion Models")).toEqual(parsed({ terms: ["diffusion", "models"], prefixLast: true }));
    expect(parseQuery("Diffusion Models ")).toEqual(parsed({ terms: ["diffusion", "models"] }));
  });

  it("applies NFKC: full-width letters and ligatures become plain letters", () => {
    expect(parseQuery("Ｄｉｆｆｕｓｉｏｎ ﬁne-tuning ").terms).toEqual(["diffusion", "fine-tuning"]);
  });

  it("keeps inner dots and hyphens, drops outer ones, splits on other punctuation", () => {
    expect(parseQuery("state-of-the-art (GPT-4), v3.5 cs.LG end. ").terms)
      .toEqual(["state-of-the-art", "gpt-4", "v3.5", "cs.lg", "end"]);
    expect(parseQuery("don't foo_bar a/b x:y ").terms).toEqual(["don", "t", "foo", "bar", "a", "b", "x", "y"]);
  });

  it("treats FTS5 and tsquery syntax as separators or plain words", () => {
    expect(parseQuery("a* ^b (c) {d} [e] +f ~g NEAR(h) AND OR NOT i&j|!k <-> ").terms)
      .toEqual(["a", "b", "c", "d", "e", "f", "g", "near", "h", "and", "or", "not", "i", "j", "k"]);
  });

  it("turns control and invisible characters into separators", () => {
    expect(parseQuery("foo\u0000bar\u200Bbaz\tqux\u0007 ").terms).toEqual(["foo", "bar", "baz", "qux"]);
  });

  it("keeps each word once, moving a repeat to the end so the word being typed stays last", () => {
    const q = parseQuery("attention models atten attention");
    expect(q.terms).toEqual(["models", "atten", "attention"]);
    expect(q.prefixLast).toBe(true);
  });

  it("keeps non-Latin words", () => {
    expect(parseQuery("日本語 モデル Ελληνικά ").terms).toEqual(["日本語", "モデル", "ελληνικά"]);
  });
});

describe("parseQuery: prefixLast", () => {
  it.each([
    ["diffusion mod", true],
    ["diffusion mod ", false],
    ["diffusion mod\n", false],
    ["diffusion m", false], // one letter: too broad a prefix
    ["diffusion mod.", false],
    ['diffusion "mod', false], // inside a phrase
    ["diffusion -mod", false],
    ["mod author:hinton", false],
    ["author:hinton mod", true],
  ])("%j → %s", (input, expected) => {
    expect(parseQuery(input).prefixLast).toBe(expected);
  });
});

describe("parseQuery: phrases", () => {
  it("reads quoted phrases as word lists", () => {
    expect(parseQuery('"Attention is all you need" transformers ')).toEqual(
      parsed({ phrases: [["attention", "is", "all", "you", "need"]], terms: ["transformers"] }),
    );
  });

  it("closes an unbalanced quote at the end of input", () => {
    expect(parseQuery('foo "bar baz')).toEqual(parsed({ terms: ["foo"], phrases: [["bar", "baz"]] }));
  });

  it("opens a phrase at a quote inside a word and accepts typographic quotes", () => {
    expect(parseQuery('foo"bar baz" “large language”')).toEqual(
      parsed({ terms: ["foo"], phrases: [["bar", "baz"], ["large", "language"]] }),
    );
  });

  it("ignores empty and punctuation-only phrases and repeated phrases", () => {
    expect(parseQuery('"" "  " "*:" "a b" "A  B"')).toEqual(parsed({ phrases: [["a", "b"]] }));
  });
});

describe("parseQuery: exclusions", () => {
  it("excludes words and phrases", () => {
    expect(parseQuery('transformers -survey -"large language" ')).toEqual(
      parsed({ terms: ["transformers"], excluded: [["survey"], ["large", "language"]] }),
    );
  });

  it("reads several dashes as one, ignores a lone dash and keeps an inner dash in a word", () => {
    expect(parseQuery("x --survey - y-z ")).toEqual(parsed({ terms: ["x", "y-z"], excluded: [["survey"]] }));
  });

  it("excludes punctuated text as one phrase", () => {
    expect(parseQuery("x -foo,bar ").excluded).toEqual([["foo", "bar"]]);
  });

  it("drops exclusions with nothing positive to search, and says so", () => {
    const q = parseQuery("-survey cat:cs");
    expect(q.excluded).toEqual([]);
    expect(q.categories).toEqual(["cs"]);
    expect(q.warnings.join(" ")).toMatch(/needs at least one word/);
  });

  it("keeps exclusions when an author is searched", () => {
    expect(parseQuery("author:hinton -boltzmann").excluded).toEqual([["boltzmann"]]);
  });
});

describe("parseQuery: author:", () => {
  it("reads one word or a quoted name, any key case, as normalised words", () => {
    expect(parseQuery('author:Hinton AUTHOR:"Yann  LeCun" author:"Y. Bengio"').authors)
      .toEqual(["hinton", "yann lecun", "y bengio"]);
  });

  it("closes an unbalanced quoted name at the end of input", () => {
    expect(parseQuery('author:"Geoffrey Hin').authors).toEqual(["geoffrey hin"]);
  });

  it.each(["author:", 'author:"', 'author:""', "author:*"])("%j is ignored with a warning", (input) => {
    const q = parseQuery(input);
    expect(q.authors).toEqual([]);
    expect(q.warnings).toEqual([expect.stringMatching(/"author:" needs a name/)]);
  });

  it("does not support excluding an author, and says so instead of including it", () => {
    const q = parseQuery("x -author:hinton");
    expect(q.authors).toEqual([]);
    expect(q.warnings).toEqual([expect.stringMatching(/cannot be excluded/)]);
  });
});

describe("parseQuery: cat:", () => {
  it("lower-cases categories and accepts archive prefixes, lists and a trailing .*", () => {
    expect(parseQuery("cat:cs.LG cat:cs cat:stat.* cat:hep-th,math.GT cat:CS").categories)
      .toEqual(["cs.lg", "cs", "stat", "hep-th", "math.gt"]);
  });

  it.each(["cat:", "cat:1234", "cat:cs.lg.x", "cat:c*s"])("%j is ignored with a warning", (input) => {
    const q = parseQuery(input);
    expect(q.categories).toEqual([]);
    expect(q.warnings).toHaveLength(1);
  });
});

describe("parseQuery: after: and before:", () => {
  it.each([
    ["after:2024", "2024-01-01", null],
    ["after:2024-02", "2024-02-01", null],
    ["after:2024-02-15", "2024-02-15", null],
    ["after:2024-2-5", "2024-02-05", null],
    ["before:2024", null, "2024-12-31"],
    ["before:2024-02", null, "2024-02-29"],
    ["before:2023-02", null, "2023-02-28"],
    ["before:1900-02", null, "1900-02-28"],
    ["before:2000-02", null, "2000-02-29"],
    ["before:2024-04", null, "2024-04-30"],
    ['after:"2024-06"', "2024-06-01", null],
  ])("%j → after %s, before %s", (input, after, before) => {
    expect(parseQuery(input)).toEqual(parsed({ after, before }));
  });

  it.each([
    ["after:2024-13-01", /month must be 01-12/],
    ["after:2024-00", /month must be 01-12/],
    ["before:2023-02-29", /2023-02 has 28 days/],
    ["after:2024-04-31", /2024-04 has 30 days/],
    ["after:soon", /is not a date/],
    ["after:24", /is not a date/],
    ["before:0999", /1000 or later/],
    ["after:", /needs a date/],
  ])("%j is ignored with a warning", (input, message) => {
    const q = parseQuery(input);
    expect(q.after).toBeNull();
    expect(q.before).toBeNull();
    expect(q.warnings).toEqual([expect.stringMatching(message)]);
  });

  it("keeps the narrowest range when a bound repeats", () => {
    expect(parseQuery("after:2023 after:2024-03 before:2025 before:2024-12")).toMatchObject({
      after: "2024-03-01", before: "2024-12-31", warnings: [],
    });
  });

  it("warns when the range is empty", () => {
    expect(parseQuery("after:2025 before:2024").warnings).toEqual([expect.stringMatching(/nothing can match/)]);
  });
});

describe("parseQuery: arXiv ids", () => {
  it.each([
    ["2407.21783", "2407.21783"],
    ["  arXiv:2407.21783v2 ", "2407.21783"],
    ["https://arxiv.org/abs/2407.21783", "2407.21783"],
    ["https://arxiv.org/pdf/2407.21783v4.pdf", "2407.21783"],
    ["HEP-TH/9901001", "hep-th/9901001"],
    ["math.GT/0309136v1", "math.GT/0309136"],
  ])("%j is the paper %s and nothing else", (input, id) => {
    expect(parseQuery(input)).toEqual(parsed({ arxivId: id }));
  });

  it("reads an id among other words as a word", () => {
    expect(parseQuery("2407.21783 attention ")).toEqual(parsed({ terms: ["2407.21783", "attention"] }));
  });
});

describe("parseQuery: bounds", () => {
  it(`reads only the first ${MAX_QUERY_CHARS} characters`, () => {
    const q = parseQuery("a".repeat(MAX_QUERY_CHARS - 3) + " bcdef");
    expect(q.terms).toEqual(["a".repeat(MAX_QUERY_CHARS - 3), "bc"]);
    expect(q.warnings).toEqual([expect.stringMatching(/longer than 1000 characters/)]);
  });

  it(`keeps at most ${MAX_QUERY_WORDS} words, counting phrases, exclusions, authors and categories`, () => {
    const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
    const q = parseQuery(words.join(" "));
    expect(q.terms).toEqual(words.slice(0, MAX_QUERY_WORDS));
    expect(q.prefixLast).toBe(false);
    expect(q.warnings).toEqual([`Only the first ${MAX_QUERY_WORDS} words of the query were used.`]);

    const mixed = parseQuery(`${words.slice(0, 30).join(" ")} "p1 p2 p3" cat:cs author:x`);
    expect(mixed.terms).toHaveLength(30);
    expect(mixed.phrases).toEqual([["p1", "p2"]]);
    expect(mixed.categories).toEqual([]);
    expect(mixed.authors).toEqual([]);
  });
});

describe("parseQuery: lone operators and isEmpty", () => {
  it.each(["", "   ", "-", "--", '"', '""', '-"', "*", ":", "^", "()", "author:", "cat:", "after:", "before:", "-author:"])(
    "%j parses to an empty query",
    (input) => {
      const q = parseQuery(input);
      expect(isEmpty(q)).toBe(true);
      expect(q.prefixLast).toBe(false);
    },
  );

  it("is not empty with a word, a phrase, an author, a filter or an id", () => {
    for (const input of ["x", '"x y"', "author:x", "cat:cs", "after:2024", "before:2024", "2407.21783"]) {
      expect(isEmpty(parseQuery(input)), input).toBe(false);
    }
  });

  it("is empty with only exclusions", () => {
    expect(isEmpty(parseQuery("-survey"))).toBe(true);
  });
});

describe("parseQuery: org: and has:code", () => {
  it("reads organisations (quoted or not) and has:code as filters, not words", () => {
    expect(parseQuery('org:deepseek-ai org:"Google DeepMind" has:code mixture ')).toEqual(
      parsed({ terms: ["mixture"], organizations: ["deepseek-ai", "google deepmind"], hasCode: true }),
    );
  });
  it("warns about an empty org: and an unknown has: value", () => {
    const q = parseQuery("org: has:pdf llama ");
    expect(q.organizations).toEqual([]);
    expect(q.hasCode).toBe(false);
    expect(q.warnings.join(" ")).toMatch(/org:.*needs an organisation/);
    expect(q.warnings.join(" ")).toMatch(/has:pdf.*not understood/);
  });
  it("counts as something to list even without words", () => {
    expect(isEmpty(parseQuery("has:code"))).toBe(false);
    expect(isEmpty(parseQuery("org:meta"))).toBe(false);
  });
});
