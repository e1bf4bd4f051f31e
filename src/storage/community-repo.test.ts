// The community repository against every backend, with the concurrency cases counted exactly.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { insertPaper, insertUser, type TestUser } from "../community/test-support/community-fixtures.js";
import { CommunityRepo, type ModerationEntry } from "./community-repo.js";
import type { Store } from "./store.js";
import { allBackends } from "./test-support/backends.js";

const T = "2024-08-01T10:00:00.000Z";
let seq = 0;
const logEntry = (actor: TestUser, action: string, targetType: ModerationEntry["targetType"], targetId: string, createdAt = T): ModerationEntry => ({
  id: `log${String(++seq).padStart(4, "0")}`,
  actorId: actor.id,
  actorName: actor.name,
  action,
  targetType,
  targetId,
  reason: null,
  createdAt,
});

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`CommunityRepo: ${backend.name}`, () => {
    let store: Store;
    let repo: CommunityRepo;
    beforeEach(async () => {
      store = await backend.open();
      repo = new CommunityRepo(store.db);
      await insertPaper(store, "2407.00001");
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    const stats = async (id = "2407.00001") => (await repo.paperCounts(id))!;
    const voteRows = async (id = "2407.00001") =>
      Number((await store.db.selectFrom("upvotes").select((eb) => eb.fn.countAll().as("n")).where("paper_id", "=", id).executeTakeFirstOrThrow()).n);
    const liveComments = async (id = "2407.00001") =>
      Number(
        (
          await store.db
            .selectFrom("comments")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("paper_id", "=", id)
            .where("deleted_at", "is", null)
            .where("hidden_at", "is", null)
            .executeTakeFirstOrThrow()
        ).n,
      );

    describe("upvotes", () => {
      it("counts 20 users voting at once exactly, and 20 withdrawing at once back to 0", async () => {
        const users = await Promise.all(Array.from({ length: 20 }, (_, i) => insertUser(store, `voter${i}`)));
        await Promise.all(users.map((u) => repo.toggleUpvote(u.id, "2407.00001", T)));
        expect((await stats()).localUpvotes).toBe(20);
        expect(await voteRows()).toBe(20);
        await Promise.all(users.map((u) => repo.toggleUpvote(u.id, "2407.00001", T)));
        expect((await stats()).localUpvotes).toBe(0);
        expect(await voteRows()).toBe(0);
      });

      it("counts one vote when the same user casts it many times at once", async () => {
        const u = await insertUser(store, "eager");
        const changed = await Promise.all(Array.from({ length: 10 }, () => repo.setUpvote(u.id, "2407.00001", true, T)));
        expect(changed.filter(Boolean)).toHaveLength(1);
        expect((await stats()).localUpvotes).toBe(1);
        const withdrawn = await Promise.all(Array.from({ length: 10 }, () => repo.setUpvote(u.id, "2407.00001", false, T)));
        expect(withdrawn.filter(Boolean)).toHaveLength(1);
        expect((await stats()).localUpvotes).toBe(0);
      });

      it("keeps the counter equal to the votes when one user toggles many times at once", async () => {
        const users = await Promise.all(Array.from({ length: 5 }, (_, i) => insertUser(store, `toggler${i}`)));
        await Promise.all(users.flatMap((u) => Array.from({ length: 6 }, () => repo.toggleUpvote(u.id, "2407.00001", T))));
        const rows = await voteRows();
        expect(rows).toBeLessThanOrEqual(5);
        expect((await stats()).localUpvotes).toBe(rows);
      });

      it("toggles, and reports imported and local counts apart", async () => {
        await insertPaper(store, "2407.00002", { hub: { feedDay: "2024-08-01", upvotes: 41 } });
        const u = await insertUser(store, "ann");
        expect(await repo.toggleUpvote(u.id, "2407.00002", T)).toBe(true);
        expect(await repo.hasUpvoted(u.id, "2407.00002")).toBe(true);
        expect(await stats("2407.00002")).toMatchObject({ importedUpvotes: 41, localUpvotes: 1 });
        expect(await repo.upvotedAmong(u.id, ["2407.00001", "2407.00002"])).toEqual(new Set(["2407.00002"]));
        expect(await repo.toggleUpvote(u.id, "2407.00002", T)).toBe(false);
        expect(await stats("2407.00002")).toMatchObject({ importedUpvotes: 41, localUpvotes: 0 });
        expect(await stats()).toMatchObject({ importedUpvotes: null, localUpvotes: 0, hiddenAt: null });
        expect(await repo.paperCounts("nope")).toBeNull();
      });
    });

    describe("comments", () => {
      const add = (id: string, user: TestUser, parentId: string | null = null, at = T) =>
        repo.insertComment({ id, paperId: "2407.00001", userId: user.id, parentId, body: `body of ${id}`, createdAt: at });

      it("lists comments with their authors, oldest first, and counts live ones", async () => {
        const u = await insertUser(store, "ann", { displayName: "Ann A." });
        await add("c2", u, null, "2024-08-01T10:00:02.000Z");
        await add("c1", u, null, "2024-08-01T10:00:01.000Z");
        await add("r1", u, "c1", "2024-08-01T10:00:03.000Z");
        const list = await repo.listComments("2407.00001");
        expect(list.map((c) => c.id)).toEqual(["c1", "c2", "r1"]);
        expect(list[2]).toMatchObject({ parentId: "c1", authorName: "ann", authorDisplayName: "Ann A.", body: "body of r1", deletedAt: null });
        expect((await stats()).localComments).toBe(3);
      });

      it("keeps a deleted parent with replies as a placeholder, and removes it with its last reply", async () => {
        const u = await insertUser(store, "ann");
        await add("c1", u);
        await add("r1", u, "c1");
        await add("r2", u, "c1");
        expect(await repo.deleteComment("c1", T)).toEqual({ removed: false });
        expect(await repo.getComment("c1")).toMatchObject({ deletedAt: T, body: "" });
        expect(await repo.deleteComment("c1", T)).toBeNull();
        expect(await repo.editComment("c1", "revived", T)).toBe(false);
        expect(await repo.insertComment({ id: "r3", paperId: "2407.00001", userId: u.id, parentId: "c1", body: "x", createdAt: T })).toBe(false);
        expect(await repo.deleteComment("r1", T)).toEqual({ removed: true });
        expect(await repo.getComment("c1")).not.toBeNull();
        await repo.deleteComment("r2", T);
        expect(await repo.listComments("2407.00001")).toEqual([]);
        expect((await stats()).localComments).toBe(0);
      });

      it("takes a hidden comment out of the count once, and deleting it then leaves the count alone", async () => {
        const [u, mod] = [await insertUser(store, "ann"), await insertUser(store, "mo", { role: "moderator" })];
        await add("c1", u);
        await add("c2", u);
        expect(await repo.setCommentHidden("c1", { at: T, by: mod.id }, logEntry(mod, "hide_comment", "comment", "c1"))).toBe(true);
        expect(await repo.setCommentHidden("c1", { at: T, by: mod.id }, logEntry(mod, "hide_comment", "comment", "c1"))).toBe(false);
        expect((await stats()).localComments).toBe(1);
        expect(await repo.deleteComment("c1", T)).toEqual({ removed: true });
        expect((await stats()).localComments).toBe(1);
        expect(await repo.setCommentHidden("c2", null, logEntry(mod, "restore_comment", "comment", "c2"))).toBe(false);
        expect((await repo.listLog(10)).map((e) => e.action)).toEqual(["hide_comment"]);
      });

      it("keeps the counter equal to the live comments under concurrent replies and deletes", async () => {
        const users = await Promise.all(Array.from({ length: 4 }, (_, i) => insertUser(store, `talker${i}`)));
        await add("top", users[0]!);
        const jobs: Promise<unknown>[] = [];
        for (let i = 0; i < 12; i++) jobs.push(add(`r${i}`, users[i % 4]!, "top"));
        jobs.push(repo.deleteComment("top", T));
        for (let i = 0; i < 6; i++) jobs.push(repo.deleteComment(`r${i}`, T));
        await Promise.all(jobs);
        expect((await stats()).localComments).toBe(await liveComments());
        const rows = await repo.listComments("2407.00001");
        // Replies never outlive their parent's row, and a placeholder never stands without replies.
        const top = rows.find((r) => r.id === "top");
        const replies = rows.filter((r) => r.parentId === "top");
        if (!top) expect(replies).toEqual([]);
        else if (top.deletedAt) expect(replies.length).toBeGreaterThan(0);
      });
    });

    describe("submissions", () => {
      const place = (u: TestUser, paperId: string, max = 5, at = T) =>
        repo.placeOnFeed(
          { paperId, userId: u.id, feedDay: "2024-08-02", submittedAt: at, submittedBy: JSON.stringify({ name: u.name, fullname: u.displayName }) },
          { since: "2024-07-31T10:00:00.000Z", max },
        );

      it("writes the hub row the feed reads, and the submission", async () => {
        const u = await insertUser(store, "ann", { displayName: "Ann A." });
        expect(await place(u, "2407.00001")).toEqual({ placed: true });
        const p = await store.getPaper("2407.00001");
        expect(p!.hub).toMatchObject({ feedDay: "2024-08-02", submittedAt: T, submittedBy: { name: "ann", fullname: "Ann A." }, upvotes: null });
        expect(await repo.feedDayOf("2407.00001")).toBe("2024-08-02");
        expect(await repo.submissionTimesSince(u.id, "2024-08-01T00:00:00.000Z")).toEqual([T]);
        expect(await repo.submissionsBy(u.id, 10)).toEqual([{ id: "2407.00001", title: "Paper 2407.00001", at: T, feedDay: "2024-08-02", hidden: false }]);
      });

      it("refuses a paper already on a feed day, imported or submitted", async () => {
        const u = await insertUser(store, "ann");
        await insertPaper(store, "2407.00002", { hub: { feedDay: "2024-07-20", upvotes: 3 } });
        expect(await place(u, "2407.00002")).toEqual({ placed: false, reason: "duplicate", feedDay: "2024-07-20" });
        expect((await store.getPaper("2407.00002"))!.hub).toMatchObject({ feedDay: "2024-07-20", upvotes: 3, submittedBy: null });
        await place(u, "2407.00001");
        expect(await place(await insertUser(store, "bob"), "2407.00001")).toMatchObject({ reason: "duplicate", feedDay: "2024-08-02" });
      });

      it("fills a hub row that has no feed day without touching its other facts", async () => {
        const u = await insertUser(store, "ann");
        await insertPaper(store, "2407.00003", { hub: { githubStars: 12 } });
        expect(await place(u, "2407.00003")).toEqual({ placed: true });
        expect((await store.getPaper("2407.00003"))!.hub).toMatchObject({ feedDay: "2024-08-02", githubStars: 12 });
      });

      it("lets one user through the limit no more than `max` times when submitting at once", async () => {
        const u = await insertUser(store, "rush");
        const ids = Array.from({ length: 8 }, (_, i) => `2407.1000${i}`);
        for (const id of ids) await insertPaper(store, id);
        const outcomes = await Promise.all(ids.map((id) => place(u, id, 3)));
        expect(outcomes.filter((o) => o.placed)).toHaveLength(3);
        expect(outcomes.filter((o) => !o.placed && o.reason === "limit")).toHaveLength(5);
      });

      it("places a paper once when two users submit it at the same moment", async () => {
        const users = await Promise.all(Array.from({ length: 6 }, (_, i) => insertUser(store, `rival${i}`)));
        const outcomes = await Promise.all(users.map((u) => place(u, "2407.00001")));
        expect(outcomes.filter((o) => o.placed)).toHaveLength(1);
        const subs = await store.db.selectFrom("submissions").selectAll().execute();
        expect(subs).toHaveLength(1);
      });
    });

    describe("moderation", () => {
      it("hides and restores a paper once each, logging each change", async () => {
        const mod = await insertUser(store, "mo", { role: "moderator" });
        await insertPaper(store, "2407.00002");
        expect(await repo.setPaperHidden("2407.00001", { at: T, by: mod.id }, logEntry(mod, "hide_paper", "paper", "2407.00001"))).toBe(true);
        expect(await repo.setPaperHidden("2407.00001", { at: T, by: mod.id }, logEntry(mod, "hide_paper", "paper", "2407.00001"))).toBe(false);
        expect(await repo.isPaperHidden("2407.00001")).toBe(true);
        expect(await repo.hiddenAmong(["2407.00001", "2407.00002", "x"])).toEqual(new Set(["2407.00001"]));
        expect((await repo.localStats(["2407.00001"])).get("2407.00001")).toEqual({ upvotes: 0, comments: 0, hidden: true });
        expect(await repo.setPaperHidden("2407.00001", null, logEntry(mod, "restore_paper", "paper", "2407.00001"))).toBe(true);
        expect(await repo.setPaperHidden("2407.00001", null, logEntry(mod, "restore_paper", "paper", "2407.00001"))).toBe(false);
        expect(await repo.isPaperHidden("2407.00001")).toBe(false);
        expect((await repo.listLog(10)).map((e) => e.action).sort()).toEqual(["hide_paper", "restore_paper"]);
      });

      it("bans a user, ending their sessions, and unbans", async () => {
        const [mod, u] = [await insertUser(store, "mo", { role: "moderator" }), await insertUser(store, "troll")];
        await store.db
          .insertInto("sessions")
          .values({ token_hash: "h1", user_id: u.id, csrf_token: "c", created_at: T, last_seen_at: T, expires_at: "2099-01-01T00:00:00.000Z" })
          .execute();
        expect(await repo.setUserBanned(u.id, T, logEntry(mod, "ban_user", "user", "troll"))).toBe(true);
        expect(await repo.setUserBanned(u.id, T, logEntry(mod, "ban_user", "user", "troll"))).toBe(false);
        expect((await repo.userByName("Troll"))!.bannedAt).toBe(T);
        expect(await store.db.selectFrom("sessions").selectAll().execute()).toEqual([]);
        expect(await repo.setUserBanned(u.id, null, logEntry(mod, "unban_user", "user", "troll"))).toBe(true);
        expect((await repo.userById(u.id))!.bannedAt).toBeNull();
      });

      it("pages the log newest first", async () => {
        const mod = await insertUser(store, "mo", { role: "admin" });
        for (let i = 0; i < 5; i++) {
          await repo.setPaperHidden("2407.00001", i % 2 ? null : { at: T, by: mod.id }, logEntry(mod, i % 2 ? "restore_paper" : "hide_paper", "paper", "2407.00001", `2024-08-01T10:00:0${i}.000Z`));
        }
        const first = await repo.listLog(2);
        expect(first.map((e) => e.createdAt.slice(17, 19))).toEqual(["04", "03"]);
        const rest = await repo.listLog(10, first[1]!);
        expect(rest.map((e) => e.createdAt.slice(17, 19))).toEqual(["02", "01", "00"]);
        expect(rest[0]).toMatchObject({ actorName: "mo", action: "hide_paper", targetType: "paper", targetId: "2407.00001", reason: null });
      });
    });

    describe("user pages", () => {
      it("lists a user's upvotes and comments with their papers' titles and hidden state", async () => {
        const [u, mod] = [await insertUser(store, "ann"), await insertUser(store, "mo", { role: "moderator" })];
        await insertPaper(store, "2407.00002", { title: "Second" });
        await repo.setUpvote(u.id, "2407.00002", true, T);
        await repo.insertComment({ id: "c1", paperId: "2407.00002", userId: u.id, parentId: null, body: "hi", createdAt: T });
        await repo.insertComment({ id: "c2", paperId: "2407.00001", userId: u.id, parentId: null, body: "gone", createdAt: T });
        await repo.deleteComment("c2", T);
        await repo.setPaperHidden("2407.00002", { at: T, by: mod.id }, logEntry(mod, "hide_paper", "paper", "2407.00002"));
        expect(await repo.upvotedBy(u.id, 10)).toEqual([{ id: "2407.00002", title: "Second", at: T, hidden: true }]);
        const comments = await repo.commentsBy(u.id, 10);
        expect(comments.map((c) => [c.id, c.paperTitle, c.paperHidden])).toEqual([["c1", "Second", true]]);
      });
    });
  });
}
