// /api/subscriptions: an account's digests and alerts by token, with double opt-in by mail, against a real SMTP server.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { mailHub, type MailHub } from "../digest/test-support/mail-hub.js";
import { SmtpCatcher } from "../mail/test-support/smtp-catcher.js";
import { openStore } from "../storage/open-store.js";
import type { Store } from "../storage/store.js";
import { createWebApp } from "../web/app.js";
import { silentLog } from "../web/test-support/feed-hub.js";
import { ApiTokensService } from "./api-tokens-service.js";

const work = mkdtempSync(join(tmpdir(), "pb-subs-api-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("/api/subscriptions", () => {
  let store: Store;
  let catcher: SmtpCatcher;
  let hub: MailHub;
  let app: Hono;
  let write: string;
  let read: string;
  let n = 0;

  beforeEach(async () => {
    store = await openStore({ dataDir: join(work, String(n++)) });
    catcher = await SmtpCatcher.start();
    hub = mailHub(store, { smtpUrl: catcher.url, now: "2024-06-06T09:00:00.000Z" });
    const tokens = ApiTokensService.over(store.db);
    app = createWebApp({ store, log: silentLog, feed: hub.feed, accounts: hub.accounts, tokens, subscriptions: { subscriptions: hub.subscriptions, defaultTimeZone: "UTC" } });
    const ada = await hub.accounts.signUp({ name: "ada", email: "ada@example.org", password: "correct horse battery" });
    write = (await tokens.create(ada.id, { name: "script", scopes: ["read", "write"] })).token;
    read = (await tokens.create(ada.id, { name: "reader", scopes: ["read"] })).token;
  });
  afterEach(async () => {
    await hub.close();
    await catcher.close();
    await store.close();
  });

  const call = (method: string, path: string, token: string, body?: unknown) =>
    app.request(path, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });

  it("subscribes the account's address with a confirmation mail first, lists and unsubscribes", async () => {
    const res = await call("POST", "/api/subscriptions", write, { follow: "category:cs.CL", frequency: "weekly", timeZone: "Europe/Berlin" });
    expect(res.status).toBe(201);
    const sub = (await res.json()) as Record<string, unknown>;
    expect(sub).toMatchObject({ follow: "category:cs.cl", frequency: "weekly", timeZone: "Europe/Berlin", email: "ada@example.org", confirmed: false });
    const [mail] = await catcher.waitFor(1);
    expect(mail!.parsed.to).toMatchObject({ text: "ada@example.org" });
    expect(mail!.parsed.text).toContain("/subscriptions/confirm");

    const list = (await (await call("GET", "/api/subscriptions", read)).json()) as Array<{ id: string }>;
    expect(list.map((s) => s.id)).toEqual([sub.id]);
    // Subscribing twice to the same thing is the same subscription.
    expect(((await (await call("POST", "/api/subscriptions", write, { follow: "category:CS.CL", frequency: "weekly" })).json()) as { id: string }).id).toBe(sub.id);

    expect((await call("DELETE", `/api/subscriptions/${String(sub.id)}`, read)).status).toBe(403);
    expect((await call("DELETE", `/api/subscriptions/${String(sub.id)}`, write)).status).toBe(204);
    expect(await (await call("GET", "/api/subscriptions", read)).json()).toEqual([]);
    expect((await call("DELETE", `/api/subscriptions/${String(sub.id)}`, write)).status).toBe(404);
  });

  it("answers 400 naming the field for a bad follow or time zone, and 401 without a token", async () => {
    const bad = await call("POST", "/api/subscriptions", write, { follow: "horoscope:leo" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/cannot follow "horoscope:leo"/);
    const zone = await call("POST", "/api/subscriptions", write, { follow: "trending", timeZone: "Mars/Olympus" });
    expect(zone.status).toBe(400);
    expect(((await zone.json()) as { error: string }).error).toMatch(/IANA time zone/);
    expect((await app.request("/api/subscriptions")).status).toBe(401);
    expect(catcher.mails).toHaveLength(0);
  });
});
