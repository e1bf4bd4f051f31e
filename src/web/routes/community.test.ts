// The community routes through the whole web app: upvotes, comments, submissions, moderation and user pages, forms and redirects.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { CommunityService } from "../../community/community-service.js";
import { insertPaper, insertUser, type TestUser } from "../../community/test-support/community-fixtures.js";
import { signInDirect } from "../../community/test-support/web-session.js";
import { createLogger } from "../../logging/logger.js";
import type { Store } from "../../storage/store.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";
import { createWebApp } from "../app.js";
import { setRateLimitClock } from "../middleware/rate-limit.js";
import { WebClient } from "../test-support/web-client.js";

const backend = sqliteBackend();
const log = createLogger({ level: "silent", format: "json" });
const P = "2407.00001";
const OLD = "hep-th/9901001";
let store: Store;
let community: CommunityService;
let ann: TestUser;
let bob: TestUser;
let mod: TestUser;
let now = 0;

beforeEach(async () => {
  store = await backend.open();
  now = Date.now();
  setRateLimitClock(() => now);
  community = new CommunityService(store, { submitDailyLimit: 2 });
  await insertPaper(store, P, { title: "A paper on the feed", hub: { feedDay: "2024-08-01", upvotes: 10 } });
  await insertPaper(store, OLD, { title: "Old style", publishedAt: "1999-01-01T00:00:00.000Z" });
  ann = await insertUser(store, "ann", { displayName: "Ann A." });
  bob = await insertUser(store, "bob");
  mod = await insertUser(store, "mo", { role: "moderator" });
});
afterEach(async () => {
  setRateLimitClock();
  await store.close();
});
afterAll(() => backend.cleanup());

const app = () => createWebApp({ store, log, community });
async function as(user: TestUser | null): Promise<WebClient> {
  const c = new WebClient(app());
  if (user) await signInDirect(store, c, user.id);
  else await c.refreshCsrf();
  return c;
}
const upvotes = async (id = P) => (await community.paperView(id, null)).upvotes;
const location = (res: Response) => res.headers.get("location");

describe("POST /papers/:id/upvote", () => {
  it("sends signed-out readers to sign in, and back afterwards", async () => {
    const c = await as(null);
    const res = await c.post(`/papers/${P}/upvote`, { vote: "1", returnTo: "/papers?date=2024-08-01" });
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/signin?next=${encodeURIComponent("/papers?date=2024-08-01")}`);
    expect(await upvotes()).toBe(10);
  });

  it("casts and withdraws a vote, counting a double submit once, and redirects back", async () => {
    const c = await as(ann);
    const res = await c.post(`/papers/${P}/upvote`, { vote: "1", returnTo: `/papers/${P}` });
    expect(res.status).toBe(303);
    expect(location(res)).toBe(`/papers/${P}`);
    await c.post(`/papers/${P}/upvote`, { vote: "1" });
    expect(await upvotes()).toBe(11);
    await c.post(`/papers/${P}/upvote`, { vote: "0" });
    expect(await upvotes()).toBe(10);
    // No state named: a toggle.
    await c.post(`/papers/${P}/upvote`, {});
    expect((await community.paperView(P, ann)).upvoted).toBe(true);
  });

  it("works for old-style ids with a slash, and keeps redirects on this site", async () => {
    const c = await as(ann);
    const res = await c.post(`/papers/${OLD}/upvote`, { vote: "1", returnTo: "//evil.example/x" });
    expect(location(res)).toBe("/");
    expect(await upvotes(OLD)).toBe(1);
  });

  it("refuses a form without the CSRF token, and unknown papers", async () => {
    const c = await as(ann);
    expect((await c.post(`/papers/${P}/upvote`, { vote: "1" }, { csrf: false })).status).toBe(403);
    expect(await upvotes()).toBe(10);
    expect((await c.post("/papers/2407.99999/upvote", { vote: "1" })).status).toBe(404);
  });

  it("rate-limits a flood of votes", async () => {
    const c = await as(ann);
    let last: Response | null = null;
    for (let i = 0; i < 61; i++) last = await c.post(`/papers/${P}/upvote`, {});
    expect(last!.status).toBe(429);
    expect(last!.headers.get("retry-after")).toBeTruthy();
  });
});

describe("comments", () => {
  it("posts a comment and a reply, landing on their anchors", async () => {
    const c = await as(ann);
    const res = await c.post(`/papers/${P}/comments`, { body: "First! <script>alert(1)</script>" });
    expect(res.status).toBe(303);
    const [top] = (await community.paperView(P, null)).comments;
    expect(location(res)).toBe(`/papers/${P}#comment-${top!.id}`);
    expect(top!.html).not.toContain("<script");

    const b = await as(bob);
    const reply = await b.post(`/papers/${P}/comments`, { body: "Welcome", parent: top!.id });
    const view = await community.paperView(P, null);
    expect(location(reply)).toBe(`/papers/${P}#comment-${view.comments[0]!.replies[0]!.id}`);
  });

  it("answers an empty comment with a page saying why, and sends signed-out readers to sign in", async () => {
    const c = await as(ann);
    const res = await c.post(`/papers/${P}/comments`, { body: "   " });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("A comment cannot be empty.");
    const anon = await as(null);
    const res2 = await anon.post(`/papers/${OLD}/comments`, { body: "hi" });
    expect(location(res2)).toBe(`/signin?next=${encodeURIComponent(`/papers/${OLD}#comments`)}`);
  });

  it("edits and deletes one's own comment only", async () => {
    const c = await as(ann);
    await c.post(`/papers/${P}/comments`, { body: "tpyo" });
    const id = (await community.paperView(P, null)).comments[0]!.id;
    const b = await as(bob);
    expect((await b.post(`/comments/${id}/edit`, { body: "vandalised" })).status).toBe(403);
    expect((await b.post(`/comments/${id}/delete`, {})).status).toBe(403);
    const edit = await c.post(`/comments/${id}/edit`, { body: "typo" });
    expect(location(edit)).toBe(`/papers/${P}#comment-${id}`);
    expect((await community.paperView(P, null)).comments[0]!.html).toBe("<p>typo</p>");
    const del = await c.post(`/comments/${id}/delete`, {});
    expect(location(del)).toBe(`/papers/${P}#comments`);
    expect((await community.paperView(P, null)).comments).toEqual([]);
    expect((await c.post(`/comments/${id}/delete`, {})).status).toBe(404);
  });
});

describe("/papers/submit", () => {
  beforeEach(async () => {
    await insertPaper(store, "2408.00001", { title: "Fresh <b>paper</b>", publishedAt: new Date(Date.now() - 2 * 86_400_000).toISOString() });
  });

  it("sends signed-out visitors to sign in", async () => {
    const c = await as(null);
    const res = await c.get("/papers/submit");
    expect(res.status).toBe(303);
    expect(location(res)).toBe("/signin?next=%2Fpapers%2Fsubmit");
  });

  it("shows the form, places the paper and shows a receipt (PRG)", async () => {
    const c = await as(ann);
    const form = await c.get("/papers/submit");
    expect(form.status).toBe(200);
    const html = await form.text();
    expect(html).toContain('<form class="submit-paper" method="post" action="/papers/submit">');
    expect(html).toMatch(/name="_csrf" value="[A-Za-z0-9_-]{43}"/);
    expect(html).toContain("up to 2 a day");
    const res = await c.post("/papers/submit", { paper: "https://arxiv.org/abs/2408.00001v2" });
    expect(res.status).toBe(303);
    expect(location(res)).toBe("/papers/submit?done=2408.00001");
    const receipt = await (await c.get(location(res)!)).text();
    expect(receipt).toContain('Submitted: <a href="/papers/2408.00001">Fresh &lt;b&gt;paper&lt;/b&gt;</a>');
    expect((await store.getPaper("2408.00001"))!.hub!.submittedBy).toEqual({ name: "ann", fullname: "Ann A." });
  });

  it("refuses duplicates with a link to the existing entry, and bad input keeping what was typed", async () => {
    const c = await as(ann);
    const dup = await c.post("/papers/submit", { paper: P });
    expect(dup.status).toBe(409);
    const html = await dup.text();
    expect(html).toContain(`${P} is already on the feed of 2024-08-01.`);
    expect(html).toContain(`See <a href="/papers/${P}">the existing entry</a>`);
    const bad = await c.post("/papers/submit", { paper: "not a paper <x>" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('role="alert"');
    expect(badHtml).toContain('value="not a paper &lt;x&gt;"');
    const old = await c.post("/papers/submit", { paper: OLD });
    expect(old.status).toBe(400);
    expect(await old.text()).toMatch(/papers can be submitted within 14 days of publication/);
  });
});

describe("moderation", () => {
  it("shows /admin to moderators only", async () => {
    expect(location(await (await as(null)).get("/admin"))).toBe("/signin?next=%2Fadmin");
    const user = await (await as(ann)).get("/admin");
    expect(user.status).toBe(403);
    expect(await user.text()).toContain("This page is for moderators.");
    const page = await (await as(mod)).get("/admin");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Nothing has been moderated yet.");
  });

  it("hides and restores a paper, logging it, and refuses non-moderators", async () => {
    const u = await as(ann);
    expect((await u.post("/admin/papers/hide", { paper: P })).status).toBe(403);
    const m = await as(mod);
    const res = await m.post("/admin/papers/hide", { paper: `https://arxiv.org/abs/${P}`, reason: "spam <b>", returnTo: "/admin" });
    expect(location(res)).toBe("/admin");
    expect(await community.isHidden(P)).toBe(true);
    const html = await (await m.get("/admin")).text();
    expect(html).toContain(`hid paper <a href="/papers/${P}">${P}</a>`);
    expect(html).toContain("spam &lt;b&gt;");
    await m.post("/admin/papers/restore", { paper: P });
    expect(await community.isHidden(P)).toBe(false);
  });

  it("hides a comment from the thread's button and returns to it", async () => {
    const c = await as(ann);
    await c.post(`/papers/${P}/comments`, { body: "rude" });
    const id = (await community.paperView(P, null)).comments[0]!.id;
    expect((await c.post(`/admin/comments/${id}/hide`, {})).status).toBe(403);
    const m = await as(mod);
    const res = await m.post(`/admin/comments/${id}/hide`, { returnTo: `/papers/${P}#comment-${id}` });
    expect(location(res)).toBe(`/papers/${P}#comment-${id}`);
    expect((await community.paperView(P, ann)).comments).toEqual([]);
    await m.post(`/admin/comments/${id}/restore`, {});
    expect((await community.paperView(P, ann)).comments).toHaveLength(1);
  });

  it("bans a user, signing them out at once", async () => {
    const b = await as(bob);
    const m = await as(mod);
    const res = await m.post("/admin/users/ban", { user: "@bob", reason: "spam" });
    expect(location(res)).toBe("/admin");
    const after = await b.post(`/papers/${P}/upvote`, { vote: "1" });
    // Signed out now: the vote is not cast, and the CSRF token of the old session no longer matches.
    expect(after.status).toBe(403);
    expect(await upvotes()).toBe(10);
    expect((await community.profile("bob", null))).toBeNull();
    await m.post("/admin/users/unban", { user: "bob" });
    expect((await community.profile("bob", null))?.name).toBe("bob");
  });
});

describe("/u/:name", () => {
  it("shows a user's submissions, upvotes and comments, without hidden ones for other readers", async () => {
    await community.toggleUpvote(ann.id, P);
    await community.comments.add(ann, P, "Nice *work*");
    const rude = await community.comments.add(ann, OLD, "rude");
    await community.moderation.hideComment(mod, rude.id);
    const res = await (await as(bob)).get("/u/ann");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Ann A. <small>@ann</small>");
    expect(html).toContain(`<a href="/papers/${P}">A paper on the feed</a>`);
    expect(html).toContain("<p>Nice <em>work</em></p>");
    expect(html).not.toContain("rude");
    expect(html).not.toContain("Ban this user");
    const modHtml = await (await (await as(mod)).get("/u/ann")).text();
    expect(modHtml).toContain("<p>rude</p>");
    expect(modHtml).toContain("Ban this user");
    expect((await (await as(null)).get("/u/nobody")).status).toBe(404);
  });
});
