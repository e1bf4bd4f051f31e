// The digest job against a real SMTP server on loopback, on every storage backend: content, headers, no repeats, retries, crash resume.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { feedRecord, setStats } from "../feed/test-support/feed-records.js";
import { SmtpCatcher, freePort, headerValues } from "../mail/test-support/smtp-catcher.js";
import { allBackends } from "../storage/test-support/backends.js";
import type { Store } from "../storage/store.js";
import type { Follow } from "../subscriptions/follow.js";
import type { Schedule } from "../subscriptions/schedule.js";
import { PUBLIC_URL, mailHub, type MailHub } from "./test-support/mail-hub.js";

const DAILY: Schedule = { frequency: "daily", sendHour: 8, timeZone: "UTC", weekdaysOnly: false, sendWeekday: 1 };
const NOW = "2024-06-06T09:00:00.000Z";

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`digest sending (${backend.name})`, () => {
    let store: Store;
    let catcher: SmtpCatcher;
    let hub: MailHub;

    beforeEach(async () => {
      store = await backend.open();
      catcher = await SmtpCatcher.start();
      hub = mailHub(store, { smtpUrl: catcher.url, now: NOW });
      await store.upsertPapers([
        feedRecord("2406.00001", { day: "2024-06-05", upvotes: 42, paper: { title: "State Space Models All the Way Down", authors: [{ name: "Yann LeCun" }, { name: "Ada Lovelace" }], categories: ["cs.CL"], primaryCategory: "cs.CL" } }),
        feedRecord("2406.00002", { day: "2024-06-05", upvotes: 3, org: "meta-ai", paper: { title: "Sparse Attention for Long Documents", categories: ["cs.LG"] } }),
        feedRecord("2406.00003", { day: "2024-06-05", upvotes: 0, paper: { title: "A Paper Nobody Voted For" } }),
        feedRecord("2406.00004", { day: "2024-06-05", upvotes: 100, paper: { title: "A Hidden Paper about state space models" } }),
      ]);
      await setStats(store, "2406.00004", { hidden: true });
      await store.lexical.catchUp();
    });
    afterEach(async () => {
      await hub.close();
      await catcher.close();
      await store.close();
    });
    afterAll(() => backend.cleanup());

    const subscribe = (email: string, follow: Follow, schedule: Schedule = DAILY) => hub.subscriptions.subscribe({ email, follow, schedule, confirmed: true });

    it("mails a trending digest: titles, authors, reasons, links to the hub, HTML and text parts, one-click unsubscribe headers", async () => {
      await subscribe("ada@example.org", { kind: "trending" });
      const r = await hub.digests.run({ now: true });
      expect(r).toMatchObject({ empty: 0, failed: [], deferred: 0, stopped: null });
      expect(r.sent).toEqual([expect.objectContaining({ email: "ada@example.org", kind: "trending", period: "2024-06-06", papers: 2, resumed: false })]);
      const [m] = await catcher.waitFor(1);
      const mail = m!.parsed;
      expect(mail.subject).toBe("Trending today: State Space Models All the Way Down and 1 more");
      expect(mail.from?.value).toEqual([{ name: "Paperboard", address: "digest@hub.example.org" }]);
      expect(mail.text).toContain("1. State Space Models All the Way Down\n   Yann LeCun, Ada Lovelace\n   trending: 42 upvotes\n   https://hub.example.org/papers/2406.00001");
      expect(mail.text).toContain("trending: 3 upvotes");
      expect(mail.text).not.toContain("Hidden");
      expect(mail.text).not.toContain("Nobody Voted");
      const html = String(mail.html);
      expect(html).toContain('<meta name="color-scheme" content="light dark">');
      expect(html).toContain('href="https://hub.example.org/papers/2406.00001"');
      expect(html).toContain("trending: 42 upvotes");
      expect(html).not.toMatch(/<img|<table|<style|<link|<script/i);
      // RFC 8058: the one-click URL, and the POST that works on it.
      const [unsubscribe] = headerValues(m!, "List-Unsubscribe");
      expect(unsubscribe).toMatch(/^<https:\/\/hub\.example\.org\/unsubscribe\?token=u\.[^>]+>/);
      expect(headerValues(m!, "List-Unsubscribe-Post")).toEqual(["List-Unsubscribe=One-Click"]);
      expect(mail.text).toContain(unsubscribe!.slice(1, unsubscribe!.indexOf(">")));
      expect(mail.text).toMatch(/Manage your subscriptions: https:\/\/hub\.example\.org\/subscriptions\/manage\?token=m\./);
      expect(mail.messageId).toBe(r.sent[0]!.messageId);
      expect(m!.to).toEqual(["ada@example.org"]);
    });

    it("never repeats a paper nor a period, and sends no empty digest", async () => {
      const { subscription } = await subscribe("ada@example.org", { kind: "trending" });
      expect((await hub.digests.run({ now: true })).sent).toHaveLength(1);
      // The same period again: already delivered, nothing sent (a second cron run, or the scheduler after cron).
      expect(await hub.digests.run({ now: true })).toMatchObject({ sent: [], empty: 0 });
      expect((await hub.digests.run()).sent).toHaveLength(0);

      // Next day: one new trending paper; only it is mailed.
      hub.clock.now = new Date("2024-06-07T09:00:00.000Z");
      await store.upsertPapers([feedRecord("2406.00005", { day: "2024-06-06", upvotes: 7, paper: { title: "Brand New Trending Paper" } })]);
      const second = await hub.digests.run();
      expect(second.sent).toEqual([expect.objectContaining({ papers: 1, period: "2024-06-07" })]);
      await catcher.waitFor(2);
      expect(catcher.mails[1]!.parsed.subject).toBe("Trending today: Brand New Trending Paper");

      // The day after: nothing new trending, so nothing is mailed, and the period is recorded as empty.
      hub.clock.now = new Date("2024-06-08T09:00:00.000Z");
      expect(await hub.digests.run()).toMatchObject({ sent: [], empty: 1 });
      expect(catcher.received).toBe(2);
      const deliveries = await hub.repo.listDeliveries(subscription.id);
      expect(deliveries.map((d) => [d.period_key, d.status])).toEqual([
        ["2024-06-06", "sent"],
        ["2024-06-07", "sent"],
        ["2024-06-08", "empty"],
      ]);
      expect((await hub.repo.deliveredIds(subscription.id)).size).toBe(3);
    });

    it("sends alerts for a saved search, an author, a category and an organisation, each with its reason", async () => {
      await subscribe("s@example.org", { kind: "search", q: "state space models", after: null, before: null, category: null, hasCode: false });
      await subscribe("a@example.org", { kind: "author", name: "yann lecun" });
      await subscribe("c@example.org", { kind: "category", category: "cs.cl" });
      await subscribe("o@example.org", { kind: "organisation", name: "meta-ai" });
      const r = await hub.digests.run({ now: true });
      expect(r.sent).toHaveLength(4);
      await catcher.waitFor(4);
      const text = (to: string) => catcher.to(to)[0]!.parsed.text ?? "";
      expect(text("s@example.org")).toContain("matches your search 'state space models'");
      expect(text("s@example.org")).not.toContain("Hidden");
      expect(catcher.to("s@example.org")[0]!.parsed.subject).toBe("1 new paper for 'state space models'");
      expect(text("a@example.org")).toContain("new paper by Yann LeCun");
      expect(text("c@example.org")).toContain("in cs.CL");
      expect(text("o@example.org")).toContain("Sparse Attention for Long Documents\n   Ada Lovelace, Alan Turing\n   from meta-ai Research");
      expect(catcher.to("o@example.org")[0]!.parsed.html).toContain("https://hub.example.org/orgs/meta-ai");
      // Papers older than the look-back window are no news: a week later the same alerts find nothing.
      hub.clock.now = new Date("2024-06-13T09:00:00.000Z");
      expect(await hub.digests.run({ now: true })).toMatchObject({ sent: [], empty: 4 });
    });

    it("mails nothing but the confirmation before the address confirms", async () => {
      const r = await hub.subscriptions.subscribe({ email: "new@example.org", follow: { kind: "trending" }, schedule: DAILY });
      expect(r.outcome).toBe("confirmation-sent");
      await catcher.waitFor(1);
      expect(catcher.mails[0]!.parsed.subject).toBe("Confirm your Paperboard subscription");
      expect(await hub.digests.run({ now: true })).toMatchObject({ sent: [], empty: 0 });
      expect(catcher.received).toBe(1);
    });

    it("retries a refused connection with back-off and sends once the server is up", async () => {
      const port = await freePort();
      let late: SmtpCatcher | null = null;
      const retries: number[] = [];
      const down = mailHub(store, {
        smtpUrl: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
        now: NOW,
        sender: {
          retry: { attemptsPerRun: 4, maxAttempts: 6, baseDelayMs: 100, maxDelayMs: 1000 },
          onRetry: (info) => void retries.push(info.attempt),
          // The mail server comes up during the back-off after the first refused attempt.
          sleep: async (ms) => {
            late ??= await SmtpCatcher.start({ port });
            await new Promise((r) => setTimeout(r, ms));
          },
        },
      });
      try {
        await down.subscriptions.subscribe({ email: "ada@example.org", follow: { kind: "trending" }, schedule: DAILY, confirmed: true });
        const r = await down.digests.run({ now: true });
        expect(r).toMatchObject({ failed: [], deferred: 0, stopped: null });
        expect(r.sent).toHaveLength(1);
        expect(retries).toEqual([1]);
        const [d] = await down.repo.listDeliveries();
        expect(d).toMatchObject({ status: "sent", attempts: 2 });
        expect((late as SmtpCatcher | null)?.received).toBe(1);
      } finally {
        await down.close();
        await (late as SmtpCatcher | null)?.close();
      }
    });

    it("retries a 421 reply within the run; a server that stays down defers the digest to a later run", async () => {
      const busy = await SmtpCatcher.start({ refuseFirst: 1 });
      const hub421 = mailHub(store, { smtpUrl: busy.url, now: NOW });
      try {
        await hub421.subscriptions.subscribe({ email: "ada@example.org", follow: { kind: "trending" }, schedule: DAILY, confirmed: true });
        const r = await hub421.digests.run({ now: true });
        expect(r.sent).toHaveLength(1);
        expect(busy.refused).toBe(1);
        expect(busy.received).toBe(1);
      } finally {
        await hub421.close();
        await busy.close();
      }

      const port = await freePort();
      const down = mailHub(store, { smtpUrl: `smtp://127.0.0.1:${port}/?ignoreTLS=true`, now: NOW });
      try {
        await down.subscriptions.subscribe({ email: "bob@example.org", follow: { kind: "trending" }, schedule: DAILY, confirmed: true });
        const r = await down.digests.run({ now: true });
        expect(r).toMatchObject({ sent: [], deferred: 1 });
        expect(r.stopped).toMatch(/ECONNREFUSED/);
        const pending = (await down.repo.listDeliveries()).find((d) => d.status === "pending")!;
        expect(pending).toMatchObject({ attempts: 3, lease_owner: null });
        expect(pending.next_attempt_at! > NOW).toBe(true);
      } finally {
        await down.close();
      }
    });

    it("marks a permanently refused recipient failed and goes on with the others", async () => {
      const picky = await SmtpCatcher.start({ rejectRecipient: (a) => a === "gone@example.org" });
      const h = mailHub(store, { smtpUrl: picky.url, now: NOW });
      try {
        await h.subscriptions.subscribe({ email: "gone@example.org", follow: { kind: "trending" }, schedule: DAILY, confirmed: true });
        await h.subscriptions.subscribe({ email: "ada@example.org", follow: { kind: "trending" }, schedule: DAILY, confirmed: true });
        const r = await h.digests.run({ now: true });
        expect(r.sent.map((s) => s.email)).toEqual(["ada@example.org"]);
        expect(r.failed).toEqual([expect.objectContaining({ email: "gone@example.org", error: expect.stringMatching(/550/) })]);
        expect((await h.repo.listDeliveries()).map((d) => d.status).sort()).toEqual(["failed", "sent"]);
      } finally {
        await h.close();
        await picky.close();
      }
    });

    it("resumes a pending delivery left by a crash: sent once, with the papers it was claimed with; a live lease is left alone", async () => {
      const { subscription: a } = await subscribe("ada@example.org", { kind: "trending" });
      const { subscription: b } = await subscribe("bob@example.org", { kind: "trending" });
      const crashed = {
        subscription_id: a.id,
        period_key: "2024-06-06",
        items: JSON.stringify([{ id: "2406.00002", reason: "trending: 3 upvotes" }]),
        status: "pending" as const,
        created_at: "2024-06-06T08:00:00.000Z",
      };
      // A run died mid-attempt (attempts counted, no Message-ID) and its lease ran out.
      await hub.repo.claim({ ...crashed, id: "crashed", idempotency_key: `${a.id}:2024-06-06`, lease_owner: "dead-run", lease_until: "2024-06-06T08:05:00.000Z" });
      await store.db.withTables<{ deliveries: { id: string; attempts: number } }>().updateTable("deliveries").set({ attempts: 1 }).where("id", "=", "crashed").execute();
      // Another process holds this one right now.
      await hub.repo.claim({ ...crashed, subscription_id: b.id, id: "busy", idempotency_key: `${b.id}:2024-06-06`, lease_owner: "live-run", lease_until: "2024-06-06T09:04:00.000Z" });

      const r = await hub.digests.run({ now: true });
      expect(r.sent).toEqual([expect.objectContaining({ email: "ada@example.org", papers: 1, resumed: true, period: "2024-06-06" })]);
      await catcher.waitFor(1);
      expect(catcher.mails[0]!.parsed.text).toContain("Sparse Attention for Long Documents");
      expect(catcher.mails[0]!.parsed.text).not.toContain("State Space Models");
      expect(await hub.repo.findDelivery("crashed")).toMatchObject({ status: "sent", attempts: 2 });
      expect(await hub.repo.findDelivery("busy")).toMatchObject({ status: "pending", attempts: 0, lease_owner: "live-run" });

      // Once the other process's lease runs out, a later run finishes its delivery; nothing goes twice.
      hub.clock.now = new Date("2024-06-06T09:10:00.000Z");
      expect((await hub.digests.run({ now: true })).sent).toEqual([expect.objectContaining({ email: "bob@example.org", resumed: true })]);
      expect((await hub.digests.run({ now: true })).sent).toEqual([]);
      expect(catcher.received).toBe(2);
    });

    it("sends the for-you digest from the personal ranking, without papers already sent", async () => {
      const calls: Array<Set<string>> = [];
      const personal = mailHub(store, {
        smtpUrl: catcher.url,
        now: NOW,
        forYou: {
          async topFor(_userId, limit, exclude) {
            calls.push(new Set(exclude));
            const papers = await store.getPapers(["2406.00003", "2406.00001"]);
            return papers.filter((p) => !exclude.has(p.id)).slice(0, limit).map((paper) => ({ paper, reason: `similar to "Attention Is All You Need" you upvoted` }));
          },
        },
      });
      try {
        const ada = await personal.accounts.signUp({ name: "ada", email: "ada@example.org", password: "correct-horse-staple" });
        // An account's first subscription confirms its address by mail, like anyone's.
        const first = await personal.subscriptions.subscribe({ userId: ada.id, follow: { kind: "for-you" }, schedule: DAILY });
        expect(first.outcome).toBe("confirmation-sent");
        await personal.repo.confirm(first.subscription.id, first.subscription.subscriberId, NOW);
        const r = await personal.digests.run({ now: true });
        expect(r.sent).toEqual([expect.objectContaining({ kind: "for-you", papers: 2 })]);
        await catcher.waitFor(2);
        const mail = catcher.mails[1]!.parsed;
        expect(mail.subject).toBe("For you: A Paper Nobody Voted For and 1 more");
        expect(mail.text).toContain('similar to "Attention Is All You Need" you upvoted');
        personal.clock.now = new Date("2024-06-07T09:00:00.000Z");
        expect(await personal.digests.run({ now: true })).toMatchObject({ sent: [], empty: 1 });
        expect(calls[1]).toEqual(new Set(["2406.00001", "2406.00003"]));
      } finally {
        await personal.close();
      }
    });
  });
}
