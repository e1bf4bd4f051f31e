// The personal repository against every backend: collections, items, likes, "not interested" marks and follows.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertPaper, insertUser, type TestUser } from "../community/test-support/community-fixtures.js";
import { CommunityRepo } from "./community-repo.js";
import { PersonalRepo, type CollectionRow } from "./personal-repo.js";
import type { Store } from "./store.js";
import { allBackends } from "./test-support/backends.js";

const at = (minute: number) => `2024-08-01T10:${String(minute).padStart(2, "0")}:00.000Z`;

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`PersonalRepo: ${backend.name}`, () => {
    let store: Store;
    let repo: PersonalRepo;
    let ada: TestUser;
    let bob: TestUser;
    beforeEach(async () => {
      store = await backend.open();
      repo = new PersonalRepo(store.db);
      ada = await insertUser(store, "ada");
      bob = await insertUser(store, "bob");
      for (const id of ["2407.00001", "2407.00002", "2407.00003"]) await insertPaper(store, id);
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    const collection = (userId: string, id: string, slug: string, over: Partial<CollectionRow> = {}) => ({
      id,
      userId,
      name: slug,
      slug,
      isPublic: false,
      createdAt: at(0),
      updatedAt: at(0),
      ...over,
    });

    describe("collections", () => {
      it("keeps slugs unique per user, not across users", async () => {
        expect(await repo.insertCollection(collection(ada.id, "c1", "reading"))).toBe(true);
        expect(await repo.insertCollection(collection(ada.id, "c2", "reading"))).toBe(false);
        expect(await repo.insertCollection(collection(bob.id, "c3", "reading"))).toBe(true);
        expect((await repo.collectionBySlug(ada.id, "reading"))?.id).toBe("c1");
        expect((await repo.collectionBySlug(bob.id, "reading"))?.id).toBe("c3");
        expect(await repo.collectionBySlug(ada.id, "missing")).toBeNull();
      });

      it("renames and changes visibility, refusing a slug another of the user's collections holds", async () => {
        await repo.insertCollection(collection(ada.id, "c1", "reading"));
        await repo.insertCollection(collection(ada.id, "c2", "later", { createdAt: at(1) }));
        expect(await repo.updateCollection(ada.id, "c2", { name: "Reading", slug: "reading", isPublic: true, updatedAt: at(2) })).toBe(false);
        expect(await repo.updateCollection(ada.id, "c2", { name: "Soon", slug: "soon", isPublic: true, updatedAt: at(2) })).toBe(true);
        // Keeping its own slug is no conflict; another user cannot touch it.
        expect(await repo.updateCollection(ada.id, "c2", { name: "Soon!", slug: "soon", isPublic: true, updatedAt: at(3) })).toBe(true);
        expect(await repo.updateCollection(bob.id, "c2", { name: "Mine", slug: "mine", isPublic: false, updatedAt: at(3) })).toBe(false);
        expect(await repo.collectionById("c2")).toMatchObject({ name: "Soon!", slug: "soon", isPublic: true, updatedAt: at(3), items: 0 });
        expect((await repo.collectionsOf(ada.id)).map((c) => c.id)).toEqual(["c1", "c2"]);
        expect((await repo.collectionsOf(ada.id, { publicOnly: true })).map((c) => c.id)).toEqual(["c2"]);
        expect(await repo.slugsLike(ada.id, "read")).toEqual(new Set(["reading"]));
      });

      it("adds papers once, counts them, lists them newest first, removes them, and deletes with the collection", async () => {
        await repo.insertCollection(collection(ada.id, "c1", "reading"));
        expect(await repo.addItem("c1", "2407.00001", at(1))).toBe(true);
        expect(await repo.addItem("c1", "2407.00001", at(5))).toBe(false);
        expect(await repo.addItem("c1", "2407.00002", at(2))).toBe(true);
        expect((await repo.collectionById("c1"))?.items).toBe(2);
        expect(await repo.items("c1", 10)).toEqual([
          { paperId: "2407.00002", at: at(2) },
          { paperId: "2407.00001", at: at(1) },
        ]);
        expect(await repo.collectionsHolding(ada.id, "2407.00001")).toEqual(new Set(["c1"]));
        expect(await repo.collectionsHolding(bob.id, "2407.00001")).toEqual(new Set());
        expect(await repo.removeItem("c1", "2407.00001")).toBe(true);
        expect(await repo.removeItem("c1", "2407.00001")).toBe(false);
        expect(await repo.deleteCollection(bob.id, "c1")).toBe(false);
        expect(await repo.deleteCollection(ada.id, "c1")).toBe(true);
        expect(await repo.items("c1", 10)).toEqual([]);
      });
    });

    describe("likes", () => {
      it("lists saved papers once each (first save), across collections, and upvoted papers, newest first", async () => {
        await repo.insertCollection(collection(ada.id, "c1", "a"));
        await repo.insertCollection(collection(ada.id, "c2", "b"));
        await repo.insertCollection(collection(bob.id, "c3", "a"));
        await repo.addItem("c1", "2407.00001", at(3));
        await repo.addItem("c2", "2407.00001", at(1));
        await repo.addItem("c2", "2407.00002", at(2));
        await repo.addItem("c3", "2407.00003", at(4));
        expect(await repo.savedPapers(ada.id, 10)).toEqual([
          { paperId: "2407.00002", at: at(2) },
          { paperId: "2407.00001", at: at(1) },
        ]);
        expect(await repo.savedPapers(ada.id, 1)).toHaveLength(1);
        const community = new CommunityRepo(store.db);
        await community.setUpvote(ada.id, "2407.00003", true, at(7));
        await community.setUpvote(ada.id, "2407.00001", true, at(6));
        expect(await repo.upvotedPapers(ada.id, 10)).toEqual([
          { paperId: "2407.00003", at: at(7) },
          { paperId: "2407.00001", at: at(6) },
        ]);
        expect(await repo.upvotedPapers(bob.id, 10)).toEqual([]);
      });
    });

    describe("not interested", () => {
      it("marks once, lists newest first, unmarks", async () => {
        expect(await repo.markNotInterested(ada.id, "2407.00001", at(1))).toBe(true);
        expect(await repo.markNotInterested(ada.id, "2407.00001", at(3))).toBe(false);
        expect(await repo.markNotInterested(ada.id, "2407.00002", at(2))).toBe(true);
        expect((await repo.notInterested(ada.id, 10)).map((m) => m.paperId)).toEqual(["2407.00002", "2407.00001"]);
        expect(await repo.notInterested(bob.id, 10)).toEqual([]);
        expect(await repo.unmarkNotInterested(ada.id, "2407.00001")).toBe(true);
        expect(await repo.unmarkNotInterested(ada.id, "2407.00001")).toBe(false);
        expect((await repo.notInterested(ada.id, 10)).map((m) => m.paperId)).toEqual(["2407.00002"]);
      });
    });

    describe("follows", () => {
      it("replaces one kind at a time, one follow per spelling", async () => {
        await repo.replaceFollows(ada.id, "category", ["cs.CL", "cs.cl", "cs.LG"], at(1));
        await repo.replaceFollows(ada.id, "author", ["Ada Lovelace"], at(2));
        expect(await repo.follows(ada.id)).toEqual([
          { kind: "author", value: "Ada Lovelace" },
          { kind: "category", value: "cs.CL" },
          { kind: "category", value: "cs.LG" },
        ]);
        await repo.replaceFollows(ada.id, "category", [], at(3));
        expect(await repo.follows(ada.id)).toEqual([{ kind: "author", value: "Ada Lovelace" }]);
        expect(await repo.follows(bob.id)).toEqual([]);
      });
    });

    it("forgets everything of a deleted account", async () => {
      await repo.insertCollection(collection(ada.id, "c1", "a"));
      await repo.addItem("c1", "2407.00001", at(1));
      await repo.markNotInterested(ada.id, "2407.00002", at(1));
      await repo.replaceFollows(ada.id, "author", ["Ada Lovelace"], at(1));
      await store.db.deleteFrom("users").where("id", "=", ada.id).execute();
      expect(await repo.collectionById("c1")).toBeNull();
      expect(await repo.items("c1", 10)).toEqual([]);
      expect(await repo.notInterested(ada.id, 10)).toEqual([]);
      expect(await repo.follows(ada.id)).toEqual([]);
    });
  });
}
