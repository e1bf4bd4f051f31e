import { describe, expect, it } from "vitest";
import { SourceError } from "../../domain/errors.js";
import { send, sendTruncated, useFixtureServer } from "./__fixtures__/fixture-server.js";
import { PoliteHttp, type PoliteHttpOptions } from "./polite-http.js";

const server = useFixtureServer();

/** A client whose waits are recorded instead of slept, so back-off of seconds costs nothing. */
function client(extra: Partial<PoliteHttpOptions> = {}) {
  const sleeps: number[] = [];
  const http = new PoliteHttp({
    userAgent: "paperboard-test/1.0 (mailto:test@example.org)",
    minIntervalMs: 0,
    timeoutMs: 2000,
    maxAttempts: 3,
    backoffBaseMs: 50,
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      sleeps.push(ms);
    },
    ...extra,
  });
  return { http, sleeps };
}

const text = (http: PoliteHttp, path: string) =>
  http.consume(`${server.url}${path}`, async (res) => {
    let s = "";
    for await (const chunk of res.body) s += String(chunk);
    return s;
  });

describe("PoliteHttp", () => {
  it("streams a 200 body and sends the User-Agent", async () => {
    server.handle((_req, res) => send(res, "hello", "text/plain"));
    const { http } = client();
    expect(await text(http, "/a")).toBe("hello");
    expect(server.arrivals[0]?.headers["user-agent"]).toBe("paperboard-test/1.0 (mailto:test@example.org)");
  });

  it("retries a 503 after the Retry-After the server asked for", async () => {
    server.handle((_req, res, _a, n) => {
      if (n === 1) res.writeHead(503, { "retry-after": "7" }).end("busy");
      else send(res, "ok", "text/plain");
    });
    const { http, sleeps } = client();
    expect(await text(http, "/b")).toBe("ok");
    expect(server.arrivals).toHaveLength(2);
    expect(sleeps).toEqual([7000]);
  });

  it("reads Retry-After as an HTTP date and caps it; retries 429", async () => {
    const when = new Date(Date.now() + 30_000).toUTCString();
    server.handle((_req, res, _a, n) => {
      if (n === 1) res.writeHead(429, { "retry-after": when }).end();
      else if (n === 2) res.writeHead(503, { "retry-after": "86400" }).end();
      else send(res, "ok", "text/plain");
    });
    const { http, sleeps } = client({ maxRetryAfterMs: 60_000 });
    expect(await text(http, "/c")).toBe("ok");
    expect(sleeps[0]).toBeGreaterThan(28_000);
    expect(sleeps[0]).toBeLessThanOrEqual(30_000);
    expect(sleeps[1]).toBe(60_000);
  });

  it("fails at once on a 404, naming the URL and status", async () => {
    server.handle((_req, res) => res.writeHead(404).end("no"));
    const { http, sleeps } = client();
    const err = await http.get(`${server.url}/missing`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as Error).message).toContain(`${server.url}/missing`);
    expect((err as Error).message).toContain("404");
    expect(server.arrivals).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it("gives up after maxAttempts with exponential back-off", async () => {
    server.handle((_req, res) => res.writeHead(500).end());
    const { http, sleeps } = client();
    await expect(http.get(`${server.url}/down`)).rejects.toThrow(/HTTP 500.*gave up after 3 attempts/);
    expect(server.arrivals).toHaveLength(3);
    expect(sleeps).toEqual([50, 100]);
  });

  it("times out a request the server never answers, then retries", async () => {
    server.handle((_req, res, _a, n) => {
      if (n > 1) send(res, "late but fine", "text/plain");
    });
    const { http } = client({ timeoutMs: 100 });
    const started = Date.now();
    expect(await text(http, "/slow")).toBe("late but fine");
    expect(server.arrivals).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("re-reads a body that was cut short, and fails when it always is", async () => {
    const body = "x".repeat(64 * 1024);
    server.handle((_req, res, _a, n) => (n === 1 ? sendTruncated(res, body, "text/plain") : send(res, body, "text/plain")));
    const { http } = client();
    expect(await text(http, "/flaky")).toBe(body);
    expect(server.arrivals).toHaveLength(2);

    server.handle((_req, res) => sendTruncated(res, body, "text/plain"));
    await expect(text(http, "/broken")).rejects.toThrow(/cut short/);
  });

  it("does not accept a truncated body even when the reader swallows the error", async () => {
    server.handle((_req, res) => sendTruncated(res, "y".repeat(32 * 1024), "text/plain"));
    const { http } = client({ maxAttempts: 1 });
    const swallow = http.consume(`${server.url}/t`, async (res) => {
      try {
        for await (const _ of res.body) void _;
      } catch {
        // a careless parser
      }
      return "looks fine";
    });
    await expect(swallow).rejects.toBeInstanceOf(SourceError);
  });

  it("fails a body that stalls mid-way (idle timeout)", async () => {
    server.handle((_req, res) => {
      res.writeHead(200, { "content-length": "10" });
      res.write("12345");
    });
    const { http } = client({ timeoutMs: 100, maxAttempts: 1 });
    await expect(text(http, "/stall")).rejects.toThrow(/stalled/);
  });

  it("keeps one request in flight and a minimum interval between starts", async () => {
    server.handle((req, res) => {
      if (req.url?.startsWith("/slow")) {
        res.writeHead(200, { "content-type": "text/plain" });
        res.write("part;");
        setTimeout(() => res.end("rest"), 25);
      } else send(res, "fast", "text/plain");
    });
    const http = new PoliteHttp({ userAgent: "t", minIntervalMs: 20, timeoutMs: 2000 });
    const slow = await Promise.all([1, 2, 3].map((i) => text(http, `/slow${i}`)));
    expect(slow).toEqual(["part;rest", "part;rest", "part;rest"]);
    expect(server.maxConcurrent).toBe(1);

    server.arrivals.length = 0;
    await Promise.all([1, 2, 3, 4].map((i) => text(http, `/fast${i}`)));
    expect(server.arrivals.map((a) => a.path)).toEqual(["/fast1", "/fast2", "/fast3", "/fast4"]);
    const gaps = server.arrivals.slice(1).map((a, i) => a.at - server.arrivals[i]!.at);
    // Starts are 20 ms apart; arrivals at the server add socket and scheduling jitter, which on a loaded
    // machine can delay one arrival and shorten the next gap, but never the span of the whole run.
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(10);
    expect(server.arrivals.at(-1)!.at - server.arrivals[0]!.at).toBeGreaterThanOrEqual(3 * 20 - 4);
  });

  it("stops waiting when the caller aborts", async () => {
    server.handle((_req, res) => res.writeHead(503, { "retry-after": "3600" }).end());
    const http = new PoliteHttp({ userAgent: "t", minIntervalMs: 0, maxAttempts: 5 });
    const ac = new AbortController();
    const pending = http.get(`${server.url}/x`, { signal: ac.signal });
    setTimeout(() => ac.abort(new Error("cancelled by user")), 50);
    await expect(pending).rejects.toThrow("cancelled by user");
  });
});
