// GET /api/daily_papers through the whole app, on every backend: filters by feed day, submitter, both orders, paging, hidden papers, counts, contracts and every 400.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { FeedService } from "../feed/feed-service.js";
import { feedRecord, setStats } from "../feed/test-support/feed-records.js";
import { FeedRepo } from "../storage/feed-repo.js";
import type { Store } from "../storage/store.js";
import { allBackends } from "../storage/test-support/backends.js";
import { DailyItemSchema, ErrorSchema } from "./schemas.js";
import { TEST_NOW, apiHub } from "./test-support/api-hub.js";

const Items = z.array(DailyItemSchema);

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`GET /api/daily_papers: ${backend.name}`, () => {
    let store: Store;
    let app: ReturnType<typeof apiHub>;
    const get = (q: string) => app.request(`/api/daily_papers${q}`);
    /** The arXiv ids of a valid answer, checked against the contract. */
    const ids = async (q: string) => {
      const res = await get(q);
      expect(res.status, q).toBe(200);
      return Items.parse(await res.json()).map((i) => i.paper.id);
    };

    beforeAll(async () => {
      store = await backend.open();
      const alice = { name: "Alice", fullname: "Alice Liddell" };
      await store.upsertPapers([
        feedRecord("2406.00001", { day: "2024-06-03", upvotes: 4 }),
        feedRecord("2406.00002", {
          day: "2024-06-05",
          upvotes: 12,
          comments: 3,
          org: "deepmind",
          stars: 1234,
          hub: { thumbnail: "https://cdn.example.org/t.png", projectPage: "https://project.example.org", aiSummary: "It works.", aiKeywords: ["attention"], discussionId: "d-2" },
        }),
        feedRecord("2406.00003", { day: "2024-06-05", upvotes: 7, submittedAt: "2024-06-05T10:00:00.000Z", hub: { submittedBy: alice } }),
        feedRecord("2406.00004", { day: "2024-06-05", upvotes: 1 }),
        feedRecord("2406.00005", { day: "2024-06-06", upvotes: 30, submittedAt: "2024-06-05T18:00:00.000Z" }),
        feedRecord("2406.00006", { day: "2024-05-28", upvotes: 2 }),
        feedRecord("2406.00007", { day: "2024-06-05", upvotes: 99 }),
        feedRecord("2406.00008", { day: null }),
        feedRecord("2406.00009", { day: "2024-06-05", upvotes: 2, submittedAt: "2024-06-05T11:00:00.000Z", hub: { submittedBy: { name: "alice" } } }),
        feedRecord("2406.00010", { day: "2024-06-04", upvotes: 5, hub: { submittedBy: { name: "alicex", fullname: "Not Alice" } } }),
      ]);
      await setStats(store, "2406.00004", { upvotes: 9 });
      await setStats(store, "2406.00007", { hidden: true });
      app = apiHub(store);
    });
    afterAll(async () => {
      await store.close();
      await backend.cleanup();
    });

    it("lists the feed newest on it first by default, leaving hidden papers and papers never on the feed out", async () => {
      expect(await ids("")).toEqual(["2406.00005", "2406.00009", "2406.00003", "2406.00002", "2406.00004", "2406.00010", "2406.00001", "2406.00006"]);
      expect(await ids("?sort=publishedAt&p=0&limit=50")).toEqual(await ids(""));
    });

    it("filters by the feed day, given as a date or a full timestamp, by ISO week and by month", async () => {
      const day = ["2406.00009", "2406.00003", "2406.00002", "2406.00004"];
      expect(await ids("?date=2024-06-05")).toEqual(day);
      expect(await ids("?date=2024-06-05T00:00:00.000Z")).toEqual(day);
      expect(await ids("?date=2024-06-05T23:59:59%2B02:00")).toEqual(day);
      // Submitted at 18:00 on the 5th, past the 17:00 rollover: on the feed of the 6th.
      expect(await ids("?date=2024-06-06")).toEqual(["2406.00005"]);
      expect(await ids("?date=2024-06-07")).toEqual([]);
      expect(await ids("?week=2024-W23")).toEqual(["2406.00005", ...day, "2406.00010", "2406.00001"]);
      expect(await ids("?week=2024-W22")).toEqual(["2406.00006"]);
      expect(await ids("?month=2024-05")).toEqual(["2406.00006"]);
    });

    it("filters by submitter, whole username in any case, alone or with a period", async () => {
      expect(await ids("?submitter=ALICE")).toEqual(["2406.00009", "2406.00003"]);
      expect(await ids("?submitter=alice&date=2024-06-05")).toEqual(["2406.00009", "2406.00003"]);
      expect(await ids("?submitter=alicex")).toEqual(["2406.00010"]);
      expect(await ids("?submitter=ali")).toEqual([]);
      expect(await ids("?submitter=%25")).toEqual([]);
    });

    it("pages with p (from 0) and limit; past the end is []", async () => {
      expect(await ids("?limit=3")).toEqual(["2406.00005", "2406.00009", "2406.00003"]);
      expect(await ids("?p=1&limit=3")).toEqual(["2406.00002", "2406.00004", "2406.00010"]);
      expect(await ids("?p=2&limit=3")).toEqual(["2406.00001", "2406.00006"]);
      expect(await ids("?p=3&limit=3")).toEqual([]);
      expect(await ids("?p=10000&limit=100")).toEqual([]);
      expect(await ids("?p=0&limit=1&date=2024-06-05")).toEqual(["2406.00009"]);
    });

    it("sorts by trending: unfiltered as the trending page ranks, filtered by the same score", async () => {
      const feed = new FeedService(new FeedRepo(store), store, { rule: { timeZone: "UTC", rolloverHour: 17 }, clock: () => TEST_NOW });
      const page = (await feed.trending({})).entries.map((e) => e.paper.id);
      expect(page).toContain("2406.00002");
      expect(await ids("?sort=trending")).toEqual(page);
      expect([...(await ids("?sort=trending&limit=3")), ...(await ids("?sort=trending&limit=3&p=1")), ...(await ids("?sort=trending&limit=3&p=2"))]).toEqual(page);
      expect(await ids("?sort=trending&p=5&limit=3")).toEqual([]);
      // 2406.00002: 12 upvotes, 3 comments, 1234 stars; 00004: 1 + 9 local; 00003: 7; 00009: 2.
      expect(await ids("?sort=trending&date=2024-06-05")).toEqual(["2406.00002", "2406.00004", "2406.00003", "2406.00009"]);
      expect(await ids("?sort=trending&submitter=alice")).toEqual(["2406.00003", "2406.00009"]);
      expect(await ids("?sort=trending&date=2024-06-05&limit=2&p=1")).toEqual(["2406.00003", "2406.00009"]);
    });

    it("answers items in the Daily Papers shape, counts imported plus local, facts repeated at the top level", async () => {
      const items = Items.parse(await (await get("?date=2024-06-05")).json());
      const rich = items.find((i) => i.paper.id === "2406.00002")!;
      expect(rich).toMatchObject({
        publishedAt: "2024-06-05T09:00:00.000Z",
        title: "Paper 2406.00002",
        summary: "Abstract of paper 2406.00002.",
        thumbnail: "https://cdn.example.org/t.png",
        numComments: 3,
        upvotes: 12,
        isAuthorParticipating: false,
        submittedBy: { name: "akhaliq", user: "akhaliq", fullname: "AK", type: "user", isPro: false },
        organization: { name: "deepmind", fullname: "deepmind Research" },
        ai_summary: "It works.",
        ai_keywords: ["attention"],
        githubRepo: "https://github.com/x/2406.00002",
        githubStars: 1234,
        projectPage: "https://project.example.org",
      });
      expect(rich.paper).toMatchObject({
        id: "2406.00002",
        authors: [{ name: "Ada Lovelace", hidden: false }, { name: "Alan Turing", hidden: false }],
        publishedAt: "2024-06-05T08:00:00.000Z",
        upvotes: 12,
        numComments: 3,
        discussionId: "d-2",
        submittedOnDailyAt: "2024-06-05T09:00:00.000Z",
        submittedOnDailyBy: { user: "akhaliq" },
        githubStars: 1234,
      });
      const local = items.find((i) => i.paper.id === "2406.00004")!;
      expect([local.upvotes, local.paper.upvotes]).toEqual([10, 10]);
      expect(local.thumbnail).toBe("");
      expect(local.organization).toBeUndefined();
      const late = Items.parse(await (await get("?date=2024-06-06")).json())[0]!;
      // Entered at 18:00 on the 5th, listed on the 6th: the paper states the feed day's midnight, the item the instant.
      expect([late.publishedAt, late.paper.submittedOnDailyAt]).toEqual(["2024-06-05T18:00:00.000Z", "2024-06-06T00:00:00.000Z"]);
    });

    it.each([
      ["?p=-1", /^p must be a whole number from 0 to 10000/],
      ["?p=abc", /^p must be/],
      ["?p=1.5", /^p must be/],
      ["?p=10001", /^p must be/],
      ["?limit=0", /^limit must be a whole number from 1 to 100/],
      ["?limit=101", /^limit must be/],
      ["?limit=", /^limit must be/],
      ["?limit=ten", /^limit must be/],
      ["?date=2024-13-01", /^date must be a calendar day/],
      ["?date=2024-02-30", /^date must be a calendar day/],
      ["?date=yesterday", /^date must be YYYY-MM-DD or an ISO 8601 timestamp/],
      ["?date=2024-06-05T25:00:00Z", /^date must be YYYY-MM-DD or an ISO 8601 timestamp/],
      ["?date=", /^date must be/],
      ["?week=2024-W54", /^week must be an ISO week/],
      ["?week=2024-W00", /^week must be an ISO week/],
      ["?week=2024-23", /^week must be written YYYY-Www/],
      ["?month=2024-13", /^month must be written YYYY-MM/],
      ["?month=2024-6", /^month must be written YYYY-MM/],
      ["?sort=newest", /^sort must be publishedAt or trending/],
      ["?submitter=", /^submitter must be a username/],
      [`?submitter=${"x".repeat(101)}`, /^submitter must be at most 100/],
      ["?date=2024-06-05&week=2024-W23", /^Give only one of date, week or month/],
    ])("answers 400 with a JSON error for %s", async (q, message) => {
      const res = await get(q);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      expect(res.headers.get("x-error-code")).toBeNull();
      expect(ErrorSchema.parse(await res.json()).error).toMatch(message);
    });
  });
}
