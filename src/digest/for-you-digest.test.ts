// The "for you" digest over the real personal ranking (src/personal): the mail carries the feed's picks and reasons, and never a paper twice.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FeedService } from "../feed/feed-service.js";
import { feedRecord } from "../feed/test-support/feed-records.js";
import { SmtpCatcher } from "../mail/test-support/smtp-catcher.js";
import { createPersonalServices } from "../personal/personal-services.js";
import { FeedRepo } from "../storage/feed-repo.js";
import { openStore } from "../storage/open-store.js";
import { forYouSource } from "./for-you-source.js";
import { mailHub } from "./test-support/mail-hub.js";

const work = mkdtempSync(join(tmpdir(), "pb-for-you-digest-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("for-you digest", () => {
  it("mails the personal feed's picks with their reasons, then only new ones", async () => {
    const store = await openStore({ dataDir: work });
    const catcher = await SmtpCatcher.start();
    const now = () => new Date("2024-06-06T09:00:00.000Z");
    const titles = ["State space models for long sequences", "Selective state space models scale to language", "Diffusion models for video", "Graph neural networks for molecules", "Retrieval augmented generation at scale"];
    await store.upsertPapers(titles.map((title, i) => feedRecord(`2406.0000${i + 1}`, { day: "2024-06-05", upvotes: 10 - i, paper: { title, abstract: `${title}. We study ${title.toLowerCase()} in depth.` } })));
    const rule = { timeZone: "UTC", rolloverHour: 17 };
    const personal = createPersonalServices({ store, feed: new FeedService(new FeedRepo(store), store, { rule, clock: now }), rule, clock: now });
    const hub = mailHub(store, { smtpUrl: catcher.url, now: now().toISOString(), forYou: forYouSource(personal.forYou) });
    try {
      const ada = await hub.accounts.signUp({ name: "ada", email: "ada@example.org", password: "correct-horse-staple" });
      await store.db.insertInto("upvotes").values({ user_id: ada.id, paper_id: "2406.00001", created_at: "2024-06-05T10:00:00.000Z" }).execute();
      const { subscription } = await hub.subscriptions.subscribe({ userId: ada.id, follow: { kind: "for-you" }, schedule: { frequency: "daily", sendHour: 8, timeZone: "UTC", weekdaysOnly: false, sendWeekday: 1 }, confirmed: true });

      const picks = await personal.forYou.forYou(ada.id, { limit: 10 });
      expect(picks.length).toBeGreaterThan(0);
      const r = await hub.digests.run({ now: true });
      expect(r.sent).toEqual([expect.objectContaining({ kind: "for-you", papers: Math.min(10, picks.length) })]);
      const [mail] = await catcher.waitFor(1);
      const text = mail!.parsed.text ?? "";
      for (const p of picks.slice(0, 10)) expect(text).toContain(`${p.paper.title}\n   Ada Lovelace, Alan Turing\n   ${p.reason}\n`);
      // The upvoted paper itself is a like, not a pick.
      expect(text).not.toContain("1. State space models for long sequences");

      hub.clock.now = new Date("2024-06-07T09:00:00.000Z");
      expect(await hub.digests.run({ now: true })).toMatchObject({ sent: [], empty: 1 });
      expect((await hub.repo.deliveredIds(subscription.id)).size).toBe(Math.min(10, picks.length));
    } finally {
      await hub.close();
      await catcher.close();
      await store.close();
    }
  });
});
