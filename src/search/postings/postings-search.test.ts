// Lexical search through the postings index finds what FTS5 finds, in the same order, for every kind of query a user types.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MARK_END, MARK_START } from "../highlight.js";
import { parseQuery } from "../query/parse-query.js";
import { SearchService, type SearchOptions } from "../search-service.js";
import { openStore } from "../../storage/open-store.js";
import { PostingsSource } from "../../storage/postings-source.js";
import type { Store } from "../../storage/store.js";
import { PostingsIndex } from "./postings-index.js";
import { checkedPart, planQuery } from "./postings-search.js";
import { rankingTerms } from "../query/ranking-terms.js";
import { STOP_STEMS } from "./index-tokens.js";
import { highlightText, matchesText, snippetText, textQuery } from "./text-match.js";
import { papers, VOCAB } from "./test-support/random-papers.js";

describe("search through the postings index", () => {
  let dir: string;
  let store: Store;
  let index: PostingsIndex;
  let fast: SearchService;
  let fts: SearchService;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "pb-postings-search-"));
    store = await openStore({ dataDir: dir });
    await store.upsertPapers(papers(600, 11));
    await store.lexical.catchUp();
    index = await PostingsIndex.open(join(dir, "postings"));
    await index.catchUp(new PostingsSource(store.db));
    let used = 0;
    const search = index.search.bind(index);
    index.search = (q) => {
      const r = search(q);
      if (r !== null) used++;
      return r;
    };
    fast = new SearchService(store, { postings: () => index });
    fts = new SearchService(store);
    // The index must really be consulted (a service that ignored it would pass every comparison below).
    await fast.search("attention graph", { mode: "lexical" });
    await fast.search("how do graph networks learn diffusion -kernel", { mode: "lexical" });
    expect(used).toBe(2);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /**
   * Words rank exactly as FTS5 ranks them: the same scores in the same order
   * (equal scores may come either way). Phrases, author: and required stop
   * words rank by their words (planQuery), so there only the matches must be
   * the same: all of them, when they fit in one page of 200.
   */
  async function same(q: string, opts: SearchOptions = {}): Promise<number> {
    const parsed = rankingTerms(parseQuery(opts.prefix === false || !opts.prefix ? `${q} ` : q));
    const t = textQuery(parsed.query, parsed.mode);
    const exact = t.authors.length === 0 && [...t.words, ...t.phrases].every((g) => g.length === 1 && !STOP_STEMS.has(g[0]!));
    const o = { mode: "lexical" as const, limit: exact ? 30 : 200, ...opts };
    const a = await fast.search(q, o);
    const b = await fts.search(q, o);
    if (!exact) {
      if (b.results.length < 200) expect(new Set(a.results.map((x) => x.paper.id)), q).toEqual(new Set(b.results.map((x) => x.paper.id)));
      else expect(a.results.length).toBe(200);
      return a.results.length;
    }
    const close = (x: number, y: number) => Math.abs(x - y) <= 1e-6 * Math.max(Math.abs(x), Math.abs(y), 1e-9);
    expect(a.results.length, q).toBe(b.results.length);
    a.results.forEach((x, i) => expect(close(x.score, b.results[i]!.score), `${q}: score ${i} ${x.score} vs ${b.results[i]!.score}`).toBe(true));
    // Papers with distinct scores come in the same order; tied ones may swap.
    const distinct = (r: typeof a) => r.results.filter((x) => r.results.every((y) => y === x || !close(x.score, y.score))).map((x) => x.paper.id);
    expect(distinct(a), q).toEqual(distinct(b));
    // The same papers, but for ties at the cut of the page, which either engine may break its own way.
    const cut = b.results.at(-1)?.score ?? 0;
    const above = (r: typeof a) => new Set(r.results.filter((x) => !close(x.score, cut)).map((x) => x.paper.id));
    expect(above(a), q).toEqual(above(b));
    return a.results.length;
  }

  it("answers words, questions, phrases, exclusions, author: and filters as FTS5 does", async () => {
    const queries = [
      "attention",
      "graph networks",
      "transformers attention diffusion",
      "how do sparse attention transformers handle long protein folding",
      '"graph networks"',
      '"protein folding" enzyme',
      "attention -graph",
      'quantum -"lattice gradient"',
      "author:turing graph",
      'author:"grace hopper" attention diffusion kernel policy',
      "attention cat:cs",
      "graph after:2021-01-01 before:2022-12-31",
      "kalox mirvenx selponx tuselx dramirx",
      "café naïve",
      "the attention of the graph",
      "to be or not to be",
      "kal",
    ];
    let found = 0;
    for (const q of queries) found += await same(q, { prefix: q === "kal" });
    expect(found).toBeGreaterThan(100);
  });

  it("scores a word the query holds twice (two forms of one stem) twice, as FTS5 does", async () => {
    await same("transformer transformers", { prefix: false });
    await same("graph transformer attention transformers networks", { prefix: false });
  });

  it("matches FTS5 on random queries built from the vocabulary, operators and filters", async () => {
    const word = fc.constantFrom(...VOCAB, "the", "of", "zzz");
    const part = fc.oneof(
      word,
      word.map((w) => `-${w}`),
      fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
      fc.constantFrom("author:turing", "author:noether", "cat:cs.LG", "cat:stat", "after:2021-06-01", "before:2021-12-31"),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(part, { minLength: 1, maxLength: 7 }), fc.boolean(), async (parts, prefix) => {
        await same(parts.join(" "), { prefix });
      }),
      { numRuns: 150 },
    );
  });

  it("on a short page, takes from FTS5 the papers passing checks that few top candidates pass, and finds only those", async () => {
    const listed = vi.spyOn(PostingsSource.prototype, "matchingSeqs");
    const word = fc.constantFrom(...VOCAB.slice(0, 24), "the", "of");
    const query = fc.oneof(
      fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
      fc.tuple(word, word, word).map(([a, b, c]) => `${a} "${b} ${c}"`),
      fc.tuple(word, word, word).map(([a, b, c]) => `${a}-${b} ${c}`),
      fc.tuple(word, word, word, word, word).map(([a, b, c, d, e]) => `${a} ${b} ${c} ${d} "${e} ${a}" -${b}`),
      fc.tuple(word, word).map(([a, b]) => `${a} the ${b} author:turing`),
    );
    await fc.assert(
      fc.asyncProperty(query, fc.constantFrom(1, 3, 8), async (q, limit) => {
        const a = await fast.search(q, { mode: "lexical", limit, prefix: false });
        const all = await fts.search(q, { mode: "lexical", limit: 200, prefix: false });
        // Every paper FTS5 matches is in its first 200 here (600 papers), so "found only those" is exact.
        if (all.results.length === 200) return;
        const matched = new Set(all.results.map((x) => x.paper.id));
        for (const x of a.results) expect(matched.has(x.paper.id), `${q}: ${x.paper.id}`).toBe(true);
        expect(a.results.length, q).toBe(Math.min(limit, matched.size));
      }),
      { numRuns: 120 },
    );
    // The listing was really taken (a search that never asked FTS5 would pass the comparison above).
    expect(listed.mock.calls.length).toBeGreaterThan(5);
    listed.mockRestore();
  });

  it("highlights the page from the papers' text, marking the query's words", async () => {
    const r = await fast.search("protein folding", { mode: "lexical", limit: 5 });
    expect(r.results.length).toBeGreaterThan(0);
    for (const x of r.results) {
      const text = `${x.titleHighlight ?? ""} ${x.snippet ?? ""}`;
      expect(text).toContain(MARK_START);
      const marked = [...text.matchAll(new RegExp(`${MARK_START}([^${MARK_END}]*)${MARK_END}`, "gu"))].map((m) => m[1]!.toLowerCase());
      for (const m of marked) expect(["protein", "folding"]).toContain(m);
    }
  });
});

describe("text matching and highlighting", () => {
  const paper = { title: "Sparse Attention for Protein Folding", abstract: "We fold proteins with sparse attention. ".repeat(10), authors: "Ada Lovelace, Alan Turing" };
  // A finished query (a trailing space: no word is being typed).
  const tq = (q: string) => {
    const p = parseQuery(`${q} `);
    return textQuery(p, p.terms.length >= 4 ? "any" : "all");
  };

  it("checks phrases within one field, author: in the authors, exclusions anywhere", () => {
    expect(matchesText(tq('"protein folding"'), paper)).toBe(true);
    expect(matchesText(tq('"folded proteins"'), paper), "stemmed like the text").toBe(true);
    expect(matchesText(tq('"attention protein"'), paper)).toBe(false);
    expect(matchesText(tq('"folding we"'), paper)).toBe(false); // title and abstract are separate columns
    expect(matchesText(tq("author:turing attention"), paper)).toBe(true);
    expect(matchesText(tq("author:attention"), paper)).toBe(false);
    expect(matchesText(tq("attention -proteins"), paper)).toBe(false);
    expect(matchesText(tq("attention -graph"), paper)).toBe(true);
    expect(matchesText(tq("spar"), paper)).toBe(false);
    expect(matchesText({ ...tq("spar"), prefixLast: true }, paper), "a word being typed matches as a prefix").toBe(true);
  });

  it("plans which words the index ranks by and when candidates need checking", () => {
    expect(planQuery(tq("sparse attention"))).toEqual({ query: { required: ["spars", "attent"], optional: [], prefix: null }, verify: false });
    expect(planQuery(tq("attention -graph"))).toEqual({ query: { required: ["attent"], optional: [], prefix: null }, verify: true });
    expect(planQuery(tq("sparse attention graph work"))?.query.optional).toEqual(["spars", "attent", "graph", "work"]);
    // Where the index knows which words a paper holds but not where: checked on the text.
    expect(planQuery(tq('"protein folding"'))).toEqual({ query: { required: ["protein", "fold"], optional: [], prefix: null }, verify: true });
    expect(planQuery(tq("pre-training transformers"))).toMatchObject({ query: { required: ["pre", "train", "transform"] }, verify: true });
    expect(planQuery(tq("author:turing attention"))).toMatchObject({ query: { required: ["attent", "ture"] }, verify: true });
    expect(planQuery(tq("the attention"))).toMatchObject({ query: { required: ["attent"] }, verify: true });
    // Only stop words: nothing the index holds.
    expect(planQuery(tq("to be or not"))).toBeNull();
    // Words that share a stem with abstracts' boilerplate ("based", "paper") are indexed: a long
    // query holding them is still the index's, with nothing to check.
    expect(planQuery(tq("papers base models efficient active site expression levels"))).toEqual({
      query: { required: [], optional: ["paper", "base", "model", "effici", "activ", "site", "express", "level"], prefix: null },
      verify: false,
    });
  });

  it("checks only what the index cannot vouch for in an all-words query, and any-word queries whole", () => {
    const part = (q: string) => {
      const c = checkedPart(tq(q));
      return { words: c.words, phrases: c.phrases, authors: c.authors, excluded: c.excluded, prefixLast: c.prefixLast };
    };
    expect(part('sparse attention "protein"')).toEqual({ words: [], phrases: [], authors: [], excluded: [], prefixLast: false });
    expect(part('large-scale attention "protein folding" author:turing -graph')).toEqual({
      words: [["larg", "scale"]],
      phrases: [["protein", "fold"]],
      authors: [["ture"]],
      excluded: [["graph"]],
      prefixLast: false,
    });
    expect(part("the attention").words).toEqual([["the"]]);
    // A word being typed: its last stem is a prefix; a one-stem one is the index's, one of several stays last.
    const typing = (q: string) => checkedPart({ ...tq(q), prefixLast: true });
    expect(typing("attention spar")).toMatchObject({ words: [], prefixLast: false });
    expect(typing("attention pre-tra")).toMatchObject({ words: [["pre", "tra"]], prefixLast: true });
    // Any-word queries (four words or more here) are checked whole.
    const any = tq("sparse attention graph networks -kernel");
    expect(checkedPart(any)).toBe(any);
    // Every candidate the index ranks for an all-words query passes the part checked exactly when it passes the whole query.
    for (const q of ['"protein folding" attention', "sparse attention -graph", "turing author:turing", '"folding we"', "folded proteins"]) {
      expect(matchesText(checkedPart(tq(q)), paper), q).toBe(matchesText(tq(q), paper));
    }
  });

  it("marks every form of a query word in a title and picks the densest window for the snippet", () => {
    expect(highlightText(tq("proteins"), paper.title)).toBe(`Sparse Attention for ${MARK_START}Protein${MARK_END} Folding`);
    expect(highlightText(tq("graph"), paper.title)).toBeNull();
    const long = `${"Nothing here at all. ".repeat(30)}Then sparse attention appears. ${"More filler text. ".repeat(30)}`;
    const s = snippetText(tq("sparse attention"), long);
    expect(s.startsWith("…") && s.endsWith("…")).toBe(true);
    expect(s).toContain(`${MARK_START}sparse${MARK_END} ${MARK_START}attention${MARK_END}`);
  });
});
