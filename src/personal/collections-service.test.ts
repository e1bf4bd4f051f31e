// Collections' rules: addresses from names, the default "Saved" collection, privacy, ownership, hidden papers, and saves as likes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertUser, type TestUser } from "../community/test-support/community-fixtures.js";
import { CommunityRepo } from "../storage/community-repo.js";
import { PersonalRepo } from "../storage/personal-repo.js";
import type { Store } from "../storage/store.js";
import { sqliteBackend } from "../storage/test-support/backends.js";
import { TOPIC_A } from "./__fixtures__/topic-papers.js";
import { CollectionsService } from "./collections-service.js";
import { slugOfName, slugify } from "./slug.js";
import { feedOver, putPaper } from "./test-support/personal-fixtures.js";

const NOW = new Date("2024-02-20T12:00:00.000Z");
const backend = sqliteBackend();
let store: Store;
let repo: PersonalRepo;
let service: CollectionsService;
let ada: TestUser;
let bob: TestUser;

beforeEach(async () => {
  store = await backend.open();
  repo = new PersonalRepo(store.db);
  const feed = feedOver(store, () => NOW);
  service = new CollectionsService({ repo, users: new CommunityRepo(store.db), store, visible: (p) => feed.visible(p), clock: () => NOW });
  ada = await insertUser(store, "ada");
  bob = await insertUser(store, "bob");
  for (const p of TOPIC_A.slice(0, 3)) await putPaper(store, p, { day: "2024-02-19" });
});
afterEach(async () => {
  await store.close();
  await backend.cleanup();
});

describe("slugs", () => {
  it("are lower-case ASCII words joined by single hyphens", () => {
    expect(slugify("Diffusion & Flow Matching!")).toBe("diffusion-flow-matching");
    expect(slugify("  Über   Modelle ")).toBe("uber-modelle");
    expect(slugify("扩散模型")).toBe("collection");
    expect(slugify("x".repeat(100))).toHaveLength(60);
    expect(slugOfName("reading-2", "reading")).toBe(true);
    expect(slugOfName("reading-list", "reading")).toBe(false);
  });
});

describe("CollectionsService", () => {
  it("saves into a private “Saved” collection made on first use (once, even when saves race)", async () => {
    const [a, b] = await Promise.all([service.save(ada.id, TOPIC_A[0]!.id), service.save(ada.id, TOPIC_A[1]!.id)]);
    expect(a.id).toBe(b.id);
    const mine = await service.mine(ada.id);
    expect(mine).toMatchObject([{ name: "Saved", slug: "saved", isPublic: false, items: 2 }]);
    await service.unsave(ada.id, TOPIC_A[0]!.id);
    expect((await service.view("ada", "saved", ada.id)).entries.map((e) => e.paper.id)).toEqual([TOPIC_A[1]!.id]);
  });

  it("keeps private collections from everyone else, and other users' collections out of reach", async () => {
    const c = await service.create(ada.id, { name: "Secret", isPublic: false });
    await expect(service.view("ada", c.slug, bob.id)).rejects.toThrow(/no collection at this address/);
    await expect(service.view("ada", c.slug, null)).rejects.toThrow(/no collection/);
    expect((await service.list("ada", bob.id)).collections).toEqual([]);
    await expect(service.save(bob.id, TOPIC_A[0]!.id, c.id)).rejects.toThrow(/not yours/);
    await expect(service.update(bob.id, c.id, { name: "x", isPublic: true })).rejects.toThrow(/not yours/);
    await expect(service.remove(bob.id, c.id)).rejects.toThrow(/not yours/);
  });

  it("keeps an address through a change of case, and moves it with a new name", async () => {
    const c = await service.create(ada.id, { name: "Reading", isPublic: true });
    await service.create(ada.id, { name: "Reading", isPublic: true });
    expect((await service.update(ada.id, c.id, { name: "READING", isPublic: true })).slug).toBe("reading");
    expect((await service.update(ada.id, c.id, { name: "Later", isPublic: false })).slug).toBe("later");
    await expect(service.create(ada.id, { name: "x".repeat(81), isPublic: false })).rejects.toThrow(/at most 80/);
  });

  it("counts a save as a like (lifting a “not interested” mark) and never shows or saves hidden papers", async () => {
    await repo.markNotInterested(ada.id, TOPIC_A[0]!.id, NOW.toISOString());
    await service.save(ada.id, TOPIC_A[0]!.id);
    expect(await repo.notInterested(ada.id, 10)).toEqual([]);
    expect((await repo.savedPapers(ada.id, 10)).map((m) => m.paperId)).toEqual([TOPIC_A[0]!.id]);
    await store.db.insertInto("paper_stats").values({ paper_id: TOPIC_A[0]!.id, hidden_at: NOW.toISOString(), hidden_by: "mod" }).execute();
    expect((await service.view("ada", "saved", ada.id)).entries).toEqual([]);
    await expect(service.save(ada.id, TOPIC_A[0]!.id)).rejects.toThrow(/No paper/);
    await expect(service.save(ada.id, "2499.00001")).rejects.toThrow(/No paper/);
  });
});
