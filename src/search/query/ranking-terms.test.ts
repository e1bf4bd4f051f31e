import { describe, expect, it } from "vitest";
import { toFts5Match } from "./fts5-match.js";
import { parseQuery } from "./parse-query.js";
import { rankingTerms } from "./ranking-terms.js";

describe("rankingTerms", () => {
  it("drops function words from a long question and keeps it an OR", () => {
    const r = rankingTerms(parseQuery("how do transformers handle very long context windows"));
    expect(r.mode).toBe("any");
    expect(r.query.terms).toEqual(["transformers", "handle", "long", "context", "windows"]);
    expect(toFts5Match(r.query, { mode: r.mode })).toBe('("transformers" OR "handle" OR "long" OR "context" OR "windows"*)');
  });

  it("keeps every word of a short query", () => {
    const r = rankingTerms(parseQuery("the attention mechanism"));
    expect(r.mode).toBe("all");
    expect(r.query.terms).toContain("the");
  });

  it("keeps a query made only of function words whole", () => {
    const q = parseQuery("to be or not to be");
    expect(rankingTerms(q).query).toBe(q);
  });

  it("keeps the word being typed even when it spells a function word", () => {
    const q = { ...parseQuery("scaling laws for language models wh"), prefixLast: true };
    const r = rankingTerms(q);
    expect(r.query.terms.at(-1)).toBe(q.terms.at(-1));
    expect(r.query.prefixLast).toBe(true);
    expect(r.query.terms).not.toContain("for");
  });

  it("leaves phrases, authors and exclusions alone", () => {
    const q = parseQuery('what is the "state of the art" in retrieval for long documents -survey author:smith');
    const r = rankingTerms(q);
    expect(r.query.phrases).toEqual(q.phrases);
    expect(r.query.excluded).toEqual(q.excluded);
    expect(r.query.authors).toEqual(q.authors);
    expect(r.query.terms).toEqual(["retrieval", "long", "documents"]);
  });
});

describe("rankingTerms with the corpus's frequent words", () => {
  const q = parseQuery("efficient model training benchmarks for long video understanding");
  it("leaves out words the index reports as frequent while two remain", () => {
    const r = rankingTerms(q, new Set(["model", "training", "benchmarks"]));
    expect(r.mode).toBe("any");
    expect(r.query.terms).toEqual(["efficient", "long", "video", "understanding"]);
  });
  it("keeps them when fewer than two words would be left", () => {
    const r = rankingTerms(parseQuery("model training for the video"), new Set(["model", "training"]));
    expect(r.query.terms).toEqual(["model", "training", "video"]);
  });
});
