// The storage conformance suite: every Store backend must pass the same cases.
import { afterAll, beforeEach, afterEach, describe, expect, it } from "vitest";
import { ValidationError } from "../domain/errors.js";
import { emptyPaper, type ImportRecord, type Paper } from "../domain/paper.js";
import { titleId } from "../domain/title.js";
import type { Store } from "./store.js";
import { allBackends } from "./test-support/backends.js";

function paper(id: string, over: Partial<Paper> = {}): Paper {
  return {
    ...emptyPaper(id, "kaggle"),
    version: 1,
    title: `Paper ${id}`,
    abstract: `Abstract of ${id}.`,
    authors: [{ name: "Ada Lovelace", affiliation: "Analytical Engines" }, { name: "Alan Turing" }],
    categories: ["cs.LG", "stat.ML"],
    primaryCategory: "cs.LG",
    publishedAt: "2024-07-30T17:59:58.000Z",
    updatedAt: "2024-07-31T10:00:00.000Z",
    comments: "12 pages",
    journalRef: "J. Test 1 (2024)",
    doi: "10.1000/test",
    license: "http://creativecommons.org/licenses/by/4.0/",
    links: { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
    ...over,
  };
}
const rec = (p: Paper, hub?: ImportRecord["hub"]): ImportRecord => (hub ? { paper: p, hub } : { paper: p });

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`Store conformance: ${backend.name}`, () => {
    let store: Store;
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    it("round-trips every field of a paper and its hub facts", async () => {
      const p = paper("2407.21783", { links: { abs: "a", pdf: "b", code: "https://github.com/x/y", project: "https://p" } });
      const hub = {
        feedDay: "2024-08-01",
        submittedAt: "2024-07-31T21:00:00.000Z",
        submittedBy: { name: "akhaliq", fullname: "AK", avatarUrl: "https://a/b.png" },
        upvotes: 42,
        numComments: 3,
        organization: { name: "meta", fullname: "Meta AI" },
        githubRepo: "https://github.com/x/y",
        githubStars: 1200,
        projectPage: "https://p",
        aiSummary: "A summary.",
        aiKeywords: ["LLM", "scaling"],
        thumbnail: "https://t.png",
        discussionId: "abc",
      };
      expect(await store.upsertPapers([rec(p, hub)])).toEqual(["inserted"]);
      const got = await store.getPaper("2407.21783");
      expect(got).not.toBeNull();
      const { hub: gotHub, createdAt, modifiedAt, ...bib } = got!;
      expect(bib).toEqual(p);
      expect(gotHub).toEqual({ ...hub, lastListedDay: "2024-08-01" });
      expect(createdAt).toMatch(/Z$/);
      expect(modifiedAt).toBe(createdAt);
      expect(await store.getPaper("0000.00000")).toBeNull();
    });

    it("re-importing the same records changes nothing", async () => {
      const batch = [rec(paper("2401.00001"), { upvotes: 5, feedDay: "2024-01-02" }), rec(paper("hep-th/9901001"))];
      expect(await store.upsertPapers(batch)).toEqual(["inserted", "inserted"]);
      const before = await store.getPaper("2401.00001");
      expect(await store.upsertPapers(batch)).toEqual(["unchanged", "unchanged"]);
      const after = await store.getPaper("2401.00001");
      expect(after).toEqual(before);
      expect(await store.countPapers()).toBe(2);
    });

    it("a newer version replaces an older one, never the reverse", async () => {
      await store.upsertPapers([rec(paper("2402.00002", { version: 2, title: "Second version" }))]);
      expect(await store.upsertPapers([rec(paper("2402.00002", { version: 1, title: "First version" }))])).toEqual(["unchanged"]);
      expect((await store.getPaper("2402.00002"))!.title).toBe("Second version");
      expect(await store.upsertPapers([rec(paper("2402.00002", { version: 3, title: "Third version", comments: null }))])).toEqual([
        "updated",
      ]);
      const got = (await store.getPaper("2402.00002"))!;
      expect(got.title).toBe("Third version");
      expect(got.version).toBe(3);
      // An empty incoming field does not erase what was known.
      expect(got.comments).toBe("12 pages");
    });

    it("a source without versions only fills gaps in a versioned record", async () => {
      await store.upsertPapers([rec(paper("2403.00003", { version: 2, links: { abs: "x" } }))]);
      const hf = { ...paper("2403.00003", { version: null, title: "Retitled by feed", categories: [] }), source: "hf-daily" as const };
      hf.links = { code: "https://github.com/a/b" };
      expect(await store.upsertPapers([rec(hf, { upvotes: 10 })])).toEqual(["updated"]);
      const got = (await store.getPaper("2403.00003"))!;
      expect(got.title).toBe("Paper 2403.00003");
      expect(got.categories).toEqual(["cs.LG", "stat.ML"]);
      expect(got.links).toEqual({ abs: "x", code: "https://github.com/a/b" });
      expect(got.source).toBe("kaggle");
      expect(got.hub?.upvotes).toBe(10);
    });

    it("keeps hub facts apart from the bibliographic record", async () => {
      await store.upsertPapers([rec(paper("2404.00004"), { feedDay: "2024-04-02", upvotes: 7, submittedBy: { name: "u1" } })]);
      await store.upsertPapers([rec(paper("2404.00004", { version: 2, title: "New title" }))]);
      let got = (await store.getPaper("2404.00004"))!;
      expect(got.title).toBe("New title");
      expect(got.hub?.upvotes).toBe(7);
      // A later listing keeps the first feed day and submitter but takes the newer counters.
      await store.upsertPapers([rec(paper("2404.00004", { version: 2, title: "New title" }), { feedDay: "2024-04-09", upvotes: 30, submittedBy: { name: "u2" } })]);
      got = (await store.getPaper("2404.00004"))!;
      expect(got.hub?.feedDay).toBe("2024-04-02");
      expect(got.hub?.submittedBy?.name).toBe("u1");
      expect(got.hub?.upvotes).toBe(30);
    });

    it("de-duplicates papers without an id by normalised title", async () => {
      const a = { ...paper(""), title: "Attention Is All You Need", version: null, source: "listing" as const };
      const b = { ...paper(""), title: "Attention Is All You Need", version: null, source: "listing" as const, abstract: "" };
      const c = { ...paper(""), title: "  attention is ALL you need! ", version: null, source: "listing" as const, abstract: "" };
      const out = await store.upsertPapers([rec(a), rec(b)]);
      expect(out).toEqual(["inserted", "unchanged"]);
      expect(await store.countPapers()).toBe(1);
      const id = titleId("Attention Is All You Need");
      expect((await store.getPaper(id))!.title).toBe("Attention Is All You Need");
      // In a later run too.
      expect(await store.upsertPapers([rec({ ...c, abstract: "Now with an abstract." })])).toEqual(["updated"]);
      expect(await store.countPapers()).toBe(1);
      expect((await store.getPaper(id))!.abstract).toBe("Now with an abstract.");
      expect(await store.getPaper(titleId(c.title))).toBeNull();
    });

    it("writes a batch all or nothing", async () => {
      const bad = paper("2405.00005", { title: null as unknown as string });
      await expect(store.upsertPapers([rec(paper("2405.00001")), rec(bad)])).rejects.toThrow();
      expect(await store.countPapers()).toBe(0);
    });

    it("lists papers newest first with a keyset cursor, undated last", async () => {
      const recs: ImportRecord[] = [];
      for (let i = 0; i < 25; i++) {
        const day = String((i % 20) + 1).padStart(2, "0");
        recs.push(rec(paper(`2406.${String(i).padStart(5, "0")}`, { publishedAt: `2024-06-${day}T00:00:00.000Z` })));
      }
      recs.push(rec(paper("undated-1", { publishedAt: null })));
      await store.upsertPapers(recs);
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let guard = 0; guard < 10; guard++) {
        const page = await store.listPapers({ limit: 7, ...(cursor ? { cursor } : {}) });
        seen.push(...page.papers.map((p) => p.id));
        if (!page.nextCursor) break;
        cursor = page.nextCursor;
      }
      expect(seen).toHaveLength(26);
      expect(new Set(seen).size).toBe(26);
      expect(seen[seen.length - 1]).toBe("undated-1");
      const dates = seen.slice(0, 25).map((id) => recs.find((r) => r.paper.id === id)!.paper.publishedAt!);
      expect([...dates].sort().reverse()).toEqual(dates);
      await expect(store.listPapers({ limit: 5, cursor: "not-a-cursor" })).rejects.toBeInstanceOf(ValidationError);
    });

    it("streams every paper in id order", async () => {
      const ids = ["b", "a", "d", "c", "e"].map((x) => `x-${x}`);
      await store.upsertPapers(ids.map((id) => rec(paper(id))));
      const out: string[] = [];
      for await (const p of store.streamPapers(2)) out.push(p.id);
      expect(out).toEqual([...ids].sort());
    });

    it("samples papers spread over the whole store, all of them when it holds fewer", async () => {
      expect(await store.samplePapers(10)).toEqual([]);
      const ids = Array.from({ length: 40 }, (_, i) => `s-${String(i).padStart(2, "0")}`);
      await store.upsertPapers(ids.map((id) => rec(paper(id))));
      const some = (await store.samplePapers(8)).map((p) => p.id).sort();
      expect(some).toHaveLength(8);
      expect(new Set(some).size).toBe(8);
      // Evenly spaced: both halves of the insertion order are represented.
      expect(some.filter((id) => id < "s-20").length).toBe(4);
      const all = await store.samplePapers(100);
      expect(all.map((p) => p.id).sort()).toEqual(ids);
      expect(all[0]?.title).toMatch(/^Paper s-/);
    });

    it("keeps sync state across re-opens", async () => {
      expect(await store.getSyncState("arxiv-oai:cs")).toBeNull();
      await store.setSyncState("arxiv-oai:cs", "2024-01-01");
      await store.setSyncState("arxiv-oai:cs", "2024-02-01");
      await store.close();
      store = await backend.reopen();
      expect(await store.getSyncState("arxiv-oai:cs")).toBe("2024-02-01");
    });

    it("applies migrations once and is idempotent on re-open", async () => {
      await store.upsertPapers([rec(paper("2407.00007"))]);
      await store.close();
      store = await backend.reopen();
      expect(await store.countPapers()).toBe(1);
    });
  });
}
