// Paperboard's own API writes on every backend: upvotes, comments, submissions and /api/me, by token (with scopes) and by session (with CSRF).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { signInDirect } from "../community/test-support/web-session.js";
import { insertUser } from "../community/test-support/community-fixtures.js";
import { feedRecord, setStats } from "../feed/test-support/feed-records.js";
import type { Store } from "../storage/store.js";
import { allBackends } from "../storage/test-support/backends.js";
import { WebClient } from "../web/test-support/web-client.js";
import { CommentSchema, DailyItemSchema, ErrorSchema, MeSchema, PaperSchema, SubmissionSchema, UpvoteStateSchema } from "./schemas.js";
import { apiHub, json, userWithToken } from "./test-support/api-hub.js";

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`community API: ${backend.name}`, () => {
    let store: Store;
    let app: ReturnType<typeof apiHub>;
    let alice: Record<string, string>;
    let readOnly: Record<string, string>;
    let writeOnly: Record<string, string>;
    const send = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
      app.request(path, { method, headers: { ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });

    beforeAll(async () => {
      store = await backend.open();
      await store.upsertPapers([
        feedRecord("2406.00001", { day: "2024-06-05", upvotes: 4 }),
        feedRecord("2406.00009", { day: "2024-06-05", upvotes: 1 }),
        feedRecord("2406.00050", { day: null, paper: { publishedAt: "2024-06-01T00:00:00.000Z" } }),
      ]);
      await setStats(store, "2406.00009", { hidden: true });
      app = apiHub(store);
      alice = (await userWithToken(store, "alice", ["read", "write"])).auth;
      readOnly = (await userWithToken(store, "rita", ["read"])).auth;
      writeOnly = (await userWithToken(store, "walt", ["write"])).auth;
    });
    afterAll(async () => {
      await store.close();
      await backend.cleanup();
    });

    it("casts and withdraws an upvote idempotently; the paper's count is imported plus local", async () => {
      const path = "/api/papers/2406.00001/upvote";
      expect(UpvoteStateSchema.parse(await json(send("PUT", path, alice)))).toEqual({ upvoted: true, upvotes: 5 });
      expect(await json(send("PUT", path, alice))).toEqual({ upvoted: true, upvotes: 5 });
      expect(PaperSchema.parse(await json(app.request("/api/papers/2406.00001"))).upvotes).toBe(5);
      expect(await json(send("DELETE", path, alice))).toEqual({ upvoted: false, upvotes: 4 });
      expect(await json(send("DELETE", path, alice))).toEqual({ upvoted: false, upvotes: 4 });
    });

    it("refuses votes without credentials (401), without the write scope (403), and on hidden or unknown papers (404)", async () => {
      const anonymous = await send("PUT", "/api/papers/2406.00001/upvote", {});
      expect(anonymous.status).toBe(401);
      ErrorSchema.parse(await anonymous.json());
      const scoped = await send("PUT", "/api/papers/2406.00001/upvote", readOnly);
      expect(scoped.status).toBe(403);
      expect(ErrorSchema.parse(await scoped.json()).error).toMatch(/write scope/);
      expect((await send("PUT", "/api/papers/2406.00009/upvote", alice)).status).toBe(404);
      expect((await send("PUT", "/api/papers/2406.77777/upvote", alice)).status).toBe(404);
    });

    it("adds comments and replies in Markdown and reads the thread back", async () => {
      const res = await send("POST", "/api/papers/2406.00001/comments", alice, { body: "**Nice** result <script>x</script>" });
      expect(res.status).toBe(201);
      const top = CommentSchema.parse(await res.json());
      expect(top).toMatchObject({ parentId: null, state: "visible", author: { user: "alice", type: "user" }, editedAt: null, replies: [] });
      expect(top.html).toContain("<strong>Nice</strong>");
      expect(top.html).not.toContain("<script");
      const reply = CommentSchema.parse(await json(send("POST", "/api/papers/2406.00001/comments", alice, { body: "Agreed.", parentId: top.id })));
      expect(reply.parentId).toBe(top.id);
      const thread = z.array(CommentSchema).parse(await json(app.request("/api/papers/2406.00001/comments")));
      expect(thread.map((t) => [t.id, t.replies.map((r) => r.id)])).toEqual([[top.id, [reply.id]]]);
      expect(PaperSchema.parse(await json(app.request("/api/papers/2406.00001"))).numComments).toBe(2);
    });

    it("refuses empty comments (400) and hides the threads of hidden papers (404)", async () => {
      expect(ErrorSchema.parse(await json(send("POST", "/api/papers/2406.00001/comments", alice, { body: "" }))).error).toMatch(/^body/);
      const blank = await send("POST", "/api/papers/2406.00001/comments", alice, { body: "   " });
      expect([blank.status, ErrorSchema.parse(await blank.json()).error]).toEqual([400, "A comment cannot be empty."]);
      expect((await app.request("/api/papers/2406.00009/comments")).status).toBe(404);
      expect((await send("POST", "/api/papers/2406.00001/comments", readOnly, { body: "hi" })).status).toBe(403);
    });

    it("submits a paper to today's feed, once", async () => {
      const res = await send("POST", "/api/submissions", alice, { arxivId: "arXiv:2406.00050" });
      expect(res.status).toBe(201);
      const s = SubmissionSchema.parse(await res.json());
      expect(s).toMatchObject({ feedDay: "2024-06-06", item: { paper: { id: "2406.00050", submittedOnDailyBy: { user: "alice" } }, submittedBy: { user: "alice", fullname: "Alice" } } });
      const again = await send("POST", "/api/submissions", alice, { arxivId: "2406.00050" });
      expect(again.status).toBe(409);
      expect(ErrorSchema.parse(await again.json()).error).toMatch(/already on the feed of 2024-06-06/);
      const mine = z.array(DailyItemSchema).parse(await json(app.request("/api/daily_papers?submitter=alice")));
      expect(mine.map((i) => i.paper.id)).toEqual(["2406.00050"]);
    });

    it("tells who is asking: the token's account and scopes", async () => {
      expect(MeSchema.parse(await json(app.request("/api/me", { headers: alice })))).toMatchObject({ user: { user: "alice" }, role: "user", via: "token", scopes: ["read", "write"] });
      expect((await app.request("/api/me", { headers: writeOnly })).status).toBe(403);
      expect((await app.request("/api/me")).status).toBe(401);
      expect((await app.request("/api/me", { headers: alice })).headers.get("cache-control")).toBe("private, no-store");
    });

    it("lets a signed-in session write with its CSRF token, and only with it", async () => {
      const sam = await insertUser(store, "sam");
      const browser = new WebClient(app);
      await signInDirect(store, browser, sam.id);
      const cookie = { Cookie: `pb_session=${browser.cookies.get("pb_session")}` };
      const forged = await send("PUT", "/api/papers/2406.00001/upvote", cookie);
      expect(forged.status).toBe(403);
      ErrorSchema.parse(await forged.json());
      expect(await json(send("PUT", "/api/papers/2406.00001/upvote", { ...cookie, "X-CSRF-Token": browser.csrf }))).toEqual({ upvoted: true, upvotes: 5 });
      expect(MeSchema.parse(await json(app.request("/api/me", { headers: cookie })))).toMatchObject({ user: { user: "sam" }, via: "session", scopes: ["read", "write"] });
      // A cookie never authenticates a request that carries an Authorization header.
      expect((await send("PUT", "/api/papers/2406.00001/upvote", { ...cookie, Authorization: "Bearer hf_someothertoken" })).status).toBe(401);
    });
  });
}
