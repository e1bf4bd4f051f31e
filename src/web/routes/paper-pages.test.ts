// The paper page and "index this paper" through the whole app, arXiv played by a local server speaking its Atom API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInDirect } from "../../community/test-support/web-session.js";
import type { FetchArxiv } from "../../feed/paper-indexer.js";
import { addUser, feedRecord, setStats } from "../../feed/test-support/feed-records.js";
import { ImportPipeline } from "../../ingest/import-pipeline.js";
import { fetchArxivPaper } from "../../ingest/fetch-arxiv-paper.js";
import { fixture, send, useFixtureServer } from "../../ingest/sync/__fixtures__/fixture-server.js";
import { PoliteHttp } from "../../ingest/sync/polite-http.js";
import type { Store } from "../../storage/store.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";
import { feedHub, pageText } from "../test-support/feed-hub.js";
import { WebClient } from "../test-support/web-client.js";

const ATOM = "application/atom+xml; charset=utf-8";
const backend = sqliteBackend();
const server = useFixtureServer();
let store: Store;
const now = () => new Date("2024-06-10T12:00:00Z");

/** fetchArxivPaper over the fixture server, storing into the test's store. */
const fetchArxiv: FetchArxiv = (input) =>
  fetchArxivPaper(
    store,
    {
      sink: new ImportPipeline(store),
      state: store,
      http: new PoliteHttp({ userAgent: "paperboard-test/1.0", minIntervalMs: 0, timeoutMs: 2000, maxAttempts: 1 }),
      urls: { arxivOai: `${server.url}/oai2`, arxivApi: `${server.url}/api/query`, hfApi: server.url },
    },
    input,
  );
const hub = () => feedHub(store, { now, fetchArxiv });
const get = (path: string) => hub().request(path);

beforeAll(async () => {
  store = await backend.open();
  await store.upsertPapers([
    feedRecord("2406.20001", {
      day: "2024-06-05",
      upvotes: 11,
      comments: 2,
      org: "acme",
      stars: 50,
      paper: {
        title: "<script>window.pwned=1</script> Energy $E=mc^2$ & {braces",
        abstract: "We study attention mechanisms with \\(\\alpha\\)-entmax. <b>bold</b>",
        authors: [{ name: "Ada Lovelace", affiliation: "Analytical Engines" }, { name: "Alan Turing" }],
        categories: ["cs.LG", "stat.ML"],
        doi: "10.1000/xyz",
      },
    }),
    feedRecord("2406.20002", { day: "2024-06-05", upvotes: 1, paper: { title: "Attention mechanisms revisited", abstract: "We study attention mechanisms again." } }),
    feedRecord("2406.20003", { day: "2024-06-05", upvotes: 1, paper: { title: "Hidden study of attention mechanisms", abstract: "We study attention mechanisms quietly." } }),
    feedRecord("hep-th/9901001", { day: null, paper: { title: "Strings on a lattice", categories: ["hep-th"], primaryCategory: "hep-th" } }),
  ]);
  await setStats(store, "2406.20003", { hidden: true });
  await store.lexical.catchUp();
});
afterAll(async () => {
  await store.close();
  await backend.cleanup();
});

describe("GET /papers/:id", () => {
  it("shows the paper: title with math, authors, abstract, facts, links, upvote button, comments, cite, similar", async () => {
    const res = await get("/papers/2406.20001");
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).not.toContain("<script>window.pwned");
    expect(html).toContain("<title>&lt;script&gt;window.pwned=1&lt;/script&gt; Energy $E=mc^2$ &amp; {braces · Paperboard</title>");
    expect(html).toMatch(/<h1 id="paper-title">&lt;script&gt;window.pwned=1&lt;\/script&gt; Energy <math>.*<\/math> &amp; \{braces<\/h1>/);
    expect(html).toContain("Ada Lovelace<small> (Analytical Engines)</small>");
    expect(html).toMatch(/with <math>.*α.*<\/math>-entmax\. &lt;b&gt;bold&lt;\/b&gt;/);
    expect(html).toContain('<a href="/papers?date=2024-06-05">5 Jun 2024</a>');
    expect(html).toContain('<a href="/orgs/acme">acme Research</a>');
    expect(html).toContain('<a href="https://doi.org/10.1000/xyz">10.1000/xyz</a>');
    expect(html).toContain('<a href="https://arxiv.org/pdf/2406.20001" rel="noopener nofollow">PDF</a>');
    // The community parts: the upvote button with the shown count, and the comment thread.
    expect(html).toMatch(/<form class="upvote" method="post" action="\/papers\/2406.20001\/upvote"><input type="hidden" name="_csrf" value="[^"]+"/);
    expect(html).toContain('aria-label="Upvote, 11 upvotes"');
    expect(html).toContain('id="comments"');
    // BibTeX, escaped for BibTeX and then for HTML.
    expect(html).toContain("<summary>Cite</summary>");
    expect(html).toContain("@misc{lovelace2024script,");
    // < and > are written as commands (export/bibtex.ts: OT1 would print them as ¡ and ¿).
    expect(html).toContain("title = {\\textless{}script\\textgreater{}window.pwned=1\\textless{}/script\\textgreater{} Energy $E=mc^2$ \\&amp; \\textbraceleft{}braces},");
    expect(html).toContain("eprint = {2406.20001},\n  archivePrefix = {arXiv},\n  primaryClass = {cs.LG},");
    // Similar papers, the hidden one left out.
    expect(html).toContain("Similar papers");
    expect(html).toContain('href="/papers/2406.20002"');
    expect(html).not.toContain('href="/papers/2406.20003"');
  });

  it("serves old-style ids with a slash, and sends other spellings of an id to its page", async () => {
    const res = await get("/papers/hep-th/9901001");
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).toContain("Strings on a lattice");
    expect(html).toContain("primaryClass = {hep-th},");
    const versioned = await get("/papers/2406.20001v3");
    expect(versioned.status).toBe(301);
    expect(versioned.headers.get("location")).toBe("/papers/2406.20001");
  });

  it("never takes another route's path for an id", async () => {
    expect((await get("/papers/trending")).status).toBe(200);
    expect((await get("/papers/search")).status).toBe(200);
    expect((await get("/papers/latest")).status).toBe(200);
    const submit = await get("/papers/submit");
    expect(submit.status).toBe(303);
    expect(submit.headers.get("location")).toMatch(/^\/signin/);
    expect((await get("/papers/2406.20001/upvote")).status).toBe(404);
  });

  it("hides a hidden paper from readers and shows it to moderators with a notice", async () => {
    const res = await get("/papers/2406.20003");
    expect(res.status).toBe(404);
    expect(await pageText(res)).toContain("A moderator has hidden this paper.");
    await addUser(store, "mod", { role: "moderator" });
    const mod = new WebClient(hub());
    await signInDirect(store, mod, "u-mod");
    const seen = await mod.get("/papers/2406.20003");
    expect(seen.status).toBe(200);
    expect(await pageText(seen)).toContain("A moderator has hidden this paper: it is left out of every list");
  });

  it("answers unknown ids that are no arXiv id with a plain 404", async () => {
    for (const path of ["/papers/no-such-paper", "/papers/9999.99999"]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await pageText(res)).toMatch(/No paper with id .* in this hub/);
    }
  });
});

describe("index this paper", () => {
  it("offers an arXiv id the hub lacks, fetches it on POST and redirects to its page", async () => {
    server.handle((_req, res) => send(res, fixture("atom-page-1.xml"), ATOM));
    const browser = new WebClient(hub());
    const offer = await browser.get("/papers/2406.03005");
    expect(offer.status).toBe(404);
    const html = await pageText(offer);
    expect(html).toContain("arXiv 2406.03005 is not in this hub yet");
    expect(html).toMatch(/<form class="index-form" method="post" action="\/papers\/index"><input type="hidden" name="_csrf" value="[^"]+"\/><input type="hidden" name="id" value="2406.03005"\/>/);
    const done = await browser.post("/papers/index", { id: "2406.03005" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe("/papers/2406.03005");
    expect(server.arrivals.map((a) => a.query.get("id_list"))).toEqual(["2406.03005"]);
    const page = await browser.get("/papers/2406.03005");
    expect(page.status).toBe(200);
    expect(await pageText(page)).toContain("Scaling Laws for Retrieval-Augmented Models");
  });

  it("refuses a POST without the CSRF token", async () => {
    const browser = new WebClient(hub());
    await browser.get("/papers/2406.03001");
    expect((await browser.post("/papers/index", { id: "2406.03001" }, { csrf: false })).status).toBe(403);
    expect(server.arrivals).toHaveLength(0);
  });

  it("says so when arXiv does not know the id, or cannot be reached", async () => {
    const browser = new WebClient(hub());
    await browser.get("/papers/2406.07777");
    server.handle((_req, res) => send(res, fixture("atom-empty.xml"), ATOM));
    const unknown = await browser.post("/papers/index", { id: "2406.07777" });
    expect(unknown.status).toBe(404);
    expect(await pageText(unknown)).toContain("arXiv has no paper 2406.07777");
    server.handle((_req, res) => res.writeHead(503).end());
    const down = await browser.post("/papers/index", { id: "2406.07777" });
    expect(down.status).toBe(502);
    expect(await pageText(down)).toContain("arXiv could not be reached just now");
    const bad = await browser.post("/papers/index", { id: "not-an-id" });
    expect(bad.status).toBe(400);
  });

  it("only links to arXiv when the hub cannot fetch", async () => {
    const html = await pageText(await feedHub(store, { now }).request("/papers/2406.08888"));
    expect(html).toContain("This hub is not set up to fetch papers from arXiv.");
    expect(html).not.toContain('action="/papers/index"');
    expect(html).toContain('href="https://arxiv.org/abs/2406.08888"');
  });
});
