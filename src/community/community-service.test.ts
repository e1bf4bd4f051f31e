// The community services against every backend: votes, comments, moderation and user pages, with their rules.
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { Store } from "../storage/store.js";
import { allBackends } from "../storage/test-support/backends.js";
import { MAX_COMMENT_LENGTH } from "./comments.js";
import { CommunityService } from "./community-service.js";
import { insertPaper, insertUser, type TestUser } from "./test-support/community-fixtures.js";

const P = "2407.00001";

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`CommunityService: ${backend.name}`, () => {
    let store: Store;
    let svc: CommunityService;
    let ann: TestUser;
    let bob: TestUser;
    let mod: TestUser;
    let admin: TestUser;
    let tick = 0;
    beforeEach(async () => {
      store = await backend.open();
      // A clock that moves a second per reading, so every row has its own time.
      svc = new CommunityService(store, { now: () => new Date(Date.UTC(2024, 7, 1, 10, 0, tick++)) });
      await insertPaper(store, P, { hub: { feedDay: "2024-08-01", upvotes: 10, numComments: 2 } });
      ann = await insertUser(store, "ann", { displayName: "Ann A." });
      bob = await insertUser(store, "bob");
      mod = await insertUser(store, "mo", { role: "moderator" });
      admin = await insertUser(store, "root", { role: "admin" });
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    describe("upvotes", () => {
      it("shows imported plus local votes and whether the viewer voted", async () => {
        expect(await svc.toggleUpvote(ann.id, P)).toEqual({ upvoted: true, count: 11 });
        expect(await svc.upvotes.set(bob.id, P, true)).toEqual({ upvoted: true, count: 12 });
        expect(await svc.upvotes.set(bob.id, P, true)).toEqual({ upvoted: true, count: 12 });
        expect(await svc.paperView(P, ann)).toMatchObject({ upvotes: 12, upvoted: true });
        expect(await svc.paperView(P, null)).toMatchObject({ upvotes: 12, upvoted: false });
        expect(await svc.toggleUpvote(ann.id, P)).toEqual({ upvoted: false, count: 11 });
      });

      it("counts 20 users voting at once and one user's double submit once", async () => {
        const voters = await Promise.all(Array.from({ length: 20 }, (_, i) => insertUser(store, `v${i}`)));
        await Promise.all(voters.map((v) => svc.toggleUpvote(v.id, P)));
        expect((await svc.paperView(P, null)).upvotes).toBe(30);
        await Promise.all([svc.upvotes.set(ann.id, P, true), svc.upvotes.set(ann.id, P, true)]);
        expect((await svc.paperView(P, null)).upvotes).toBe(31);
      });

      it("refuses unknown and hidden papers and banned users", async () => {
        await expect(svc.toggleUpvote(ann.id, "2407.99999")).rejects.toBeInstanceOf(NotFoundError);
        await svc.moderation.hidePaper(mod, P);
        await expect(svc.toggleUpvote(ann.id, P)).rejects.toBeInstanceOf(NotFoundError);
        await svc.moderation.restorePaper(mod, P);
        await svc.moderation.banUser(mod, "bob");
        await expect(svc.toggleUpvote(bob.id, P)).rejects.toBeInstanceOf(ForbiddenError);
      });
    });

    describe("comments", () => {
      it("adds comments and replies, rendering Markdown safely in the paper view", async () => {
        const c = await svc.comments.add(ann, P, "Nice **result**.\r\n\r\n<script>alert(1)</script>");
        expect(c.body).toBe("Nice **result**.\n\n<script>alert(1)</script>");
        const r = await svc.comments.add(bob, P, "Agreed", c.id);
        const view = await svc.paperView(P, bob);
        expect(view.commentCount).toBe(4);
        expect(view.comments).toHaveLength(1);
        expect(view.comments[0]!.html).toContain("<strong>result</strong>");
        expect(view.comments[0]!.html).not.toContain("<script");
        expect(view.comments[0]!.replies.map((x) => x.id)).toEqual([r.id]);
      });

      it("attaches a reply to a reply to the top-level comment", async () => {
        const top = await svc.comments.add(ann, P, "top");
        const r1 = await svc.comments.add(bob, P, "first reply", top.id);
        const r2 = await svc.comments.add(ann, P, "reply to the reply", r1.id);
        expect(r2.parentId).toBe(top.id);
        const [thread] = (await svc.paperView(P, null)).comments;
        expect(thread!.replies.map((x) => x.id)).toEqual([r1.id, r2.id]);
      });

      it("refuses empty, overlong, misplaced and orphaned comments", async () => {
        await expect(svc.comments.add(ann, P, "  \n ")).rejects.toThrow(/cannot be empty/);
        await expect(svc.comments.add(ann, P, "x".repeat(MAX_COMMENT_LENGTH + 1))).rejects.toThrow(/at most 10,000 characters/);
        expect((await svc.comments.add(ann, P, "x".repeat(MAX_COMMENT_LENGTH))).body).toHaveLength(MAX_COMMENT_LENGTH);
        await expect(svc.comments.add(ann, "2407.99999", "hi")).rejects.toBeInstanceOf(NotFoundError);
        await insertPaper(store, "2407.00002");
        const other = await svc.comments.add(ann, "2407.00002", "elsewhere");
        await expect(svc.comments.add(ann, P, "hi", other.id)).rejects.toBeInstanceOf(ValidationError);
        await expect(svc.comments.add(ann, P, "hi", "no-such-comment")).rejects.toBeInstanceOf(ValidationError);
      });

      it("lets authors edit and delete their own comments only", async () => {
        const c = await svc.comments.add(ann, P, "tpyo");
        await expect(svc.comments.edit(bob, c.id, "vandal")).rejects.toBeInstanceOf(ForbiddenError);
        await expect(svc.comments.remove(mod, c.id)).rejects.toBeInstanceOf(ForbiddenError);
        const edited = await svc.comments.edit(ann, c.id, "typo");
        expect(edited).toMatchObject({ body: "typo" });
        expect(edited.editedAt).not.toBeNull();
        await expect(svc.comments.edit(ann, c.id, "")).rejects.toBeInstanceOf(ValidationError);
        expect(await svc.comments.remove(ann, c.id)).toEqual({ paperId: P });
        expect((await svc.paperView(P, null)).comments).toEqual([]);
        await expect(svc.comments.remove(ann, c.id)).rejects.toBeInstanceOf(NotFoundError);
      });

      it("shows [deleted] for a deleted comment with replies, and refuses new replies to it", async () => {
        const c = await svc.comments.add(ann, P, "top");
        await svc.comments.add(bob, P, "reply", c.id);
        await svc.comments.remove(ann, c.id);
        const [thread] = (await svc.paperView(P, null)).comments;
        expect(thread).toMatchObject({ state: "deleted", html: "", author: null });
        expect(thread!.replies).toHaveLength(1);
        expect((await svc.paperView(P, null)).commentCount).toBe(3);
        await expect(svc.comments.add(bob, P, "again", c.id)).rejects.toBeInstanceOf(ValidationError);
        await expect(svc.comments.edit(ann, c.id, "back")).rejects.toBeInstanceOf(NotFoundError);
      });
    });

    describe("moderation", () => {
      it("hides and restores comments: moderators see them marked, others a placeholder or nothing", async () => {
        const a = await svc.comments.add(ann, P, "rude");
        await svc.comments.add(bob, P, "reply", a.id);
        const b = await svc.comments.add(ann, P, "ruder");
        await expect(svc.moderation.hideComment(bob, a.id)).rejects.toBeInstanceOf(ForbiddenError);
        expect(await svc.moderation.hideComment(mod, a.id, "rude")).toEqual({ changed: true, paperId: P });
        expect(await svc.moderation.hideComment(mod, a.id)).toEqual({ changed: false, paperId: P });
        await svc.moderation.hideComment(mod, b.id);
        const public_ = await svc.paperView(P, bob);
        expect(public_.comments.map((c) => c.state)).toEqual(["hidden-placeholder"]);
        expect(public_.commentCount).toBe(3);
        expect((await svc.paperView(P, mod)).comments.map((c) => [c.state, c.html])).toEqual([
          ["hidden", "<p>rude</p>"],
          ["hidden", "<p>ruder</p>"],
        ]);
        await svc.moderation.restoreComment(mod, b.id);
        expect((await svc.paperView(P, bob)).comments.map((c) => c.state)).toEqual(["hidden-placeholder", "visible"]);
        const log = await svc.moderation.log(mod, { limit: 10 });
        expect(log.entries.map((e) => [e.action, e.targetId, e.reason, e.actorName])).toEqual([
          ["restore_comment", b.id, null, "mo"],
          ["hide_comment", b.id, null, "mo"],
          ["hide_comment", a.id, "rude", "mo"],
        ]);
      });

      it("hides papers for listings to filter", async () => {
        await insertPaper(store, "2407.00002");
        await expect(svc.moderation.hidePaper(ann, P)).rejects.toBeInstanceOf(ForbiddenError);
        await expect(svc.moderation.hidePaper(mod, "2407.99999")).rejects.toBeInstanceOf(NotFoundError);
        expect(await svc.moderation.hidePaper(mod, P, "spam")).toBe(true);
        expect(await svc.isHidden(P)).toBe(true);
        expect(await svc.hiddenPaperIds([P, "2407.00002"])).toEqual(new Set([P]));
        expect((await svc.paperView(P, null)).hidden).toBe(true);
        expect(await svc.moderation.restorePaper(mod, P)).toBe(true);
        expect(await svc.isHidden(P)).toBe(false);
      });

      it("lets moderators ban users, only admins ban moderators, and nobody ban admins or themself", async () => {
        const mod2 = await insertUser(store, "mo2", { role: "moderator" });
        await expect(svc.moderation.banUser(ann, "bob")).rejects.toBeInstanceOf(ForbiddenError);
        await expect(svc.moderation.banUser(mod, "mo2")).rejects.toThrow(/Only administrators/);
        await expect(svc.moderation.banUser(mod, "root")).rejects.toBeInstanceOf(ForbiddenError);
        await expect(svc.moderation.banUser(admin, "root")).rejects.toBeInstanceOf(ValidationError);
        await expect(svc.moderation.banUser(mod, "nobody")).rejects.toBeInstanceOf(NotFoundError);
        expect(await svc.moderation.banUser(mod, "BOB", "spam")).toBe(true);
        expect(await svc.moderation.banUser(admin, "mo2")).toBe(true);
        await expect(svc.moderation.hidePaper(mod2, P)).rejects.toThrow(/suspended/);
        await expect(svc.comments.add(bob, P, "still here?")).rejects.toBeInstanceOf(ForbiddenError);
        expect(await svc.moderation.unbanUser(mod, "bob")).toBe(true);
        expect((await svc.comments.add(bob, P, "back")).body).toBe("back");
      });

      it("pages the log with a cursor and refuses it to non-moderators", async () => {
        for (let i = 0; i < 5; i++) await (i % 2 ? svc.moderation.restorePaper(mod, P) : svc.moderation.hidePaper(mod, P));
        const first = await svc.moderation.log(mod, { limit: 2 });
        expect(first.entries.map((e) => e.action)).toEqual(["hide_paper", "restore_paper"]);
        const second = await svc.moderation.log(mod, { limit: 2, cursor: first.nextCursor! });
        const third = await svc.moderation.log(mod, { limit: 2, cursor: second.nextCursor! });
        expect(third).toMatchObject({ nextCursor: null });
        expect([...first.entries, ...second.entries, ...third.entries].map((e) => e.createdAt)).toEqual(
          [...first.entries, ...second.entries, ...third.entries].map((e) => e.createdAt).sort().reverse(),
        );
        await expect(svc.moderation.log(ann, { limit: 2 })).rejects.toBeInstanceOf(ForbiddenError);
        await expect(svc.moderation.log(mod, { limit: 2, cursor: "garbage" })).rejects.toBeInstanceOf(ValidationError);
      });
    });

    describe("user pages", () => {
      it("lists what a user did, leaving hidden content out for non-moderators", async () => {
        await insertPaper(store, "2407.00002", { title: "Hidden one" });
        await svc.toggleUpvote(ann.id, P);
        await svc.toggleUpvote(ann.id, "2407.00002");
        await svc.comments.add(ann, P, "*fine*");
        const rude = await svc.comments.add(ann, P, "rude");
        await svc.comments.add(ann, "2407.00002", "on a hidden paper");
        await svc.moderation.hideComment(mod, rude.id);
        await svc.moderation.hidePaper(mod, "2407.00002");
        const seen = (await svc.profile("ann", bob))!;
        expect(seen).toMatchObject({ name: "ann", displayName: "Ann A.", role: "user", bannedAt: null });
        expect(seen.upvoted.map((p) => p.id)).toEqual([P]);
        expect(seen.comments.map((c) => c.html)).toEqual(["<p><em>fine</em></p>"]);
        const modView = (await svc.profile("ann", mod))!;
        expect(modView.upvoted).toHaveLength(2);
        expect(modView.comments.filter((c) => c.hidden)).toHaveLength(2);
        expect(await svc.profile("nobody", null)).toBeNull();
        await svc.moderation.banUser(mod, "ann");
        expect(await svc.profile("ann", bob)).toBeNull();
        expect((await svc.profile("ann", mod))!.bannedAt).not.toBeNull();
      });
    });
  });
}
