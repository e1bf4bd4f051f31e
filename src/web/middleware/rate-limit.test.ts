import { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RateLimitError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";
import { RateLimiter, rateLimit, setRateLimitClock } from "./rate-limit.js";

let now = 0;
beforeEach(() => {
  now = 1_700_000_000_000;
  setRateLimitClock(() => now);
});
afterEach(() => setRateLimitClock());

describe("RateLimiter", () => {
  it("allows a burst of `limit`, then one more per windowMs / limit", () => {
    const l = new RateLimiter(3, 60_000);
    expect([1, 2, 3].map(() => l.hit("k").remaining)).toEqual([2, 1, 0]);
    const refused = l.hit("k");
    expect(refused).toMatchObject({ allowed: false, remaining: 0, retryAfterSeconds: 20, resetSeconds: 60 });
    now += 19_999;
    expect(l.hit("k").allowed).toBe(false);
    now += 1;
    expect(l.hit("k")).toMatchObject({ allowed: true, remaining: 0 });
    expect(l.hit("other").allowed).toBe(true);
    now += 60_000;
    expect(l.hit("k")).toMatchObject({ allowed: true, remaining: 2 });
  });

  it("stays within its key budget: full buckets go first, then the least recently used", () => {
    const l = new RateLimiter(1, 1000, 10);
    for (let i = 0; i < 9; i++) l.hit(`idle-${i}`);
    now += 1000; // the idle buckets are full again: forgetting them changes nothing
    l.hit("live");
    l.hit("new"); // 11 keys: over the budget
    expect(l.size).toBe(2);
    expect(l.hit("live").allowed).toBe(false);

    const flood = new RateLimiter(1, 60_000, 10);
    for (let i = 0; i <= 10; i++) flood.hit(`k${i}`);
    expect(flood.size).toBeLessThanOrEqual(10);
    expect(flood.hit("k10").allowed).toBe(false);
    // Only under a flood of live keys does the oldest get forgotten (a lenient failure, never a wrong refusal).
    expect(flood.hit("k0").allowed).toBe(true);
    for (let i = 0; i < 100_000; i++) flood.hit(`f${i}`);
    expect(flood.size).toBeLessThanOrEqual(10);
  });
});

describe("rateLimit middleware", () => {
  function app(limit: number) {
    const a = new Hono<AppEnv>();
    a.use("*", async (c, next) => {
      const user = c.req.header("X-Test-User");
      c.set("viewer", user ? { id: user, name: user, displayName: user, role: "user" } : null);
      c.set("clientIp", c.req.header("X-Test-Ip") ?? "unknown");
      await next();
    });
    a.post("/act", rateLimit({ bucket: "act", limit, windowMs: 60_000 }), (c) => c.text("done"));
    a.post("/by-path", rateLimit({ bucket: "path", limit: 1, windowMs: 60_000, key: (c) => c.req.query("k") ?? "" }), (c) => c.text("ok"));
    a.onError((err, c) => {
      if (err instanceof RateLimitError) return c.text(err.message, 429);
      return c.text("boom", 500);
    });
    return a;
  }

  it("answers 429 with Retry-After and RateLimit headers, and sends RateLimit headers on allowed requests", async () => {
    const a = app(2);
    const first = await a.request("/act", { method: "POST", headers: { "X-Test-Ip": "10.0.0.1" } });
    expect(first.status).toBe(200);
    expect(first.headers.get("RateLimit-Limit")).toBe("2");
    expect(first.headers.get("RateLimit-Remaining")).toBe("1");
    expect(first.headers.get("RateLimit-Reset")).toBe("30");
    await a.request("/act", { method: "POST", headers: { "X-Test-Ip": "10.0.0.1" } });
    const limited = await a.request("/act", { method: "POST", headers: { "X-Test-Ip": "10.0.0.1" } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("30");
    expect(limited.headers.get("RateLimit-Remaining")).toBe("0");
    expect(await limited.text()).toMatch(/Try again in 30 seconds/);
    // Another address, and a signed-in user at the same address, have their own budgets.
    expect((await a.request("/act", { method: "POST", headers: { "X-Test-Ip": "10.0.0.2" } })).status).toBe(200);
    expect((await a.request("/act", { method: "POST", headers: { "X-Test-Ip": "10.0.0.1", "X-Test-User": "u1" } })).status).toBe(200);
    now += 30_000;
    expect((await a.request("/act", { method: "POST", headers: { "X-Test-Ip": "10.0.0.1" } })).status).toBe(200);
  });

  it("counts by a custom key when given one", async () => {
    const a = app(5);
    expect((await a.request("/by-path?k=x", { method: "POST" })).status).toBe(200);
    expect((await a.request("/by-path?k=x", { method: "POST" })).status).toBe(429);
    expect((await a.request("/by-path?k=y", { method: "POST" })).status).toBe(200);
  });

  it("keeps separate counters per middleware instance (one app does not spend another's budget)", async () => {
    const [a, b] = [app(1), app(1)];
    expect((await a.request("/act", { method: "POST" })).status).toBe(200);
    expect((await b.request("/act", { method: "POST" })).status).toBe(200);
    expect((await a.request("/act", { method: "POST" })).status).toBe(429);
  });
});
