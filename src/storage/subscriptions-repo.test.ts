// Subscription storage on every backend: one subscriber per address, idempotent claims, leases, cascades on unsubscribe and account deletion.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AccountsService } from "../accounts/accounts-service.js";
import { feedRecord } from "../feed/test-support/feed-records.js";
import type { Schedule } from "../subscriptions/schedule.js";
import type { Store } from "./store.js";
import { SubscriptionsRepo } from "./subscriptions-repo.js";
import { allBackends } from "./test-support/backends.js";

const DAILY: Schedule = { frequency: "daily", sendHour: 8, timeZone: "UTC", weekdaysOnly: false, sendWeekday: 1 };
const NOW = "2024-06-06T09:00:00.000Z";

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`SubscriptionsRepo (${backend.name})`, () => {
    let store: Store;
    let repo: SubscriptionsRepo;

    beforeEach(async () => {
      store = await backend.open();
      repo = new SubscriptionsRepo(store.db);
      await store.upsertPapers([feedRecord("2406.00001"), feedRecord("2406.00002")]);
    });
    afterEach(() => store.close());
    afterAll(() => backend.cleanup());

    const add = (subscriberId: string, id = "s1", frequency: Schedule["frequency"] = "daily") =>
      repo.addSubscription({ id, subscriberId, follow: { kind: "trending" }, followKey: "trending", schedule: { ...DAILY, frequency }, confirmedAt: null, createdAt: NOW });

    it("keeps one anonymous subscriber per address and one per account, and one subscription per follow and frequency", async () => {
      const a = await repo.anonymousSubscriber("ada@example.org", NOW);
      expect((await repo.anonymousSubscriber("ada@example.org", NOW)).id).toBe(a.id);
      const ada = await AccountsService.over(store.db, { hashParams: { ln: 10, r: 8, p: 1 } }).signUp({ name: "ada", email: "ada@example.org", password: "correct-horse-staple" });
      const mine = await repo.accountSubscriber(ada.id, "ada@example.org", NOW);
      expect(mine.id).not.toBe(a.id);
      expect((await repo.accountSubscriber(ada.id, "ada@example.org", NOW)).id).toBe(mine.id);

      expect((await add(a.id, "s1")).created).toBe(true);
      const again = await add(a.id, "s2");
      expect(again).toMatchObject({ created: false, record: { id: "s1", email: "ada@example.org", follow: { kind: "trending" }, schedule: DAILY } });
      expect((await add(a.id, "s3", "weekly")).created).toBe(true);
    });

    it("claims a period once; leases keep two runs apart until they expire", async () => {
      const sub = (await add((await repo.anonymousSubscriber("ada@example.org", NOW)).id)).record;
      const row = { subscription_id: sub.id, period_key: "2024-06-06", idempotency_key: `${sub.id}:2024-06-06`, status: "pending" as const, items: "[]", created_at: NOW };
      expect(await repo.claim({ ...row, id: "d1", lease_owner: "run-a", lease_until: "2024-06-06T09:05:00.000Z" })).toBe(true);
      expect(await repo.claim({ ...row, id: "d2", lease_owner: "run-b", lease_until: "2024-06-06T09:05:00.000Z" })).toBe(false);
      expect(await repo.recordedKeys([row.idempotency_key, "other"])).toEqual(new Set([row.idempotency_key]));

      expect(await repo.orphanedPending(NOW, 10)).toEqual([]);
      expect(await repo.takeLease("d1", "run-b", NOW, "2024-06-06T09:10:00.000Z")).toBe(false);
      expect(await repo.startAttempt("d1", "run-b", "2024-06-06T09:10:00.000Z")).toBe(false);
      expect(await repo.startAttempt("d1", "run-a", "2024-06-06T09:10:00.000Z")).toBe(true);
      // run-a dies; after its lease, run-b takes over and run-a can no longer attempt.
      const later = "2024-06-06T09:11:00.000Z";
      expect((await repo.orphanedPending(later, 10)).map((d) => d.id)).toEqual(["d1"]);
      expect(await repo.takeLease("d1", "run-b", later, "2024-06-06T09:16:00.000Z")).toBe(true);
      expect(await repo.startAttempt("d1", "run-a", "2024-06-06T09:16:00.000Z")).toBe(false);

      await repo.markSent({ id: "d1", subscriptionId: sub.id, paperIds: ["2406.00001"], at: later, messageId: "<m@x>" });
      expect(await repo.findDelivery("d1")).toMatchObject({ status: "sent", attempts: 1, message_id: "<m@x>", lease_owner: null });
      expect(await repo.deliveredAmong(sub.id, ["2406.00001", "2406.00002"])).toEqual(new Set(["2406.00001"]));
      expect(await repo.orphanedPending(later, 10)).toEqual([]);
    });

    it("unsubscribing deletes at once, with deliveries and delivered papers", async () => {
      const subscriber = await repo.anonymousSubscriber("ada@example.org", NOW);
      const sub = (await add(subscriber.id)).record;
      await repo.claim({ id: "d1", subscription_id: sub.id, period_key: "p", idempotency_key: "k", status: "pending", items: "[]", lease_owner: null, lease_until: null, created_at: NOW });
      await repo.markSent({ id: "d1", subscriptionId: sub.id, paperIds: ["2406.00001"], at: NOW, messageId: "<m@x>" });
      expect(await repo.deleteSubscription(sub.id)).toBe(true);
      expect(await repo.listDeliveries()).toEqual([]);
      expect(await repo.deliveredIds(sub.id)).toEqual(new Set());
      await add(subscriber.id, "s2");
      expect(await repo.deleteSubscriber(subscriber.id)).toBe(true);
      expect(await repo.listSubscriptions()).toEqual([]);
    });

    it("deleting an account deletes its subscriber and subscriptions", async () => {
      const accounts = AccountsService.over(store.db, { hashParams: { ln: 10, r: 8, p: 1 } });
      const ada = await accounts.signUp({ name: "ada", email: "ada@example.org", password: "correct-horse-staple" });
      const mine = await repo.accountSubscriber(ada.id, "ada@example.org", NOW);
      await add(mine.id);
      await repo.confirm("s1", mine.id, NOW);
      expect(await repo.liveSubscriptions()).toHaveLength(1);
      await accounts.deleteAccount(ada.id, "correct-horse-staple");
      expect(await repo.findSubscriber(mine.id)).toBeUndefined();
      expect(await repo.listSubscriptions()).toEqual([]);
    });

    it("makes the link-signing key once and keeps it", async () => {
      const key = await repo.signingKey();
      expect(key.length).toBe(32);
      expect((await new SubscriptionsRepo(store.db).signingKey()).equals(key)).toBe(true);
    });
  });
}
