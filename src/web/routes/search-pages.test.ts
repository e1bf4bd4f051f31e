// The search page through the whole app: form controls, highlights, filters, sorts, pages, empty results and 400s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { feedRecord, setStats } from "../../feed/test-support/feed-records.js";
import type { Store } from "../../storage/store.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";
import { feedHub, pageText } from "../test-support/feed-hub.js";

const backend = sqliteBackend();
let store: Store;
const now = new Date("2024-06-10T12:00:00Z");
const get = (path: string) => feedHub(store, { now: () => now }).request(path);
const cardIds = (html: string) => [...html.matchAll(/<h2 class="card-title" id="card-\d+"><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  store = await backend.open();
  await store.upsertPapers([
    feedRecord("2406.10001", {
      day: "2024-06-03",
      upvotes: 3,
      paper: { title: "Sparse attention for long documents", abstract: "We make attention sparse. <script>alert(1)</script> It scales.", publishedAt: "2024-06-02T10:00:00.000Z" },
    }),
    feedRecord("2406.10002", {
      day: "2024-06-05",
      upvotes: 40,
      stars: 100,
      paper: { title: "Attention in vision transformers", categories: ["cs.CV"], primaryCategory: "cs.CV", publishedAt: "2024-06-04T10:00:00.000Z" },
    }),
    feedRecord("2406.10003", { day: "2024-06-05", upvotes: 5, paper: { title: "Hidden attention paper", publishedAt: "2024-06-04T11:00:00.000Z" } }),
    ...Array.from({ length: 25 }, (_, i) =>
      feedRecord(`2405.2${String(i).padStart(4, "0")}`, { day: "2024-05-20", upvotes: i, paper: { title: `Protein folding study ${i}`, abstract: "Folding proteins." } }),
    ),
  ]);
  await setStats(store, "2406.10003", { hidden: true });
  await store.lexical.catchUp();
});
afterAll(async () => {
  await store.close();
  await backend.cleanup();
});

describe("GET /papers/search", () => {
  it("shows the form alone when nothing is asked, with a label on every control", async () => {
    const html = await pageText(await get("/papers/search"));
    expect(html).toContain('<form class="search-form" role="search" aria-label="Search papers" method="get" action="/papers/search">');
    for (const name of ["after", "before", "category", "code", "sort", "mode"]) expect(html).toMatch(new RegExp(`<label>[^<]*<(input|select)[^>]* name="${name}"|<label class="check"><input[^>]* name="${name}"`));
    expect(html).toContain('<label for="q">');
    expect(cardIds(html)).toEqual([]);
  });

  it("finds papers with highlighted titles and snippets, everything else escaped, hidden ones left out", async () => {
    const res = await get("/papers/search?q=attention&mode=lexical");
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(cardIds(html).sort()).toEqual(["2406.10001", "2406.10002"]);
    expect(html).toMatch(/<mark>attention<\/mark>/i);
    expect(html).not.toContain("<script>alert");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).toContain('value="attention"');
  });

  it("applies the form's filters and sorts", async () => {
    expect(cardIds(await pageText(await get("/papers/search?q=attention&mode=lexical&category=cs.CV")))).toEqual(["2406.10002"]);
    expect(cardIds(await pageText(await get("/papers/search?q=attention&mode=lexical&code=1")))).toEqual(["2406.10002"]);
    expect(cardIds(await pageText(await get("/papers/search?q=attention&mode=lexical&before=2024-06-03")))).toEqual(["2406.10001"]);
    expect(cardIds(await pageText(await get("/papers/search?q=attention&mode=lexical&sort=upvotes")))).toEqual(["2406.10002", "2406.10001"]);
    expect(cardIds(await pageText(await get("/papers/search?q=attention&mode=lexical&sort=date")))).toEqual(["2406.10002", "2406.10001"]);
    const checked = await pageText(await get("/papers/search?q=attention&code=1&sort=upvotes"));
    expect(checked).toMatch(/<input type="checkbox" name="code" value="1" checked=""/);
    expect(checked).toContain('<option value="upvotes" selected="">Most upvoted</option>');
  });

  it("pages through results", async () => {
    const first = await pageText(await get("/papers/search?q=protein&mode=lexical&sort=upvotes"));
    expect(cardIds(first)).toHaveLength(20);
    expect(cardIds(first)[0]).toBe("2405.20024");
    expect(first).toContain('<a rel="next" href="/papers/search?q=protein&amp;sort=upvotes&amp;mode=lexical&amp;page=2">');
    const second = await pageText(await get("/papers/search?q=protein&mode=lexical&sort=upvotes&page=2"));
    expect(cardIds(second)).toEqual(["2405.20004", "2405.20003", "2405.20002", "2405.20001", "2405.20000"]);
    expect(second).not.toContain('rel="next"');
  });

  it("suggests what to try when nothing is found", async () => {
    const html = await pageText(await get("/papers/search?q=attention+quantum&mode=lexical&category=math.AG"));
    expect(html).toContain("Nothing found for “attention quantum”");
    expect(html).toContain('<a href="/papers/search?q=attention+quantum&amp;mode=lexical">Search again without the filters</a>');
    expect(html).toContain('<a href="/papers/search?q=quantum&amp;mode=lexical">quantum</a>');
    expect(html).toContain('<a href="/papers/trending">trending</a>');
    const id = await pageText(await get("/papers/search?q=2406.99999"));
    expect(id).toContain('<a href="/papers/2406.99999">index it from arXiv</a>');
  });

  it.each([
    ["/papers/search?q=x&after=yesterday", /&quot;after&quot; must be a day written YYYY-MM-DD/],
    ["/papers/search?q=x&after=2024-06-05&before=2024-06-01", /must not be later than/],
    ["/papers/search?q=x&sort=best", /&quot;sort&quot; must be one of relevance, date, upvotes, trending/],
    ["/papers/search?q=x&mode=psychic", /&quot;mode&quot; must be one of/],
    ["/papers/search?q=x&category=%3Cb%3E", /must be an arXiv category/],
    ["/papers/search?q=x&page=11", /&quot;page&quot; must be a whole number from 1 to 10/],
    [`/papers/search?q=${"x".repeat(251)}`, /at most 250 characters/],
    ["/papers/search?q=attention&mode=semantic", /semantic search needs the vector index/],
  ])("answers %s with a 400 page", async (path, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(await pageText(res)).toMatch(message);
  });
});
