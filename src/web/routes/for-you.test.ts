// The personal feed's pages through the whole web app: sign-in, reasons, CSRF, "not interested" with undo, "Save", and the start page.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertUser, type TestUser } from "../../community/test-support/community-fixtures.js";
import { signInDirect } from "../../community/test-support/web-session.js";
import { createLogger } from "../../logging/logger.js";
import { TOPIC_A, TOPIC_B } from "../../personal/__fixtures__/topic-papers.js";
import { createPersonalServices } from "../../personal/personal-services.js";
import { RULE, feedOver, putPaper } from "../../personal/test-support/personal-fixtures.js";
import { PersonalRepo } from "../../storage/personal-repo.js";
import type { Store } from "../../storage/store.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";
import { createWebApp } from "../app.js";
import { setRateLimitClock } from "../middleware/rate-limit.js";
import { pageText } from "../test-support/feed-hub.js";
import { WebClient } from "../test-support/web-client.js";

const backend = sqliteBackend();
const log = createLogger({ level: "silent", format: "json" });
const NOW = new Date("2024-02-20T12:00:00.000Z");
const now = () => NOW;
let store: Store;
let ada: TestUser;

beforeEach(async () => {
  store = await backend.open();
  setRateLimitClock(() => NOW.getTime());
  ada = await insertUser(store, "ada");
  for (const [i, p] of TOPIC_A.slice(0, 4).entries()) await putPaper(store, p, { day: `2024-01-1${i}` });
  for (const p of [...TOPIC_A.slice(4, 8), ...TOPIC_B.slice(0, 6)]) await putPaper(store, p, { day: "2024-02-19", upvotes: 2 });
  await putPaper(store, TOPIC_B[6]!, { day: "2024-02-19", upvotes: 50, authors: ["Barbara Liskov"], categories: ["q-bio.BM", "cs.CL"] });
});
afterEach(async () => {
  setRateLimitClock();
  await store.close();
});
afterAll(() => backend.cleanup());

function app() {
  const feed = feedOver(store, now);
  return createWebApp({ store, log, feed, personal: createPersonalServices({ store, feed, rule: RULE, clock: now }) });
}
async function as(user: TestUser | null): Promise<WebClient> {
  const c = new WebClient(app());
  if (user) await signInDirect(store, c, user.id);
  else await c.refreshCsrf();
  return c;
}
const location = (res: Response) => res.headers.get("location");
const cardTitles = (html: string) => [...html.matchAll(/<h2 class="card-title"[^>]*><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]!);

describe("GET /papers/for-you", () => {
  it("sends signed-out readers to sign in, and back afterwards", async () => {
    const res = await (await as(null)).get("/papers/for-you");
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/signin?next=${encodeURIComponent("/papers/for-you")}`);
    expect(location(await (await as(null)).get("/papers/for-you/start"))).toBe(`/signin?next=${encodeURIComponent("/papers/for-you/start")}`);
  });

  it("at cold start shows the community's list, the way to the start page, and forms with the CSRF token", async () => {
    const c = await as(ada);
    const html = await pageText(await c.get("/papers/for-you"));
    expect(html).toContain('href="/papers/for-you/start"');
    expect(cardTitles(html)[0]).toBe(TOPIC_B[6]!.id);
    expect(html).toContain("trending: 50 upvotes");
    expect(html).toContain(`action="/papers/${TOPIC_B[6]!.id}/not-interested"`);
    expect(html).toContain(`action="/papers/${TOPIC_B[6]!.id}/save"`);
    expect(html).toContain(`name="_csrf" value="${c.csrf}"`);
    // The site's navigation leads here.
    expect(html).toContain('href="/papers/for-you"');
  });

  it("ranks by what the reader liked, with the reason on each card", async () => {
    const c = await as(ada);
    for (const p of TOPIC_A.slice(0, 4)) expect((await c.post(`/papers/${p.id}/save`, { returnTo: "/papers/for-you" })).status).toBe(303);
    const html = await pageText(await c.get("/papers/for-you"));
    const order = cardTitles(html);
    expect(order.slice(0, 4).every((id) => id.startsWith("2403."))).toBe(true);
    expect(order).not.toContain(TOPIC_A[0]!.id);
    expect(html).toMatch(/similar to “[^”]+”, which you saved/);
    expect(html).not.toContain('href="/papers/for-you/start">pick a few');
  });
});

describe("Not interested and Save", () => {
  it("refuses a form without the CSRF token", async () => {
    const c = await as(ada);
    const res = await c.post(`/papers/${TOPIC_B[6]!.id}/not-interested`, { returnTo: "/papers/for-you" }, { csrf: false });
    expect(res.status).toBe(403);
    expect(await new PersonalRepo(store.db).notInterested(ada.id, 10)).toEqual([]);
  });

  it("takes a paper off the list, says so with an undo, and undoes", async () => {
    const c = await as(ada);
    const id = TOPIC_B[6]!.id;
    const res = await c.post(`/papers/${id}/not-interested`, { returnTo: "/papers/for-you" });
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/papers/for-you?marked=${id}`);
    const html = await pageText(await c.get(location(res)!));
    expect(cardTitles(html)).not.toContain(id);
    expect(html).toContain(`action="/papers/${id}/interested"`);
    expect(location(await c.post(`/papers/${id}/interested`, { returnTo: "/papers/for-you" }))).toBe("/papers/for-you");
    expect(cardTitles(await pageText(await c.get("/papers/for-you")))).toContain(id);
  });

  it("saves into the reader's Saved collection, which leaves the list; signed-out readers go to sign in", async () => {
    const c = await as(ada);
    const id = TOPIC_A[5]!.id;
    const res = await c.post(`/papers/${id}/save`, { returnTo: "/papers/for-you" });
    expect(location(res)).toBe(`/papers/for-you?saved=${id}`);
    const html = await pageText(await c.get(location(res)!));
    expect(html).toContain('href="/u/ada/c/saved"');
    expect(cardTitles(html)).not.toContain(id);
    expect(cardTitles(await pageText(await c.get("/u/ada/c/saved")))).toEqual([id]);
    const out = await as(null);
    expect(location(await out.post(`/papers/${id}/save`, { returnTo: "/papers/for-you" }))).toBe(`/signin?next=${encodeURIComponent("/papers/for-you")}`);
  });

  it("answers 404 for a paper the hub does not hold", async () => {
    const c = await as(ada);
    expect((await c.post("/papers/2499.99999/not-interested", {})).status).toBe(404);
    expect((await c.post("/papers/2499.99999/save", {})).status).toBe(404);
  });
});

describe("the start page", () => {
  it("offers papers, categories and authors, stores the picks, and the feed follows them", async () => {
    const c = await as(ada);
    const html = await pageText(await c.get("/papers/for-you/start"));
    expect(html).toContain(`name="paper" value="${TOPIC_B[6]!.id}"`);
    expect(html).toContain('name="category" value="cs.LG"');
    const body = new URLSearchParams({ _csrf: c.csrf, categoryText: "stat.ML, cs.CL", authorText: "Barbara Liskov" });
    body.append("paper", TOPIC_A[4]!.id);
    body.append("paper", TOPIC_A[5]!.id);
    body.append("category", "cs.LG");
    const res = await app().request("/papers/for-you/start", {
      method: "POST",
      body,
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(res.status).toBe(303);
    expect(location(res)).toBe("/papers/for-you");
    const repo = new PersonalRepo(store.db);
    expect(await repo.follows(ada.id)).toEqual([
      { kind: "author", value: "Barbara Liskov" },
      { kind: "category", value: "cs.CL" },
      { kind: "category", value: "cs.LG" },
      { kind: "category", value: "stat.ML" },
    ]);
    expect((await repo.savedPapers(ada.id, 10)).map((m) => m.paperId).sort()).toEqual([TOPIC_A[4]!.id, TOPIC_A[5]!.id].sort());
    const feed = await pageText(await c.get("/papers/for-you"));
    expect(cardTitles(feed)[0]).toBe(TOPIC_B[6]!.id);
    expect(feed).toContain("by Barbara Liskov, whom you follow");
    // Followed names come back checked.
    expect(await pageText(await c.get("/papers/for-you/start"))).toMatch(/name="author" value="Barbara Liskov" checked/);
  });

  it("refuses what is not a category", async () => {
    const c = await as(ada);
    const res = await c.post("/papers/for-you/start", { categoryText: "not a category!" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("not an arXiv category");
  });
});
