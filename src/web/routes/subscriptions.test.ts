// Subscribing from the pages, double opt-in by a mailed link, one-click and linked unsubscribe without signing in, managing, and account settings.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { mailHub, type MailHub } from "../../digest/test-support/mail-hub.js";
import { feedRecord } from "../../feed/test-support/feed-records.js";
import { SmtpCatcher, headerValues, type CaughtMail } from "../../mail/test-support/smtp-catcher.js";
import { openStore } from "../../storage/open-store.js";
import type { Store } from "../../storage/store.js";
import { createWebApp } from "../app.js";
import { pageText, silentLog } from "../test-support/feed-hub.js";
import { WebClient } from "../test-support/web-client.js";

const work = mkdtempSync(join(tmpdir(), "pb-subs-web-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The hub path of the first link in a mail's text part that starts with `path`. */
function linkIn(m: CaughtMail, path: string): string {
  const url = new RegExp(`https://hub\\.example\\.org(${path.replace(/[?]/g, "\\?")}[^\\s>]*)`).exec(m.parsed.text ?? "")?.[1];
  if (!url) throw new Error(`no ${path} link in:\n${m.parsed.text}`);
  return url;
}

describe("subscription pages", () => {
  let store: Store;
  let catcher: SmtpCatcher;
  let hub: MailHub;
  let app: Hono;
  let n = 0;

  beforeEach(async () => {
    store = await openStore({ dataDir: join(work, String(n++)) });
    catcher = await SmtpCatcher.start();
    hub = mailHub(store, { smtpUrl: catcher.url, now: "2024-06-06T09:00:00.000Z" });
    await store.upsertPapers([
      feedRecord("2406.00001", { day: "2024-06-05", upvotes: 42, paper: { title: "State Space Models All the Way Down" } }),
      feedRecord("2406.00002", { day: "2024-06-06", upvotes: 5, paper: { title: "Sparse Attention for Long Documents" } }),
    ]);
    await store.lexical.catchUp();
    app = createWebApp({ store, log: silentLog, feed: hub.feed, accounts: hub.accounts, subscriptions: { subscriptions: hub.subscriptions, defaultTimeZone: "UTC" } });
  });
  afterEach(async () => {
    await hub.close();
    await catcher.close();
    await store.close();
  });

  it("offers the form on the daily, trending, search and organisation pages only when mail is set up", async () => {
    const web = new WebClient(app);
    for (const path of ["/papers", "/papers/trending", "/papers/search?q=state+space&category=cs.LG"]) {
      const html = await pageText(await web.get(path));
      expect(html, path).toContain('action="/subscribe"');
      expect(html).toContain('name="_csrf"');
    }
    const search = await (await web.get("/papers/search?q=state+space&category=cs.LG")).text();
    expect(search).toContain('<input type="hidden" name="follow" value="search"/>');
    expect(search).toContain('<input type="hidden" name="q" value="state space"/>');
    expect(search).toContain('<input type="hidden" name="category" value="cs.LG"/>');

    const off = createWebApp({ store, log: silentLog, feed: hub.feed, accounts: hub.accounts });
    expect(await (await off.request("/papers/trending")).text()).not.toContain('action="/subscribe"');
  });

  it("subscribes by double opt-in: a confirmation mail, nothing else until its link is followed, then digests", async () => {
    const web = new WebClient(app);
    await web.get("/papers/trending");
    const res = await web.post("/subscribe", { follow: "trending", email: "Ada@Example.org", frequency: "weekly" });
    expect(res.status).toBe(200);
    const page = await pageText(res);
    expect(page).toContain("Check your inbox");
    expect(page).toContain("ada@example.org");

    const [confirmation] = await catcher.waitFor(1);
    expect(confirmation!.to).toEqual(["ada@example.org"]);
    expect(confirmation!.parsed.subject).toBe("Confirm your Paperboard subscription");
    expect(confirmation!.parsed.text).toContain("trending papers, weekly");
    expect(headerValues(confirmation!, "List-Unsubscribe-Post")).toEqual(["List-Unsubscribe=One-Click"]);
    expect(await hub.digests.run({ now: true })).toMatchObject({ sent: [], empty: 0 });

    // Opening the link (a mail scanner would) confirms nothing; the button does.
    const link = linkIn(confirmation!, "/subscriptions/confirm?token=");
    const ask = await pageText(await web.get(link));
    expect(ask).toContain("Yes, send me these mails");
    expect((await hub.subscriptions.list())[0]!.confirmedAt).toBeNull();
    const token = new URL(link, "http://x").searchParams.get("token")!;
    const done = await web.post("/subscriptions/confirm", { token });
    expect(await pageText(done)).toContain("Subscription confirmed");

    const r = await hub.digests.run({ now: true });
    expect(r.sent).toEqual([expect.objectContaining({ email: "ada@example.org", frequency: "weekly", papers: 2 })]);
    await catcher.waitFor(2);
    expect(catcher.mails[1]!.parsed.subject).toBe("Trending this week: State Space Models All the Way Down and 1 more");

    // Submitting the form again sends no further mail, and the page does not tell who is subscribed.
    const again = await pageText(await web.post("/subscribe", { follow: "trending", email: "ada@example.org", frequency: "weekly" }));
    expect(again).toContain("Check your inbox");
    expect(catcher.received).toBe(2);
  });

  it("unsubscribes in one click (RFC 8058 POST, no session, no CSRF token) and by the link's page", async () => {
    await hub.subscriptions.subscribe({ email: "ada@example.org", follow: { kind: "trending" }, schedule: { frequency: "daily", sendHour: 8, timeZone: "UTC", weekdaysOnly: false, sendWeekday: 1 }, confirmed: true });
    await hub.subscriptions.subscribe({ email: "ada@example.org", follow: { kind: "category", category: "cs.lg" }, schedule: { frequency: "daily", sendHour: 8, timeZone: "UTC", weekdaysOnly: false, sendWeekday: 1 }, confirmed: true });
    await hub.digests.run({ now: true });
    const mails = await catcher.waitFor(2);
    const trending = mails.find((m) => m.parsed.subject?.startsWith("Trending"))!;
    const oneClick = headerValues(trending, "List-Unsubscribe")[0]!.replace(/^<https:\/\/hub\.example\.org/, "").replace(/>.*$/, "");

    const res = await app.request(oneClick, { method: "POST", body: "List-Unsubscribe=One-Click", headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Unsubscribed");
    expect((await hub.subscriptions.list()).map((s) => s.follow.kind)).toEqual(["category"]);
    // Twice is fine.
    expect((await app.request(oneClick, { method: "POST" })).status).toBe(200);

    // The other mail's link, opened in a browser that never signed in: a page with a button, then done.
    const category = mails.find((m) => m.parsed.subject?.startsWith("New in"))!;
    const web = new WebClient(app);
    const link = linkIn(category, "/unsubscribe?token=");
    const page = await pageText(await web.get(link));
    expect(page).toContain("Stop mailing new papers in cs.lg (daily) to <strong>ada@example.org</strong>?");
    expect((await web.post(link, {})).status).toBe(200);
    expect(await hub.subscriptions.list()).toEqual([]);
    expect(await pageText(await web.get(link))).toContain("already unsubscribed");

    hub.clock.now = new Date("2024-06-07T09:00:00.000Z");
    await store.upsertPapers([feedRecord("2406.00003", { day: "2024-06-06", upvotes: 9 })]);
    expect((await hub.digests.run({ now: true })).sent).toEqual([]);

    const forged = await app.request(`/unsubscribe?token=${encodeURIComponent("u.nosuchrow..AAAAAAAAAAAAAAAAAAAAAA")}`, { method: "POST" });
    expect(forged.status).toBe(200);
    expect((await app.request("/unsubscribe?token=garbage", { method: "POST" })).status).toBe(400);
  });

  it("manages an address's subscriptions from the mail's link, and refuses tampered or expired links", async () => {
    const schedule = { frequency: "daily" as const, sendHour: 8, timeZone: "UTC", weekdaysOnly: false, sendWeekday: 1 };
    await hub.subscriptions.subscribe({ email: "ada@example.org", follow: { kind: "trending" }, schedule, confirmed: true });
    await hub.digests.run({ now: true });
    const [digest] = await catcher.waitFor(1);
    const manage = linkIn(digest!, "/subscriptions/manage?token=");
    const web = new WebClient(app);
    const page = await pageText(await web.get(manage));
    expect(page).toContain("Mail to ada@example.org");
    expect(page).toContain("daily at 08:00 (UTC)");
    const id = (await hub.subscriptions.list())[0]!.id;
    const saved = await web.post(manage, { subscription: id, sendHour: "6", timeZone: "Europe/Berlin", weekdaysOnly: "1" });
    expect(saved.status).toBe(303);
    expect(await pageText(await web.get(saved.headers.get("location")!))).toContain("daily at 06:00 (Europe/Berlin), weekdays only");
    expect((await web.post(manage, { subscription: id, sendHour: "6", timeZone: "Nowhere/Land" })).status).toBe(400);

    const tampered = manage.replace(/.(?=$)/, (ch) => (ch === "A" ? "B" : "A"));
    expect((await web.get(tampered)).status).toBe(400);

    const pending = await hub.subscriptions.subscribe({ email: "bob@example.org", follow: { kind: "trending" }, schedule });
    expect(pending.outcome).toBe("confirmation-sent");
    const [, confirmation] = await catcher.waitFor(2);
    hub.clock.now = new Date("2024-06-13T09:00:01.000Z");
    const expired = await web.get(linkIn(confirmation!, "/subscriptions/confirm?token="));
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("This confirmation link has expired");
  });

  it("lets a signed-in reader subscribe from settings (their address confirmed once), and deleting the account deletes it all", async () => {
    const web = new WebClient(app);
    await web.signUp("ada");
    expect(await pageText(await web.get("/settings"))).toContain('href="/settings/subscriptions"');
    const empty = await pageText(await web.get("/settings/subscriptions"));
    expect(empty).toContain("Add a digest or an alert");

    const add = await web.post("/settings/subscriptions", { intent: "add", follow: "search", value: "state space", frequency: "daily", sendHour: "7", timeZone: "UTC" });
    expect(add.status).toBe(303);
    expect(add.headers.get("location")).toBe("/settings/subscriptions?saved=pending");
    const [confirmation] = await catcher.waitFor(1);
    expect(confirmation!.to).toEqual(["ada@example.org"]);
    expect(await pageText(await web.get("/settings/subscriptions"))).toContain("Nothing is mailed to ada@example.org until you follow the confirmation link");
    const token = new URL(linkIn(confirmation!, "/subscriptions/confirm?token="), "http://x").searchParams.get("token")!;
    await web.get(`/subscriptions/confirm?token=${encodeURIComponent(token)}`);
    expect((await web.post("/subscriptions/confirm", { token })).status).toBe(200);

    // The address is confirmed now: the next subscription is live at once, no mail.
    const second = await web.post("/settings/subscriptions", { intent: "add", follow: "trending", frequency: "weekly", sendWeekday: "3", timeZone: "UTC" });
    expect(second.headers.get("location")).toBe("/settings/subscriptions?saved=added");
    expect(catcher.received).toBe(1);
    const list = await pageText(await web.get("/settings/subscriptions"));
    expect(list).toContain("your search &#39;state space&#39;");
    expect(list).toContain("weekly on Wednesday at 08:00 (UTC)");
    expect((await web.post("/settings/subscriptions", { intent: "add", follow: "author", value: "" })).status).toBe(400);

    await web.refreshCsrf();
    const deleted = await web.post("/settings", { intent: "delete", currentPassword: "correct-horse-staple" });
    expect(deleted.status).toBe(200);
    expect(await hub.subscriptions.list()).toEqual([]);
  });
});
