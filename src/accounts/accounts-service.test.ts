// The account rules against every storage backend (SQLite always, Postgres when PAPERBOARD_TEST_PG_URL is set).
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthError, FieldError, ForbiddenError, NotFoundError } from "../domain/errors.js";
import { emptyPaper } from "../domain/paper.js";
import type { Store } from "../storage/store.js";
import { allBackends } from "../storage/test-support/backends.js";
import { AccountsService, LOCKED_HINT, SIGN_IN_FAILED } from "./accounts-service.js";

const CHEAP = { ln: 10, r: 8, p: 1 };
const ada = { name: "Ada_L", email: " Ada@Example.ORG ", password: "analytical-engine", displayName: "Ada Lovelace" };

async function rejection(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a rejection");
}

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`AccountsService: ${backend.name}`, () => {
    let store: Store;
    let clock: Date;
    let accounts: AccountsService;
    const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

    beforeEach(async () => {
      store = await backend.open();
      clock = new Date("2024-06-03T12:00:00.000Z");
      accounts = AccountsService.over(store.db, { hashParams: CHEAP, now: () => clock, sessionDays: 30 });
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    it("signs up with a lowercased name and email, and refuses taken ones whatever their case", async () => {
      const a = await accounts.signUp(ada);
      expect(a).toMatchObject({ name: "ada_l", email: "ada@example.org", displayName: "Ada Lovelace", role: "user", bannedAt: null });
      const taken = await rejection(accounts.signUp({ ...ada, email: "other@example.org", name: "ADA_L" }));
      expect(taken).toBeInstanceOf(FieldError);
      expect(taken).toMatchObject({ field: "name" });
      const sameEmail = await rejection(accounts.signUp({ ...ada, name: "ada2", email: "ADA@example.org" }));
      expect(sameEmail).toMatchObject({ field: "email" });
    });

    it("validates every sign-up field, naming the field", async () => {
      const cases: Array<[Partial<typeof ada>, string]> = [
        [{ name: "a" }, "name"],
        [{ name: "x".repeat(33) }, "name"],
        [{ name: "no spaces" }, "name"],
        [{ name: "ümlaut" }, "name"],
        [{ email: "not-an-email" }, "email"],
        [{ email: "a@b" }, "email"],
        [{ password: "short" }, "password"],
        [{ password: "p".repeat(1025) }, "password"],
        [{ displayName: "evil\u202Eeman" }, "displayName"],
      ];
      for (const [over, field] of cases) {
        const err = await rejection(accounts.signUp({ ...ada, ...over }));
        expect(err, JSON.stringify(over)).toMatchObject({ field });
      }
      expect(await accounts.signUp({ ...ada, password: "p".repeat(1024) })).toMatchObject({ name: "ada_l" });
    });

    it("signs in by name or email, and answers unknown logins and wrong passwords alike", async () => {
      await accounts.signUp(ada);
      expect((await accounts.signIn("ADA_L", ada.password)).name).toBe("ada_l");
      expect((await accounts.signIn("ada@example.org", ada.password)).name).toBe("ada_l");
      const wrong = await rejection(accounts.signIn("ada_l", "wrong-password"));
      const nobody = await rejection(accounts.signIn("nobody", "wrong-password"));
      expect(wrong).toBeInstanceOf(AuthError);
      expect(nobody).toBeInstanceOf(AuthError);
      expect(wrong.message).toBe(SIGN_IN_FAILED);
      expect(nobody.message).toBe(SIGN_IN_FAILED);
    });

    it("locks after five failures in a row for a doubling delay, and a success resets the count", async () => {
      await accounts.signUp(ada);
      for (let i = 1; i <= 4; i++) expect((await rejection(accounts.signIn("ada_l", `bad-${i}`))).message).toBe(SIGN_IN_FAILED);
      expect((await rejection(accounts.signIn("ada_l", "bad-5"))).message).toBe(`${SIGN_IN_FAILED} ${LOCKED_HINT}`);
      // Locked: even the right password is refused, with the same answer.
      expect((await rejection(accounts.signIn("ada_l", ada.password))).message).toBe(`${SIGN_IN_FAILED} ${LOCKED_HINT}`);
      advance(61_000);
      // The sixth failure locks for two minutes.
      await rejection(accounts.signIn("ada_l", "bad-6"));
      advance(61_000);
      expect((await rejection(accounts.signIn("ada_l", ada.password))).message).toContain(LOCKED_HINT);
      advance(60_000);
      expect((await accounts.signIn("ada_l", ada.password)).name).toBe("ada_l");
      // The success reset the count: four more failures lock nothing.
      for (let i = 1; i <= 4; i++) expect((await rejection(accounts.signIn("ada_l", `bad-${i}`))).message).toBe(SIGN_IN_FAILED);
      expect((await accounts.signIn("ada_l", ada.password)).name).toBe("ada_l");
    });

    it("keeps sessions by token hash with a sliding expiry, and ends them on sign-out", async () => {
      const a = await accounts.signUp(ada);
      const s = await accounts.startSession(a.id);
      expect(s.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await store.db.selectFrom("sessions").selectAll().executeTakeFirstOrThrow();
      expect(row.token_hash).not.toBe(s.token);
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);

      const live = await accounts.resolveSession(s.token);
      expect(live).toMatchObject({ account: { name: "ada_l" }, csrfToken: s.csrfToken, renewed: false });
      expect(await accounts.resolveSession("x".repeat(43))).toBeNull();
      expect(await accounts.resolveSession(undefined)).toBeNull();

      advance(29 * 86_400_000);
      const renewed = await accounts.resolveSession(s.token);
      expect(renewed?.renewed).toBe(true);
      expect(renewed?.expiresAt.toISOString()).toBe(new Date(clock.getTime() + 30 * 86_400_000).toISOString());
      advance(29 * 86_400_000);
      expect(await accounts.resolveSession(s.token)).not.toBeNull();
      advance(31 * 86_400_000);
      expect(await accounts.resolveSession(s.token)).toBeNull();

      const s2 = await accounts.startSession(a.id);
      await accounts.endSession(s2.token);
      expect(await accounts.resolveSession(s2.token)).toBeNull();
    });

    it("changes profile, email and password; the password change ends the other sessions", async () => {
      const a = await accounts.signUp(ada);
      await accounts.signUp({ ...ada, name: "grace", email: "grace@example.org" });
      const mine = await accounts.startSession(a.id);
      const other = await accounts.startSession(a.id);

      expect(await accounts.updateProfile(a.id, { displayName: "  Countess   Lovelace ", orgName: "analytical-engines" })).toMatchObject({
        displayName: "Countess Lovelace",
        orgName: "analytical-engines",
      });
      expect(await rejection(accounts.updateProfile(a.id, { orgName: "no spaces here" }))).toMatchObject({ field: "orgName" });

      expect(await rejection(accounts.changeEmail(a.id, "new@example.org", "wrong-password"))).toMatchObject({ field: "currentPassword" });
      expect(await rejection(accounts.changeEmail(a.id, "Grace@example.org", ada.password))).toMatchObject({ field: "email" });
      expect((await accounts.changeEmail(a.id, "New@Example.org", ada.password)).email).toBe("new@example.org");

      expect(await rejection(accounts.changePassword(a.id, "wrong-password", "a-new-password", mine.token))).toMatchObject({ field: "currentPassword" });
      expect(await rejection(accounts.changePassword(a.id, ada.password, "short", mine.token))).toMatchObject({ field: "newPassword" });
      await accounts.changePassword(a.id, ada.password, "a-new-password", mine.token);
      expect(await accounts.resolveSession(mine.token)).not.toBeNull();
      expect(await accounts.resolveSession(other.token)).toBeNull();
      await rejection(accounts.signIn("ada_l", ada.password));
      expect((await accounts.signIn("new@example.org", "a-new-password")).name).toBe("ada_l");
    });

    it("refuses banned users at sign-in and treats their sessions as signed out; roles change by name", async () => {
      const a = await accounts.signUp(ada);
      const s = await accounts.startSession(a.id);
      // Banning belongs to moderation (community-repo.ts); here only the mark matters.
      const ban = (at: string | null) => store.db.updateTable("users").set({ banned_at: at }).where("id", "=", a.id).execute();
      await ban(clock.toISOString());
      expect(await accounts.resolveSession(s.token)).toBeNull();
      expect(await rejection(accounts.signIn("ada_l", ada.password))).toBeInstanceOf(ForbiddenError);
      // A wrong password still gets the generic answer: the ban is told only to the owner.
      expect((await rejection(accounts.signIn("ada_l", "wrong-password"))).message).toBe(SIGN_IN_FAILED);
      await ban(null);
      expect((await accounts.signIn("ada_l", ada.password)).bannedAt).toBeNull();

      expect((await accounts.setRole("ADA_L", "moderator")).role).toBe("moderator");
      expect(await rejection(accounts.setRole("nobody", "admin"))).toBeInstanceOf(NotFoundError);
    });

    it("upgrades a hash made with older parameters at the next sign-in", async () => {
      const old = AccountsService.over(store.db, { hashParams: { ln: 11, r: 8, p: 1 }, now: () => clock });
      await old.signUp(ada);
      await accounts.signIn("ada_l", ada.password);
      const row = await store.db.selectFrom("users").select("password_hash").executeTakeFirstOrThrow();
      expect(row.password_hash.startsWith("$scrypt$ln=10,")).toBe(true);
      expect((await accounts.signIn("ada_l", ada.password)).name).toBe("ada_l");
    });

    it("deletes an account with its sessions, upvotes and comments, and takes them off the paper counts", async () => {
      const a = await accounts.signUp(ada);
      const g = await accounts.signUp({ ...ada, name: "grace", email: "grace@example.org" });
      const s = await accounts.startSession(a.id);
      await store.upsertPapers(["2401.00001", "2401.00002"].map((id) => ({ paper: { ...emptyPaper(id, "arxiv-oai"), title: `Paper ${id}` } })));
      const at = clock.toISOString();
      const db = store.db;
      await db.insertInto("upvotes").values([
        { user_id: a.id, paper_id: "2401.00001", created_at: at },
        { user_id: g.id, paper_id: "2401.00001", created_at: at },
        { user_id: a.id, paper_id: "2401.00002", created_at: at },
      ]).execute();
      const comment = (id: string, user: string, paper: string, extra: { parent_id?: string; deleted_at?: string; hidden_at?: string } = {}) => ({
        id, paper_id: paper, user_id: user, parent_id: null, body: "b", created_at: at, edited_at: null, deleted_at: null, hidden_at: null, hidden_by: null, ...extra,
      });
      await db.insertInto("comments").values([
        comment("c1", a.id, "2401.00001"),
        comment("c2", g.id, "2401.00001", { parent_id: "c1" }), // Grace's reply goes with Ada's comment
        comment("c3", g.id, "2401.00001"),
        comment("c4", a.id, "2401.00001", { deleted_at: at }), // already deleted: already off the count
        comment("c5", a.id, "2401.00002"),
        comment("c6", a.id, "2401.00002", { hidden_at: at }), // hidden by a moderator: already off the count
        comment("c7", g.id, "2401.00002"),
      ]).execute();
      await db.insertInto("paper_stats").values([
        { paper_id: "2401.00001", upvotes: 2, comments: 3, hidden_at: null, hidden_by: null },
        { paper_id: "2401.00002", upvotes: 1, comments: 2, hidden_at: null, hidden_by: null },
      ]).execute();

      expect(await rejection(accounts.deleteAccount(a.id, "wrong-password"))).toMatchObject({ field: "currentPassword" });
      await accounts.deleteAccount(a.id, ada.password);

      expect(await accounts.resolveSession(s.token)).toBeNull();
      expect(await db.selectFrom("sessions").selectAll().execute()).toEqual([]);
      expect(await db.selectFrom("users").select("name").execute()).toEqual([{ name: "grace" }]);
      expect((await db.selectFrom("upvotes").select("user_id").execute()).map((r) => r.user_id)).toEqual([g.id]);
      expect((await db.selectFrom("comments").select("id").orderBy("id").execute()).map((r) => r.id)).toEqual(["c3", "c7"]);
      const stats = await db.selectFrom("paper_stats").select(["paper_id", "upvotes", "comments"]).orderBy("paper_id").execute();
      expect(stats).toEqual([
        { paper_id: "2401.00001", upvotes: 1, comments: 1 },
        { paper_id: "2401.00002", upvotes: 0, comments: 1 },
      ]);
      expect(await rejection(accounts.getAccount(a.id))).toBeInstanceOf(NotFoundError);
    });
  });
}
