// GET /api/papers, /api/papers/{id}, /api/papers/search, POST /api/papers/index and the Markdown view, through the whole app on every backend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { emptyPaper } from "../domain/paper.js";
import { SourceError } from "../domain/errors.js";
import type { FetchArxiv } from "../feed/paper-indexer.js";
import { feedRecord, setStats } from "../feed/test-support/feed-records.js";
import type { Store } from "../storage/store.js";
import { allBackends } from "../storage/test-support/backends.js";
import { pageText } from "../web/test-support/feed-hub.js";
import { ErrorSchema, PaperSchema, SearchItemSchema } from "./schemas.js";
import { apiHub, json, userWithToken } from "./test-support/api-hub.js";

const nextLink = (res: Response) => /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1] ?? null;

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`papers API: ${backend.name}`, () => {
    let store: Store;
    let app: ReturnType<typeof apiHub>;
    let writer: Record<string, string>;
    let reader: Record<string, string>;
    const fetched: string[] = [];
    const fetchArxiv: FetchArxiv = async (id) => {
      if (id === "2406.99999") throw new SourceError("arXiv timed out");
      fetched.push(id);
      await store.upsertPapers([{ paper: { ...emptyPaper(id, "arxiv-atom"), title: `Fetched ${id}`, publishedAt: "2024-06-01T00:00:00.000Z" } }]);
      return { paper: (await store.getPaper(id))!, fetched: true };
    };

    beforeAll(async () => {
      store = await backend.open();
      await store.upsertPapers([
        feedRecord("2406.00001", { day: "2024-06-03", upvotes: 4 }),
        feedRecord("2406.00002", {
          day: "2024-06-05",
          upvotes: 12,
          comments: 3,
          stars: 40,
          paper: { title: "Attention with $O(n \\log n)$ cost", abstract: `Sparse attention. ${"Long abstract words. ".repeat(80)}`, categories: ["cs.LG", "cs.CL"] },
          hub: { aiSummary: "Cheaper attention." },
        }),
        feedRecord("2406.00003", { day: "2024-06-05", upvotes: 7, paper: { title: "<script>alert(1)</script> Robust" } }),
        feedRecord("2406.00004", { day: "2024-06-04", upvotes: 99 }),
        feedRecord("2406.00005", { day: null, paper: { publishedAt: null } }),
        feedRecord("hep-th/9901001", { day: null, paper: { title: "Old style", publishedAt: "1999-01-04T00:00:00.000Z" } }),
      ]);
      await setStats(store, "2406.00004", { hidden: true });
      await setStats(store, "2406.00001", { upvotes: 2, comments: 1 });
      await store.lexical.catchUp();
      app = apiHub(store, { fetchArxiv });
      writer = (await userWithToken(store, "wendy", ["read", "write"])).auth;
      reader = (await userWithToken(store, "rita", ["read"])).auth;
    });
    afterAll(async () => {
      await store.close();
      await backend.cleanup();
    });

    describe("GET /api/papers/{id}", () => {
      it("answers the paper object, counts imported plus local, by any arXiv spelling", async () => {
        const res = await app.request("/api/papers/2406.00001");
        expect(res.status).toBe(200);
        const p = PaperSchema.parse(await res.json());
        expect(p).toMatchObject({ id: "2406.00001", upvotes: 6, numComments: 1, submittedOnDailyAt: "2024-06-03T09:00:00.000Z" });
        expect((PaperSchema.parse(await json(app.request("/api/papers/2406.00001v3")))).id).toBe("2406.00001");
        expect((PaperSchema.parse(await json(app.request("/api/papers/hep-th%2F9901001")))).title).toBe("Old style");
        // As huggingface_hub's paper_info sends it: the slash unencoded.
        expect((PaperSchema.parse(await json(app.request("/api/papers/hep-th/9901001")))).title).toBe("Old style");
        expect((PaperSchema.parse(await json(app.request("/api/papers/hep-th/9901001v2")))).title).toBe("Old style");
      });

      it("sends a doubled leading slash (a client's base URL ending in /) to the real path", async () => {
        const res = await app.request("//api/papers/2406.00001?x=1");
        expect(res.status).toBe(308);
        expect(res.headers.get("Location")).toBe("/api/papers/2406.00001?x=1");
      });

      it("answers 404 with a JSON error for an unknown or hidden paper", async () => {
        for (const id of ["2406.77777", "2406.00004", "nonsense"]) {
          const res = await app.request(`/api/papers/${id}`);
          expect(res.status).toBe(404);
          expect(ErrorSchema.parse(await res.json()).error).toMatch(/No paper with id/);
          expect(res.headers.get("x-error-code")).toBeNull();
        }
      });
    });

    describe("GET /api/papers", () => {
      it("pages through every visible paper by publication date, the next page in the Link header", async () => {
        const seen: Array<{ id: string; publishedAt: string }> = [];
        let url: string | null = "/api/papers?limit=2";
        let pages = 0;
        while (url) {
          const res: Response = await app.request(url);
          expect(res.status).toBe(200);
          const page = z.array(PaperSchema).parse(await res.json());
          expect(page.length).toBeLessThanOrEqual(2);
          seen.push(...page);
          url = nextLink(res);
          if (url) expect(url).toMatch(/^http:\/\/localhost\/api\/papers\?cursor=[^&]+&limit=2$/);
          expect(++pages).toBeLessThan(10);
        }
        // Same date: higher id first. The hidden 2406.00004 is skipped; 2406.00005 has no date and comes last.
        expect(seen.map((p) => p.id)).toEqual(["2406.00003", "2406.00002", "2406.00001", "hep-th/9901001", "2406.00005"]);
        expect(pages).toBe(3);
      });

      it("refuses a bad limit or cursor with 400", async () => {
        for (const q of ["limit=0", "limit=101", "cursor=%25%25%25", "cursor=bm90LWpzb24"]) {
          const res = await app.request(`/api/papers?${q}`);
          expect(res.status, q).toBe(400);
          ErrorSchema.parse(await res.json());
        }
      });
    });

    describe("GET /api/papers/search", () => {
      it("finds papers by words and by arXiv id, as daily items, hidden papers left out", async () => {
        const words = z.array(SearchItemSchema).parse(await json(app.request("/api/papers/search?q=attention&limit=5")));
        expect(words.map((r) => r.paper.id)).toEqual(["2406.00002"]);
        expect(words[0]).toMatchObject({ id: "2406.00002", upvotes: 12, numComments: 3, githubStars: 40, ai_summary: "Cheaper attention." });
        const byId = z.array(SearchItemSchema).parse(await json(app.request("/api/papers/search?q=2406.00003")));
        expect(byId.map((r) => r.paper.id)).toEqual(["2406.00003"]);
        expect(await json(app.request("/api/papers/search?q=2406.00004"))).toEqual([]);
        // No query: the newest papers (list_papers() without a query), hidden ones still left out.
        const newest = z.array(SearchItemSchema).parse(await json(app.request("/api/papers/search?limit=3")));
        expect(newest.map((r) => r.paper.id)).toEqual(["2406.00003", "2406.00002", "2406.00001"]);
      });

      it.each([
        [`q=${"x".repeat(251)}`, "q must be at most 250 characters"],
        ["q=a&limit=121", "limit must be a whole number from 1 to 120"],
        ["q=a&limit=0", "limit must be a whole number from 1 to 120"],
        ["q=a&mode=psychic", "mode must be one of hybrid, lexical, semantic"],
        ["q=a&sort=random", "sort must be one of relevance, date, upvotes, trending"],
      ])("answers 400 for %s", async (q, error) => {
        const res = await app.request(`/api/papers/search?${q}`);
        expect(res.status).toBe(400);
        expect(await res.json()).toEqual({ error });
      });
    });

    describe("POST /api/papers/index", () => {
      const post = (body: string, headers: Record<string, string> = {}) =>
        app.request("/api/papers/index", { method: "POST", body, headers: { "Content-Type": "application/json", ...headers } });

      it("fetches an arXiv paper the hub lacks for a token with the write scope, and returns it", async () => {
        const res = await post(JSON.stringify({ arxivId: "https://arxiv.org/abs/2406.00042v2" }), writer);
        expect(res.status).toBe(200);
        expect(PaperSchema.parse(await res.json())).toMatchObject({ id: "2406.00042", title: "Fetched 2406.00042", upvotes: 0 });
        expect(fetched).toEqual(["2406.00042"]);
      });

      it("needs authentication and the write scope", async () => {
        const anonymous = await post(JSON.stringify({ arxivId: "2406.00043" }));
        expect(anonymous.status).toBe(401);
        expect(anonymous.headers.get("www-authenticate")).toMatch(/^Bearer/);
        expect((await post(JSON.stringify({ arxivId: "2406.00043" }), reader)).status).toBe(403);
        expect(fetched).not.toContain("2406.00043");
      });

      it("answers 400 for a bad body, 415 for another media type, 502 when arXiv fails", async () => {
        expect(ErrorSchema.parse(await json(post("{}", writer))).error).toMatch(/^arxivId/);
        expect((await post("{not json", writer)).status).toBe(400);
        expect(ErrorSchema.parse(await json(post(JSON.stringify({ arxivId: "not an id" }), writer))).error).toMatch(/not an arXiv id/);
        const text = await app.request("/api/papers/index", { method: "POST", body: "2406.00042", headers: { "Content-Type": "text/plain", ...writer } });
        expect(text.status).toBe(415);
        ErrorSchema.parse(await text.json());
        const down = await post(JSON.stringify({ arxivId: "2406.99999" }), writer);
        expect(down.status).toBe(502);
        expect(await down.json()).toEqual({ error: "arXiv could not be reached just now; try again in a few minutes" });
      });

      it("without an arXiv client, returns stored papers only", async () => {
        const offline = apiHub(store);
        expect(PaperSchema.parse(await json(offline.request("/api/papers/index", { method: "POST", body: JSON.stringify({ arxivId: "2406.00002v1" }), headers: { "Content-Type": "application/json", ...writer } }))).id).toBe("2406.00002");
        const missing = await offline.request("/api/papers/index", { method: "POST", body: JSON.stringify({ arxivId: "2406.00044" }), headers: { "Content-Type": "application/json", ...writer } });
        expect(missing.status).toBe(404);
        expect(ErrorSchema.parse(await missing.json()).error).toMatch(/does not fetch papers from arXiv/);
      });
    });

    describe("Markdown", () => {
      it("serves /papers/{id}.md with title, authors, dates, links and abstract", async () => {
        const res = await app.request("/papers/2406.00002.md");
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
        const md = await res.text();
        expect(md).toMatch(/^# Attention with \$O\(n \\log n\)\$ cost\n/);
        for (const line of [
          "**Authors:** Ada Lovelace, Alan Turing",
          "**Published:** 2024-06-05 (arXiv v1)",
          "**On the daily feed:** 2024-06-05, submitted by AK",
          "**Categories:** cs.LG, cs.CL",
          "**Upvotes:** 12 · **Comments:** 3",
          "- arXiv: <https://arxiv.org/abs/2406.00002>",
          "- PDF: <https://arxiv.org/pdf/2406.00002>",
          "- Code (40 stars): <https://github.com/x/2406.00002>",
          "## Abstract\n\nSparse attention.",
          "## AI summary\n\nCheaper attention.",
        ]) expect(md).toContain(line);
      });

      it("answers GET /papers/{id} with Markdown when asked for it, with the page otherwise", async () => {
        const md = await app.request("/papers/2406.00002", { headers: { Accept: "text/markdown" } });
        expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8");
        expect(md.headers.get("vary")).toMatch(/Accept/);
        expect(await md.text()).toMatch(/^# Attention/);
        const page = await app.request("/papers/2406.00002", { headers: { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" } });
        expect(page.headers.get("content-type")).toMatch(/^text\/html/);
        expect(await pageText(page)).toContain("<h1");
        const search = await app.request("/papers/search?q=attention", { headers: { Accept: "text/markdown" } });
        expect(search.headers.get("content-type")).toMatch(/^text\/html/);
      });

      it("keeps markup out, serves old-style ids, compresses, and answers 404 for unknown and hidden papers", async () => {
        expect(await (await app.request("/papers/2406.00003.md")).text()).toMatch(/^# \\<script>alert\(1\)\\<\/script> Robust/);
        expect(await (await app.request("/papers/hep-th/9901001.md")).text()).toMatch(/^# Old style/);
        const gz = await app.request("/papers/2406.00002.md", { headers: { "Accept-Encoding": "gzip" } });
        expect(gz.headers.get("content-encoding")).toBe("gzip");
        for (const id of ["2406.77777", "2406.00004"]) {
          const res = await app.request(`/papers/${id}.md`);
          expect(res.status).toBe(404);
          expect(await res.text()).toMatch(/^# Not found/);
        }
      });
    });
  });
}
