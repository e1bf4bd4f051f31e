// The search service over real stores (SQLite FTS5 and PostgreSQL tsvector): the same queries, the same answers.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../domain/errors.js";
import { emptyPaper, type ImportRecord, type Paper } from "../domain/paper.js";
import type { Store } from "../storage/store.js";
import { allBackends } from "../storage/test-support/backends.js";
import { MARK_END, MARK_START } from "./highlight.js";
import { SearchService } from "./search-service.js";

function rec(id: string, over: Partial<Paper>): ImportRecord {
  return { paper: { ...emptyPaper(id, "kaggle"), version: 1, publishedAt: "2024-01-10T00:00:00.000Z", categories: ["cs.LG"], ...over } };
}

const CORPUS: ImportRecord[] = [
  // Hub facts on two papers, for the organisation, has-code and upvotes cases.
  {
    ...rec("2401.00001", { title: "Attention sinks for streaming language models", abstract: "We keep a few tokens to stabilise windowed attention over long inputs.", authors: [{ name: "Ada Lovelace" }] }),
    hub: { upvotes: 5, organization: { name: "meta", fullname: "Meta AI" }, githubRepo: "https://github.com/x/sinks" },
  },
  rec("2401.00002", { title: "A survey of vision backbones", abstract: "Convolutions and attention layers for image recognition.", authors: [{ name: "Alan Turing" }], categories: ["cs.CV"] }),
  rec("2401.00003", { title: "State space models for sequences", abstract: "Linear-time sequence modelling with selective state space layers.", authors: [{ name: "Grace Hopper" }], publishedAt: "2023-06-01T12:00:00.000Z" }),
  rec("2401.00004", { title: "Protein folding with diffusion", abstract: "A generative model for structures; the state of the art in space efficiency.", authors: [{ name: "Rosalind Franklin" }], categories: ["q-bio.BM"] }),
  {
    ...rec("2401.00005", { title: "Transformers without tears", abstract: "Training tips for transformer models.", authors: [{ name: "Ada Lovelace" }, { name: "Charles Babbage" }], publishedAt: "2024-03-01T15:00:00.000Z" }),
    hub: { upvotes: 50 },
  },
];

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`SearchService lexical: ${backend.name}`, () => {
    let store: Store;
    let search: SearchService;
    const ids = async (q: string, opts = {}) => (await search.search(q, { mode: "lexical", ...opts })).results.map((r) => r.paper.id);

    beforeEach(async () => {
      store = await backend.open();
      await store.upsertPapers(CORPUS);
      await store.lexical.catchUp();
      search = new SearchService(store);
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    it("ranks a title match above an abstract-only match, with stemming", async () => {
      const got = await ids("attention ");
      expect(got.slice(0, 2)).toEqual(["2401.00001", "2401.00002"]);
      // "models" finds "model" and "modelling" by stem.
      expect(await ids("models ")).toEqual(expect.arrayContaining(["2401.00001", "2401.00003", "2401.00004", "2401.00005"]));
    });

    it("honours phrases, exclusions, prefixes and author:", async () => {
      expect(await ids('"state space" ')).toEqual(["2401.00003"]);
      expect(await ids("attention -vision ")).toEqual(["2401.00001"]);
      expect(await ids("transf")).toEqual(["2401.00005"]);
      expect((await ids("author:lovelace ")).sort()).toEqual(["2401.00001", "2401.00005"]);
      expect(await ids("author:babbage transformers ")).toEqual(["2401.00005"]);
    });

    it("filters by category (exact and archive), and by date", async () => {
      expect(await ids("attention cat:cs.CV ")).toEqual(["2401.00002"]);
      expect((await ids("attention cat:cs ")).sort()).toEqual(["2401.00001", "2401.00002"]);
      expect(await ids("models before:2023-12-31 ")).toEqual(["2401.00003"]);
      expect(await ids("models after:2024-03-01 ")).toEqual(["2401.00005"]);
      // Filters alone list the matching papers newest first.
      expect(await ids("cat:q-bio ")).toEqual(["2401.00004"]);
      expect(await ids("x", { filters: { categories: ["cs.CV"] } })).toEqual([]);
    });

    it("filters by organisation and code, and sorts by date or upvotes over all matches", async () => {
      expect(await ids("models ", { filters: { organizations: ["Meta AI"] } })).toEqual(["2401.00001"]);
      expect(await ids("models ", { filters: { organizations: ["META"] } })).toEqual(["2401.00001"]);
      expect(await ids("models ", { filters: { hasCode: true } })).toEqual(["2401.00001"]);
      const byUpvotes = await ids("models ", { sort: "upvotes" });
      expect(byUpvotes.slice(0, 2)).toEqual(["2401.00005", "2401.00001"]);
      expect(byUpvotes).toHaveLength(4);
      const byDate = await ids("models ", { sort: "date" });
      expect(byDate[0]).toBe("2401.00005");
      expect(byDate[byDate.length - 1]).toBe("2401.00003");
      // The order is applied before the limit, not to the most relevant page only.
      expect(await ids("models ", { sort: "upvotes", limit: 1 })).toEqual(["2401.00005"]);
      expect(await ids("", { filters: { hasCode: true } })).toEqual(["2401.00001"]);
      // The same filters written in the query.
      expect(await ids('models org:"meta ai" ')).toEqual(["2401.00001"]);
      expect(await ids("models has:code ")).toEqual(["2401.00001"]);
      // Trending: interest decayed by age; a paper without hub facts scores 0 and comes last.
      const trending = await ids("models ", { sort: "trending" });
      expect(trending.slice(0, 2)).toEqual(["2401.00005", "2401.00001"]);
      expect(trending).toHaveLength(4);
    });

    it("counts the hub's own upvotes in the upvotes sort and never returns a hidden paper", async () => {
      const before = await ids("models ", { sort: "upvotes" });
      const last = before[before.length - 1]!;
      // Enough local votes to lift the last paper to the top, in every mode that sorts.
      await store.db.insertInto("paper_stats").values({ paper_id: last, upvotes: 100_000, comments: 0 }).execute();
      expect((await ids("models ", { sort: "upvotes" }))[0]).toBe(last);
      expect((await ids("models ", { sort: "upvotes", mode: "hybrid" }))[0]).toBe(last);
      await store.db.updateTable("paper_stats").set({ hidden_at: "2024-01-01T00:00:00.000Z" }).where("paper_id", "=", last).execute();
      expect(await ids("models ", { sort: "upvotes" })).not.toContain(last);
      expect(await ids("models ")).not.toContain(last);
    });

    it("finds similar papers by their characteristic words, never the paper itself", async () => {
      const like = (await search.similar("2401.00003")).map((r) => r.paper.id);
      expect(like).not.toContain("2401.00003");
      // "state space" and "sequence(s)" are shared only with the folding paper's abstract ("state of the art in space").
      expect(like[0]).toBe("2401.00004");
      await expect(search.similar("9999.99999")).rejects.toThrow(/No paper with id 9999\.99999/);
    });

    it("returns highlighted snippets", async () => {
      const r = (await search.search("windowed attention ", { mode: "lexical" })).results[0]!;
      expect(r.paper.id).toBe("2401.00001");
      expect(r.snippet).toContain(`${MARK_START}windowed${MARK_END}`);
      expect(r.titleHighlight).toContain(`${MARK_START}Attention${MARK_END}`);
    });

    it("answers an arXiv id or URL with that paper, and says when it is not in the hub", async () => {
      expect(await ids("https://arxiv.org/abs/2401.00003v2")).toEqual(["2401.00003"]);
      const missing = await search.search("2501.99999", { mode: "lexical" });
      expect(missing.results).toEqual([]);
      expect(missing.warnings.join(" ")).toMatch(/2501\.99999 is not in this hub/);
    });

    it("reflects updates after the indexer catches up, and never returns stale text", async () => {
      await store.upsertPapers([rec("2401.00003", { version: 2, title: "Selective scans for sequences", abstract: "Mamba-style layers." })]);
      await store.lexical.catchUp();
      expect(await ids('"state space" ')).toEqual([]);
      expect(await ids("selective scans ")).toEqual(["2401.00003"]);
      expect(await store.lexical.pending()).toBe(0);
    });

    it("indexes new papers on catch-up and counts what is pending", async () => {
      await store.upsertPapers([rec("2402.00001", { title: "Quantum error correction codes", abstract: "Surface codes." })]);
      if (backend.name === "sqlite") {
        expect(await store.lexical.pending()).toBe(1);
        expect(await ids("quantum ")).toEqual([]);
        expect(await store.lexical.catchUp()).toBe(1);
      }
      expect(await ids("quantum ")).toEqual(["2402.00001"]);
    });

    it("never throws on hostile input, and reports the mode it used", async () => {
      for (const q of ['"', "-", "author:", 'NEAR(a b) OR "', "*^:(){}[]+~", "x".repeat(10_000), "\u0000\u0001\u0002"]) {
        const r = await search.search(q, { mode: "lexical" });
        expect(Array.isArray(r.results)).toBe(true);
      }
      const hybrid = await search.search("attention ");
      expect(hybrid.mode).toBe("lexical");
      expect(hybrid.warnings.join(" ")).toMatch(/vector index is not built yet/);
      await expect(search.search("attention", { mode: "semantic" })).rejects.toBeInstanceOf(ValidationError);
      await expect(search.search("attention", { limit: 0 })).rejects.toBeInstanceOf(ValidationError);
    });
  });
}
