// The feed queries on every backend: order, paging, hidden papers, neighbouring days, trending candidates, organisations.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { addUser, feedRecord, setStats } from "../feed/test-support/feed-records.js";
import { FeedRepo } from "./feed-repo.js";
import type { Store } from "./store.js";
import { allBackends } from "./test-support/backends.js";

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`FeedRepo: ${backend.name}`, () => {
    let store: Store;
    let repo: FeedRepo;
    beforeEach(async () => {
      store = await backend.open();
      repo = new FeedRepo(store);
      await store.upsertPapers([
        feedRecord("2406.00001", { day: "2024-06-03", upvotes: 5 }),
        feedRecord("2406.00002", { day: "2024-06-05", upvotes: 10, comments: 2, org: "DeepMind" }),
        feedRecord("2406.00003", { day: "2024-06-05", upvotes: 3, submittedAt: "2024-06-05T08:00:00.000Z" }),
        feedRecord("2406.00004", { day: "2024-06-05", upvotes: 3, submittedAt: "2024-06-05T07:00:00.000Z", org: "deepmind" }),
        feedRecord("2406.00005", { day: "2024-06-05", upvotes: 3, submittedAt: "2024-06-05T07:00:00.000Z" }),
        feedRecord("2406.00006", { day: "2024-06-05", upvotes: 1 }),
        feedRecord("2406.00007", { day: "2024-06-06", upvotes: 50 }),
        feedRecord("2406.00008", { day: "2024-06-10", upvotes: 2, org: "DeepMind" }),
        feedRecord("2406.00009", { day: null, paper: { publishedAt: "2024-06-09T00:00:00.000Z" } }),
      ]);
      // Local votes lift 00006 to 1 + 8 = 9; 00007 is hidden, so 2024-06-06 has nothing to show.
      await setStats(store, "2406.00006", { upvotes: 8, comments: 1 });
      await setStats(store, "2406.00007", { upvotes: 1, hidden: true });
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    it("lists a day most upvoted first (imported + local), then earlier submitted, then id, paged", async () => {
      const all = await repo.listRange("2024-06-05", "2024-06-05", { limit: 10, offset: 0 });
      expect(all.total).toBe(5);
      expect(all.entries.map((e) => [e.paper.id, e.upvotes])).toEqual([
        ["2406.00002", 10],
        ["2406.00006", 9],
        ["2406.00004", 3],
        ["2406.00005", 3],
        ["2406.00003", 3],
      ]);
      expect(all.entries[1]!.comments).toBe(1);
      expect(all.entries[0]!.comments).toBe(2);
      const second = await repo.listRange("2024-06-05", "2024-06-05", { limit: 2, offset: 2 });
      expect(second.entries.map((e) => e.paper.id)).toEqual(["2406.00004", "2406.00005"]);
      expect(second.total).toBe(5);
    });

    it("lists a range of days and leaves hidden papers out", async () => {
      const week = await repo.listRange("2024-06-03", "2024-06-09", { limit: 50, offset: 0 });
      expect(week.total).toBe(6);
      expect(week.entries.map((e) => e.paper.id)).not.toContain("2406.00007");
      expect(week.entries[0]!.paper.id).toBe("2406.00002");
      expect((await repo.listRange("2024-06-06", "2024-06-06", { limit: 50, offset: 0 })).total).toBe(0);
    });

    it("finds the neighbouring days that have visible papers", async () => {
      expect(await repo.neighbourDays("2024-06-05", "2024-06-05")).toEqual({ prev: "2024-06-03", next: "2024-06-10" });
      expect(await repo.neighbourDays("2024-06-03", "2024-06-03")).toEqual({ prev: null, next: "2024-06-05" });
      expect(await repo.neighbourDays("2024-06-03", "2024-06-09")).toEqual({ prev: null, next: "2024-06-10" });
      expect(await repo.latestDay()).toBe("2024-06-10");
      expect(await repo.latestDay("2024-06-09")).toBe("2024-06-05");
      expect(await repo.latestDay("2024-06-01")).toBeNull();
    });

    it("counts visible papers per day", async () => {
      expect(await repo.countsPerDay("2024-06-01", "2024-06-30")).toEqual([
        { day: "2024-06-03", papers: 1 },
        { day: "2024-06-05", papers: 5 },
        { day: "2024-06-10", papers: 1 },
      ]);
    });

    it("gives trending candidates by feed day or submission, plus locally voted papers off the feed", async () => {
      await setStats(store, "2406.00009", { upvotes: 4 });
      const rows = await repo.trendingCandidates("2024-06-05", "2024-06-05T00:00:00.000Z");
      expect(rows.map((r) => r.id).sort()).toEqual(["2406.00002", "2406.00003", "2406.00004", "2406.00005", "2406.00006", "2406.00008", "2406.00009"]);
      expect(rows.find((r) => r.id === "2406.00006")).toMatchObject({ upvotes: 9, comments: 1, feedDay: "2024-06-05", submittedAt: "2024-06-05T09:00:00.000Z" });
      expect(rows.find((r) => r.id === "2406.00009")).toMatchObject({ upvotes: 4, feedDay: null, publishedAt: "2024-06-09T00:00:00.000Z" });
    });

    it("lists an organisation's papers by name in any case, newest day first, and its members", async () => {
      const page = await repo.orgPapers("DEEPMIND", { limit: 10, offset: 0 });
      expect(page.total).toBe(3);
      expect(page.entries.map((e) => e.paper.id)).toEqual(["2406.00008", "2406.00002", "2406.00004"]);
      await addUser(store, "grace", { org: "DeepMind", displayName: "Grace Hopper" });
      await addUser(store, "alan", { org: "deepmind" });
      await addUser(store, "mallory", { org: "DeepMind", banned: true });
      await addUser(store, "ada", { org: "OpenAI" });
      expect(await repo.orgMembers("deepMind")).toEqual([
        { name: "alan", displayName: null },
        { name: "grace", displayName: "Grace Hopper" },
      ]);
    });

    it("gives shown counts and hidden state for any papers", async () => {
      const m = await repo.countsFor(["2406.00006", "2406.00007", "2406.00009", "nope"]);
      expect(Object.fromEntries(m)).toEqual({
        "2406.00006": { upvotes: 9, comments: 1, hidden: false },
        "2406.00007": { upvotes: 51, comments: 0, hidden: true },
        "2406.00009": { upvotes: 0, comments: 0, hidden: false },
      });
    });
  });
}
