// The for-you ranking over a real store: topic learning, "not interested", recency, follows, reasons, cold start, the digest's options, vectors.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertUser, type TestUser } from "../community/test-support/community-fixtures.js";
import { loadConfig } from "../config/config.js";
import { createLogger } from "../logging/logger.js";
import { SearchEngine } from "../search/search-engine.js";
import { CommunityRepo } from "../storage/community-repo.js";
import { PersonalRepo } from "../storage/personal-repo.js";
import type { Store } from "../storage/store.js";
import { sqliteBackend } from "../storage/test-support/backends.js";
import { TOPIC_A, TOPIC_B, type TopicPaper } from "./__fixtures__/topic-papers.js";
import { DEFAULT_BLEND } from "./blend.js";
import type { ForYouService } from "./for-you-service.js";
import { forYouOver, putPaper } from "./test-support/personal-fixtures.js";

const NOW = new Date("2024-02-20T12:00:00.000Z");
const now = () => NOW;
const TODAY = "2024-02-20";
const backend = sqliteBackend();
let store: Store;
let repo: PersonalRepo;
let ada: TestUser;

const likedA = TOPIC_A.slice(0, 4);
const freshA = TOPIC_A.slice(4, 8);
const freshB = TOPIC_B.slice(0, 8);

/** Likes in January, a January background of mostly B, and this week's candidates all on one day. */
async function seed(candidateDay = "2024-02-19") {
  for (const [i, p] of likedA.entries()) await putPaper(store, p, { day: `2024-01-1${i}` });
  for (const [i, p] of [TOPIC_A[8]!, ...TOPIC_B.slice(8)].entries()) await putPaper(store, p, { day: `2024-01-2${i}` });
  for (const p of [...freshA, ...freshB]) await putPaper(store, p, { day: candidateDay });
}

async function like(user: TestUser, papers: TopicPaper[]) {
  const community = new CommunityRepo(store.db);
  await repo.insertCollection({ id: `c-${user.id}`, userId: user.id, name: "Saved", slug: "saved", isPublic: false, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
  for (const [i, p] of papers.entries()) {
    // Half upvoted, half saved: both are likes.
    if (i % 2 === 0) await community.setUpvote(user.id, p.id, true, `2024-01-30T00:0${i}:00.000Z`);
    else await repo.addItem(`c-${user.id}`, p.id, `2024-01-30T00:0${i}:00.000Z`);
  }
}

const ids = async (s: ForYouService, userId: string, limit = 50) => (await s.forYou(userId, { limit })).map((p) => p.paper.id);
const isA = (id: string) => id.startsWith("2403.");

beforeEach(async () => {
  store = await backend.open();
  repo = new PersonalRepo(store.db);
  ada = await insertUser(store, "ada");
});
afterEach(async () => {
  await store.close();
  await backend.cleanup();
});

describe("ForYouService", () => {
  it("ranks unseen papers of the topic a reader likes above the other topic's, and says which like they resemble", async () => {
    await seed();
    await like(ada, likedA);
    const picks = await forYouOver(store, now).forYou(ada.id, { limit: 50 });
    expect(picks.map((p) => p.paper.id).slice(0, 4).every(isA)).toBe(true);
    expect(picks.map((p) => p.paper.id).sort()).toEqual([...freshA, ...freshB].map((p) => p.id).sort());
    expect(picks[0]!.reason).toMatch(/^similar to “.+”, which you (upvoted|saved)$/);
    expect(picks[0]!.score).toBeGreaterThan(picks.at(-1)!.score);
    // Liked papers (and the background) are never offered.
    expect(picks.some((p) => likedA.some((l) => l.id === p.paper.id))).toBe(false);
  });

  it("leaves out a paper marked “not interested” and pushes down papers like it", async () => {
    await seed();
    await like(ada, [...likedA, ...TOPIC_B.slice(8, 10)]);
    const s = forYouOver(store, now);
    const rankOfB = (order: string[]) => freshB.reduce((sum, p) => sum + order.indexOf(p.id), 0) / freshB.length;
    const before = await ids(s, ada.id);
    await s.notInterested(ada.id, TOPIC_B[10]!.id);
    await s.notInterested(ada.id, freshB[0]!.id);
    const after = await ids(s, ada.id);
    expect(after).not.toContain(freshB[0]!.id);
    expect(rankOfB(after.filter((id) => id !== freshB[0]!.id))).toBeGreaterThan(rankOfB(before.filter((id) => id !== freshB[0]!.id)));
    await s.undoNotInterested(ada.id, freshB[0]!.id);
    expect(await ids(s, ada.id)).toContain(freshB[0]!.id);
    await expect(s.notInterested(ada.id, "2499.99999")).rejects.toThrow(/No paper/);
  });

  it("blends in recency: a strong recency weight lets today's off-topic papers pass last week's on-topic ones", async () => {
    for (const [i, p] of likedA.entries()) await putPaper(store, p, { day: `2024-01-1${i}` });
    for (const p of freshA) await putPaper(store, p, { day: "2024-02-08" });
    for (const p of freshB) await putPaper(store, p, { day: TODAY });
    await like(ada, likedA);
    const model = await ids(forYouOver(store, now, { blend: { ...DEFAULT_BLEND, recencyWeight: 0 } }), ada.id);
    expect(model.slice(0, 4).every(isA)).toBe(true);
    const fresh = await ids(forYouOver(store, now, { blend: { ...DEFAULT_BLEND, recencyWeight: 10 } }), ada.id);
    expect(fresh.slice(0, 8).every((id) => !isA(id))).toBe(true);
  });

  it("lifts followed authors (above the day's top paper) and categories, and says so", async () => {
    await putPaper(store, TOPIC_B[0]!, { day: "2024-02-19", authors: ["Alan Turing", "Ada Lovelace"] });
    await putPaper(store, TOPIC_B[1]!, { day: "2024-02-19", categories: ["q-bio.BM", "cs.CL"] });
    for (const [i, p] of TOPIC_A.slice(0, 6).entries()) await putPaper(store, p, { day: "2024-02-19", upvotes: [2, 3, 5, 8, 13, 30][i]! });
    await repo.replaceFollows(ada.id, "author", ["ada lovelace"], NOW.toISOString());
    await repo.replaceFollows(ada.id, "category", ["CS.CL"], NOW.toISOString());
    const picks = await forYouOver(store, now).forYou(ada.id, { limit: 3 });
    expect(picks.map((p) => [p.paper.id, p.reason])).toEqual([
      [TOPIC_B[0]!.id, "by Ada Lovelace, whom you follow"],
      [TOPIC_A[5]!.id, "trending: 30 upvotes"],
      [TOPIC_B[1]!.id, "in cs.CL, which you follow"],
    ]);
  });

  it("at cold start lists the community's picks, most upvoted first, and says it is a cold start", async () => {
    await putPaper(store, TOPIC_A[0]!, { day: "2024-02-19", upvotes: 3 });
    await putPaper(store, TOPIC_A[1]!, { day: "2024-02-19", upvotes: 40 });
    await putPaper(store, TOPIC_A[2]!, { day: "2024-02-19", upvotes: 0 });
    const feed = await forYouOver(store, now).feed(ada.id, { limit: 10 });
    expect(feed.coldStart).toBe(true);
    expect(feed.entries.map((e) => [e.paper.id, e.reason])).toEqual([
      [TOPIC_A[1]!.id, "trending: 40 upvotes"],
      [TOPIC_A[0]!.id, "trending: 3 upvotes"],
      [TOPIC_A[2]!.id, "new on the feed"],
    ]);
    expect(feed.entries[0]!.upvotes).toBe(40);
  });

  it("takes only papers that entered after `since`, leaves out `excludeIds`, and checks its options", async () => {
    await seed();
    for (const p of TOPIC_A.slice(10, 12)) await putPaper(store, p, { day: "2024-02-10" });
    await like(ada, likedA);
    const s = forYouOver(store, now);
    const since = await ids(s, ada.id);
    const after = (await s.forYou(ada.id, { limit: 50, since: "2024-02-15T00:00:00.000Z", excludeIds: new Set([freshA[0]!.id]) })).map((p) => p.paper.id);
    expect(after).not.toContain(freshA[0]!.id);
    expect(after).not.toContain(TOPIC_A[10]!.id);
    expect(since).toContain(TOPIC_A[10]!.id);
    expect(after).toHaveLength(freshA.length + freshB.length - 1);
    await expect(s.forYou(ada.id, { limit: 0 })).rejects.toThrow(/limit/);
    await expect(s.forYou(ada.id, { limit: 5, since: "yesterday" })).rejects.toThrow(/since/);
  });

  it("never lists hidden papers, and ranks an archive hub's latest days when nothing is recent", async () => {
    await seed("2023-11-02");
    await store.db.insertInto("paper_stats").values({ paper_id: freshA[0]!.id, hidden_at: NOW.toISOString(), hidden_by: "mod" }).execute();
    const feed = await forYouOver(store, now).feed(ada.id, { limit: 50 });
    expect(feed.to).toBe("2024-01-24");
    expect(feed.from).toBe("2024-01-11");
    // The archive's window holds the January papers; the November ones are its background.
    expect(feed.entries.map((e) => e.paper.id)).not.toContain(freshA[0]!.id);
    expect(feed.entries.map((e) => e.paper.id)).toContain(likedA[1]!.id);
    expect(feed.entries.map((e) => e.paper.id)).not.toContain(likedA[0]!.id);
  });
});

describe("ForYouService with paper vectors", () => {
  let dataDir: string;
  let engine: SearchEngine;
  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "pb-foryou-"));
  });
  afterEach(async () => {
    await engine.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("uses the active model's vectors when ready, adds recent neighbours of the likes, and falls back to words without them", async () => {
    await seed();
    // Published last week, never on the feed: only a neighbour of the likes can bring it in.
    await putPaper(store, TOPIC_A[9]!, { day: null, published: "2024-02-12T00:00:00.000Z" });
    await like(ada, likedA);
    engine = await SearchEngine.open(store, loadConfig({ env: {}, overrides: { dataDir } }), createLogger({ level: "silent", format: "json" }));
    const words = await forYouOver(store, now).feed(ada.id, { limit: 50 });
    expect(words.usedVectors).toBe(false);
    await engine.catchUp();
    const withVectors = await forYouOver(store, now, {}, () => engine.semantic()).feed(ada.id, { limit: 50 });
    expect(withVectors.usedVectors).toBe(true);
    const order = withVectors.entries.map((e) => e.paper.id);
    expect(order).toContain(TOPIC_A[9]!.id);
    expect(order.slice(0, 4).every(isA)).toBe(true);
    // An index that fails to open is an index that is not ready.
    const broken = await forYouOver(store, now, {}, () => Promise.reject(new Error("model missing"))).feed(ada.id, { limit: 5 });
    expect(broken.usedVectors).toBe(false);
  });
});
