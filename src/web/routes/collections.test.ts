// Collections through the whole web app: privacy (404 for others), owner-only changes, save/unsave from the paper page, feeds and BibTeX.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertUser, type TestUser } from "../../community/test-support/community-fixtures.js";
import { signInDirect } from "../../community/test-support/web-session.js";
import { createLogger } from "../../logging/logger.js";
import { TOPIC_A } from "../../personal/__fixtures__/topic-papers.js";
import { createPersonalServices } from "../../personal/personal-services.js";
import { RULE, feedOver, putPaper } from "../../personal/test-support/personal-fixtures.js";
import type { Store } from "../../storage/store.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";
import { createWebApp } from "../app.js";
import { setRateLimitClock } from "../middleware/rate-limit.js";
import { pageText } from "../test-support/feed-hub.js";
import { WebClient } from "../test-support/web-client.js";

const backend = sqliteBackend();
const log = createLogger({ level: "silent", format: "json" });
const NOW = new Date("2024-02-20T12:00:00.000Z");
const [P1, P2] = [TOPIC_A[0]!, TOPIC_A[1]!];
let store: Store;
let ada: TestUser;
let bob: TestUser;

beforeEach(async () => {
  store = await backend.open();
  setRateLimitClock(() => NOW.getTime());
  ada = await insertUser(store, "ada");
  bob = await insertUser(store, "bob");
  await putPaper(store, P1, { day: "2024-02-19", authors: ["Ada Lovelace", "Charles Babbage"] });
  await putPaper(store, P2, { day: "2024-02-18" });
});
afterEach(async () => {
  setRateLimitClock();
  await store.close();
});
afterAll(() => backend.cleanup());

function app() {
  const feed = feedOver(store, () => NOW);
  return createWebApp({ store, log, feed, personal: createPersonalServices({ store, feed, rule: RULE, clock: () => NOW }) });
}
async function as(user: TestUser | null): Promise<WebClient> {
  const c = new WebClient(app());
  if (user) await signInDirect(store, c, user.id);
  else await c.refreshCsrf();
  return c;
}
const location = (res: Response) => res.headers.get("location");

describe("creating and viewing", () => {
  it("makes a private collection its owner sees and nobody else does (404, not 403)", async () => {
    const c = await as(ada);
    const res = await c.post("/collections", { name: "Reading: Q3 / 2024!" });
    expect(res.status).toBe(303);
    expect(location(res)).toBe("/u/ada/c/reading-q3-2024");
    const own = await pageText(await c.get("/u/ada/c/reading-q3-2024"));
    expect(own).toContain("Reading: Q3 / 2024!");
    expect(own).toContain("private collection");
    expect(await pageText(await c.get("/u/ada/collections"))).toContain('href="/u/ada/c/reading-q3-2024"');

    for (const other of [await as(bob), await as(null)]) {
      expect((await other.get("/u/ada/c/reading-q3-2024")).status).toBe(404);
      expect((await other.get("/u/ada/c/reading-q3-2024/feed.rss")).status).toBe(404);
      expect((await other.get("/u/ada/c/reading-q3-2024/feed.bib")).status).toBe(404);
      expect(await pageText(await other.get("/u/ada/collections"))).not.toContain("reading-q3-2024");
    }
    expect((await c.get("/u/nobody/collections")).status).toBe(404);
  });

  it("needs a name and the CSRF token; a second collection of the same name gets its own address", async () => {
    const c = await as(ada);
    const empty = await c.post("/collections", { name: "   " });
    expect(empty.status).toBe(400);
    expect(await pageText(empty)).toContain("Give the collection a name.");
    expect((await c.post("/collections", { name: "Later" }, { csrf: false })).status).toBe(403);
    expect(location(await c.post("/collections", { name: "Later" }))).toBe("/u/ada/c/later");
    expect(location(await c.post("/collections", { name: "later" }))).toBe("/u/ada/c/later-2");
    expect(location(await (await as(null)).post("/collections", { name: "x" }))).toBe("/signin?next=%2F");
  });
});

describe("saving papers", () => {
  it("saves from the paper page into a chosen collection, lists it there, and removes it", async () => {
    const c = await as(ada);
    await c.post("/collections", { name: "Decoding", public: "1" });
    const page = await pageText(await c.get(`/papers/${P1.id}`));
    expect(page).toContain(`action="/papers/${P1.id}/save"`);
    const decodingId = /<option value="([^"]+)">Decoding<\/option>/.exec(page)?.[1];
    expect(decodingId).toBeTruthy();
    const res = await c.post(`/papers/${P1.id}/save`, { collection: decodingId!, returnTo: `/papers/${P1.id}` });
    expect(location(res)).toBe(`/papers/${P1.id}`);
    const after = await pageText(await c.get(`/papers/${P1.id}`));
    expect(after).toMatch(/In <a href="\/u\/ada\/c\/decoding">Decoding<\/a>/);
    // Public: anyone sees it, with its feeds.
    const seen = await pageText(await (await as(null)).get("/u/ada/c/decoding"));
    expect(seen).toContain(`href="/papers/${P1.id}"`);
    expect(seen).toContain('href="/u/ada/c/decoding/feed.rss"');
    expect(seen).not.toContain('action="/u/ada/c/decoding/remove"');
    // Unsave from the paper page, then save again and remove from the collection's page.
    await c.post(`/papers/${P1.id}/unsave`, { collection: decodingId!, returnTo: `/papers/${P1.id}` });
    expect(await pageText(await c.get("/u/ada/c/decoding"))).not.toContain(`href="/papers/${P1.id}"`);
    await c.post(`/papers/${P1.id}/save`, { collection: decodingId! });
    const own = await pageText(await c.get("/u/ada/c/decoding"));
    expect(own).toContain('action="/u/ada/c/decoding/remove"');
    expect(location(await c.post("/u/ada/c/decoding/remove", { paper: P1.id }))).toBe("/u/ada/c/decoding");
    expect(await pageText(await c.get("/u/ada/c/decoding"))).not.toContain(`href="/papers/${P1.id}"`);
  });

  it("refuses to save into someone else's collection", async () => {
    const a = await as(ada);
    await a.post("/collections", { name: "Mine", public: "1" });
    const id = /<option value="([^"]+)">Mine<\/option>/.exec(await (await a.get(`/papers/${P1.id}`)).text())![1]!;
    const b = await as(bob);
    expect((await b.post(`/papers/${P1.id}/save`, { collection: id })).status).toBe(403);
  });
});

describe("owner-only changes", () => {
  it("renames (the address follows), changes visibility, and deletes; others get 403 on a public collection, 404 on a private one", async () => {
    const c = await as(ada);
    await c.post("/collections", { name: "Drafts", public: "1" });
    const b = await as(bob);
    expect((await b.post("/u/ada/c/drafts/edit", { name: "Mine now", public: "1" })).status).toBe(403);
    expect((await b.post("/u/ada/c/drafts/delete", {})).status).toBe(403);
    const renamed = await c.post("/u/ada/c/drafts/edit", { name: "Final picks" });
    expect(location(renamed)).toBe("/u/ada/c/final-picks");
    expect((await c.get("/u/ada/c/drafts")).status).toBe(404);
    // Now private: bob cannot even tell it exists.
    expect((await b.get("/u/ada/c/final-picks")).status).toBe(404);
    expect((await b.post("/u/ada/c/final-picks/delete", {})).status).toBe(404);
    expect(location(await c.post("/u/ada/c/final-picks/delete", {}))).toBe("/u/ada/collections");
    expect((await c.get("/u/ada/c/final-picks")).status).toBe(404);
  });
});

describe("feeds and citations", () => {
  it("serves a public collection as RSS, Atom and JSON Feed, and as BibTeX and RIS", async () => {
    const c = await as(ada);
    await c.post("/collections", { name: "Shelf", public: "1" });
    const id = /<option value="([^"]+)">Shelf<\/option>/.exec(await (await c.get(`/papers/${P1.id}`)).text())![1]!;
    await c.post(`/papers/${P1.id}/save`, { collection: id });
    await c.post(`/papers/${P2.id}/save`, { collection: id });
    const reader = await as(null);
    const rss = await reader.get("/u/ada/c/shelf/feed.rss");
    expect(rss.headers.get("content-type")).toContain("application/rss+xml");
    const xml = await rss.text();
    expect(xml).toContain("<title>Shelf · Paperboard</title>");
    expect(xml).toContain(`http://localhost/papers/${P1.id}`);
    expect((await reader.get("/u/ada/c/shelf/feed.atom")).headers.get("content-type")).toContain("application/atom+xml");
    const json = JSON.parse(await (await reader.get("/u/ada/c/shelf/feed.json")).text()) as { items: unknown[] };
    expect(json.items).toHaveLength(2);
    const bib = await reader.get("/u/ada/c/shelf/feed.bib");
    expect(bib.headers.get("content-type")).toContain("application/x-bibtex");
    const text = await bib.text();
    expect(text.match(/@misc\{/g)).toHaveLength(2);
    expect(text).toContain("author = {Ada Lovelace and Charles Babbage}");
    expect(await (await reader.get("/u/ada/c/shelf/feed.ris")).text()).toContain("TY  - ");
  });
});

