// Personal access tokens: created on the settings page and shown once, stored hashed, used, scoped, revoked; the service on every backend.
import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { insertUser } from "../community/test-support/community-fixtures.js";
import type { Store } from "../storage/store.js";
import { allBackends, sqliteBackend } from "../storage/test-support/backends.js";
import { WebClient } from "../web/test-support/web-client.js";
import { pageText } from "../web/test-support/feed-hub.js";
import { ApiTokensService, MAX_TOKENS_PER_USER } from "./api-tokens-service.js";
import { ErrorSchema, MeSchema } from "./schemas.js";
import { apiHub, json, userWithToken } from "./test-support/api-hub.js";

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const TOKEN = /pb_[A-Za-z0-9_-]{43}/;

describe("tokens on the settings page", () => {
  const backend = sqliteBackend();
  let store: Store;
  let app: ReturnType<typeof apiHub>;
  beforeAll(async () => {
    store = await backend.open();
    app = apiHub(store);
  });
  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  /** Posts a form with repeated fields (the scope checkboxes), as a browser does. */
  const postForm = (b: WebClient, path: string, fields: Array<[string, string]>) =>
    app.request(path, {
      method: "POST",
      body: new URLSearchParams([["_csrf", b.csrf], ...fields]).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: `pb_session=${b.cookies.get("pb_session")}` },
    });

  it("creates a token shown once, keeps only its hash, and revokes it", async () => {
    const tina = new WebClient(app);
    expect((await tina.signUp("tina")).status).toBe(303);
    const empty = await pageText(await tina.get("/settings"));
    expect(empty).toContain('<h2 id="tokens-heading">API tokens</h2>');
    expect(empty).toContain("You have no tokens.");

    const created = await postForm(tina, "/settings/tokens", [["tokenName", "reading notebook"], ["scopes", "read"], ["scopes", "write"]]);
    expect(created.status).toBe(200);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const token = TOKEN.exec(await pageText(created))![0];

    const later = await pageText(await tina.get("/settings"));
    expect(later).not.toContain(token);
    expect(later).toContain("reading notebook");
    expect(later).toContain(`pb_…${token.slice(-4)}`);
    const rows = await store.db.selectFrom("api_tokens" as never).selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ token_hash: sha256(token), scopes: "read,write", last_used_at: null });
    expect(JSON.stringify(rows)).not.toContain(token.slice(3));

    const me = MeSchema.parse(await json(app.request("/api/me", { headers: { Authorization: `Bearer ${token}` } })));
    expect(me).toMatchObject({ user: { user: "tina" }, via: "token", scopes: ["read", "write"] });
    expect((await store.db.selectFrom("api_tokens" as never).select("last_used_at" as never).executeTakeFirst()) as unknown).not.toEqual({ last_used_at: null });

    const id = /action="\/settings\/tokens\/([^/"]+)\/revoke"/.exec(later)![1]!;
    // Someone else cannot revoke it.
    const mallory = new WebClient(app);
    await mallory.signUp("mallory");
    expect((await mallory.post(`/settings/tokens/${id}/revoke`, {})).status).toBe(404);

    const revoked = await tina.post(`/settings/tokens/${id}/revoke`, {});
    expect([revoked.status, revoked.headers.get("location")]).toEqual([303, "/settings?saved=token-revoked#tokens-heading"]);
    expect(await pageText(await tina.get("/settings?saved=token-revoked"))).toContain("The token is revoked");
    const refused = await app.request("/api/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="Paperboard"');
    expect(ErrorSchema.parse(await refused.json()).error).toMatch(/not valid/);
  });

  it("refuses a token without a name or without scopes, keeping what was typed", async () => {
    const b = new WebClient(app);
    await b.signUp("una");
    const noScope = await postForm(b, "/settings/tokens", [["tokenName", "cron job"]]);
    expect(noScope.status).toBe(400);
    const html = await pageText(noScope);
    expect(html).toContain("Choose at least one scope");
    expect(html).toContain('value="cron job"');
    expect(TOKEN.test(html)).toBe(false);
    expect(await pageText(await postForm(b, "/settings/tokens", [["tokenName", "  "], ["scopes", "read"]]))).toContain("Give the token a name");
  });
});

describe("token authentication", () => {
  const backend = sqliteBackend();
  let store: Store;
  let app: ReturnType<typeof apiHub>;
  beforeAll(async () => {
    store = await backend.open();
    app = apiHub(store);
  });
  afterAll(async () => {
    await store.close();
    await backend.cleanup();
  });

  it("answers 401 for a malformed or unknown pb_ token, even on reads", async () => {
    for (const t of ["pb_short", `pb_${"A".repeat(43)}`]) {
      const res = await app.request("/api/daily_papers", { headers: { Authorization: `Bearer ${t}` } });
      expect(res.status).toBe(401);
      ErrorSchema.parse(await res.json());
    }
  });

  it("reads anonymously with another service's bearer token (a Daily Papers client's saved token) but never writes with it", async () => {
    const headers = { Authorization: "Bearer hf_aBcDeFgHiJkLmNoPqRsTuVwXyZ" };
    expect((await app.request("/api/daily_papers", { headers })).status).toBe(200);
    const write = await app.request("/api/papers/index", { method: "POST", body: '{"arxivId":"2406.00001"}', headers: { ...headers, "Content-Type": "application/json" } });
    expect(write.status).toBe(401);
  });

  it("stops working when its account is suspended or deleted", async () => {
    const { user, auth } = await userWithToken(store, "bea");
    expect((await app.request("/api/me", { headers: auth })).status).toBe(200);
    await store.db.updateTable("users").set({ banned_at: "2024-06-06T00:00:00.000Z" }).where("id", "=", user.id).execute();
    expect((await app.request("/api/me", { headers: auth })).status).toBe(401);
    const other = await userWithToken(store, "cy");
    await store.db.deleteFrom("users").where("id", "=", other.user.id).execute();
    expect((await app.request("/api/me", { headers: other.auth })).status).toBe(401);
    expect(await store.db.selectFrom("api_tokens" as never).selectAll().where("user_id" as never, "=", other.user.id as never).execute()).toEqual([]);
  });
});

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`ApiTokensService: ${backend.name}`, () => {
    let store: Store;
    let tokens: ApiTokensService;
    let now = new Date("2024-06-06T12:00:00.000Z");
    beforeEach(async () => {
      store = await backend.open();
      tokens = ApiTokensService.over(store.db, { now: () => now });
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    it("creates, lists newest first, authenticates with the scopes given, and revokes only the owner's tokens", async () => {
      const ann = await insertUser(store, "ann");
      const bob = await insertUser(store, "bob");
      const a = await tokens.create(ann.id, { name: "laptop", scopes: ["read"] });
      now = new Date(now.getTime() + 1000);
      const b = await tokens.create(ann.id, { name: " ci ", scopes: ["write", "read", "admin"] });
      expect(a.token).toMatch(/^pb_[A-Za-z0-9_-]{43}$/);
      expect((await tokens.list(ann.id)).map((t) => [t.name, t.scopes])).toEqual([["ci", ["read", "write"]], ["laptop", ["read"]]]);
      const who = await tokens.authenticate(b.token);
      expect(who).toMatchObject({ tokenId: b.info.id, user: { id: ann.id, name: "ann", displayName: "Ann", role: "user" } });
      expect([...who!.scopes]).toEqual(["read", "write"]);
      expect([...(await tokens.authenticate(a.token))!.scopes]).toEqual(["read"]);
      expect((await tokens.list(ann.id))[0]!.lastUsedAt).toBe(now.toISOString());
      await expect(tokens.revoke(bob.id, a.info.id)).rejects.toThrow(/does not exist/);
      await tokens.revoke(ann.id, a.info.id);
      expect(await tokens.authenticate(a.token)).toBeNull();
      expect(await tokens.authenticate(`${b.token.slice(0, -1)}x`)).toBeNull();
      expect(await tokens.authenticate("not a token")).toBeNull();
    });

    it(`caps an account at ${MAX_TOKENS_PER_USER} tokens`, async () => {
      const ann = await insertUser(store, "ann");
      for (let i = 0; i < MAX_TOKENS_PER_USER; i++) await tokens.create(ann.id, { name: `t${i}`, scopes: ["read"] });
      await expect(tokens.create(ann.id, { name: "one more", scopes: ["read"] })).rejects.toThrow(/revoke one/);
    });
  });
}
