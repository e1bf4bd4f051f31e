import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { NotFoundError, ValidationError } from "../domain/errors.js";
import { FeedRepo } from "../storage/feed-repo.js";
import type { Store } from "../storage/store.js";
import { sqliteBackend } from "../storage/test-support/backends.js";
import { FeedService } from "./feed-service.js";
import { addUser, feedRecord, setStats } from "./test-support/feed-records.js";

const backend = sqliteBackend();
let store: Store;
let now = new Date("2024-06-10T12:00:00Z");
const service = (o: { halfLifeHours?: number; pageSize?: number } = {}) =>
  new FeedService(new FeedRepo(store), store, { rule: { timeZone: "UTC", rolloverHour: 17 }, clock: () => now, ...o });
const ids = (v: { entries: Array<{ paper: { id: string } }> }) => v.entries.map((e) => e.paper.id);

beforeAll(async () => {
  store = await backend.open();
  await store.upsertPapers([
    feedRecord("p-a", { day: "2024-06-03", upvotes: 7 }),
    feedRecord("p-b", { day: "2024-06-05", upvotes: 2 }),
    feedRecord("p-c", { day: "2024-06-05", upvotes: 9, org: "acme" }),
    feedRecord("p-d", { day: "2024-06-07", upvotes: 1, org: "Acme" }),
    feedRecord("p-e", { day: "2024-06-10", upvotes: 4, submittedAt: "2024-06-09T18:00:00.000Z" }),
    feedRecord("p-f", { day: "2024-06-10", upvotes: 4, submittedAt: "2024-06-09T20:00:00.000Z" }),
    feedRecord("p-g", { day: "2024-06-10", upvotes: 0, submittedAt: "2024-06-09T21:00:00.000Z" }),
    feedRecord("p-h", { day: "2024-07-02", upvotes: 3 }),
  ]);
  await setStats(store, "p-b", { upvotes: 3 });
});
afterAll(async () => {
  await store.close();
  await backend.cleanup();
});

describe("FeedService.feed", () => {
  it("shows today's feed day per the rollover hour", async () => {
    now = new Date("2024-06-09T16:59:00Z");
    expect(service().today()).toBe("2024-06-09");
    now = new Date("2024-06-09T17:00:00Z");
    expect(service().today()).toBe("2024-06-10");
    const v = await service().feed({});
    expect(v).toMatchObject({ today: "2024-06-10", fellBack: false, period: { kind: "day", key: "2024-06-10" }, total: 3 });
    expect(ids(v)).toEqual(["p-e", "p-f", "p-g"]);
    expect(v.prev?.key).toBe("2024-06-07");
    expect(v.next?.key).toBe("2024-07-02");
  });

  it("falls back to the latest day with papers when today has none, and says so", async () => {
    now = new Date("2024-06-06T12:00:00Z");
    const v = await service().feed({});
    expect(v).toMatchObject({ today: "2024-06-06", fellBack: true, period: { key: "2024-06-05" } });
    // Local upvotes count: p-b has 2 + 3 = 5, under p-c's 9.
    expect(v.entries.map((e) => [e.paper.id, e.upvotes])).toEqual([["p-c", 9], ["p-b", 5]]);
    // An explicit empty day is shown as empty, never swapped.
    const empty = await service().feed({ date: "2024-06-06" });
    expect(empty).toMatchObject({ fellBack: false, total: 0, entries: [] });
    expect([empty.prev?.key, empty.next?.key]).toEqual(["2024-06-05", "2024-06-07"]);
  });

  it("lists weeks and months with per-day counts and neighbouring periods that have papers", async () => {
    const week = await service().feed({ week: "2024-W23" });
    expect(week.period).toMatchObject({ from: "2024-06-03", to: "2024-06-09" });
    expect(ids(week)).toEqual(["p-c", "p-a", "p-b", "p-d"]);
    expect(week.days).toEqual([{ day: "2024-06-03", papers: 1 }, { day: "2024-06-05", papers: 2 }, { day: "2024-06-07", papers: 1 }]);
    expect([week.prev?.key, week.next?.key]).toEqual([undefined, "2024-W24"]);
    const month = await service().feed({ month: "2024-06" });
    expect(month.total).toBe(7);
    expect([month.prev, month.next?.key]).toEqual([null, "2024-07"]);
  });

  it("pages, and refuses bad parameters with a ValidationError", async () => {
    const v = await service({ pageSize: 2 }).feed({ month: "2024-06", page: "2" });
    expect(v).toMatchObject({ page: 2, pageCount: 4, total: 7 });
    expect(ids(v)).toEqual(["p-b", "p-e"]); // c 9, a 7 | b 5, e 4 | f 4, d 1 | g 0
    await expect(service({ pageSize: 2 }).feed({ month: "2024-06", page: "5" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(service().feed({ page: "0" })).rejects.toBeInstanceOf(ValidationError);
    await expect(service().feed({ page: "two" })).rejects.toThrow(/page must be a whole number/);
    await expect(service().feed({ date: "2024-13-01" })).rejects.toBeInstanceOf(ValidationError);
    await expect(service().feed({ week: "2024-W60" })).rejects.toBeInstanceOf(ValidationError);
    await expect(service().feed({ month: "24-06" })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("FeedService.trending", () => {
  it("ranks by decayed interest with stable tie-breaks, leaving out papers without interest", async () => {
    now = new Date("2024-06-10T12:00:00Z");
    const v = await service().trending({});
    // Ages from submission (09:00 on the feed day unless given), half-life 48 h:
    // p-c 9·2^(-123/48) ≈ 1.53; p-b 5·2^(-123/48) ≈ 0.85; p-a 7·2^(-171/48) ≈ 0.59; p-d 1·2^(-75/48) ≈ 0.34;
    // p-e 4·2^(-18/48) ≈ 3.08 and p-f 4·2^(-16/48) ≈ 3.17; p-g has no interest; p-h is in the future (age 0): 3.
    expect(ids(v)).toEqual(["p-f", "p-e", "p-h", "p-c", "p-b", "p-a", "p-d"]);
    expect(v).toMatchObject({ halfLifeHours: 48, windowDays: 16, asOf: null, total: 7 });
    expect(v.entries[0]!.score).toBeCloseTo(4 * 2 ** (-16 / 48), 10);
    // A short half-life favours the fresh papers even more; the window shrinks with it.
    const short = await service({ halfLifeHours: 6 }).trending({});
    expect(short.windowDays).toBe(2);
    expect(ids(short)).toEqual(["p-h", "p-f", "p-e"]);
  });

  it("works as of the latest day when nothing entered the feed lately", async () => {
    now = new Date("2025-01-01T12:00:00Z");
    const v = await service().trending({});
    expect(v.asOf).toBe("2024-07-02");
    expect(ids(v)[0]).toBe("p-h");
  });

  it("hides hidden papers", async () => {
    now = new Date("2024-06-10T12:00:00Z");
    await setStats(store, "p-f", { upvotes: 0, hidden: true });
    expect(ids(await service().trending({}))).not.toContain("p-f");
    expect(ids(await service().feed({ date: "2024-06-10" }))).toEqual(["p-e", "p-g"]);
    await setStats(store, "p-f", { upvotes: 0 });
  });
});

describe("FeedService.organisation", () => {
  it("lists the organisation's papers and members in any case; an unknown one is not found", async () => {
    await addUser(store, "wile", { org: "ACME" });
    const v = await service().organisation("ACME", {});
    expect(v).toMatchObject({ name: "Acme", fullname: "Acme Research", total: 2, members: [{ name: "wile" }] });
    expect(ids(v)).toEqual(["p-d", "p-c"]);
    await expect(service().organisation("nobody", {})).rejects.toBeInstanceOf(NotFoundError);
  });
});
