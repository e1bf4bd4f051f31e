// What every API answer shares: CORS, ETag and 304, gzip (through a real Node server), rate limits and 429, the OpenAPI document and the /api page, JSON 404s.
import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import { serve, type ServerType } from "@hono/node-server";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { feedRecord } from "../feed/test-support/feed-records.js";
import type { Store } from "../storage/store.js";
import { sqliteBackend } from "../storage/test-support/backends.js";
import { setRateLimitClock } from "../web/middleware/rate-limit.js";
import { pageText } from "../web/test-support/feed-hub.js";
import { DAILY_LIMIT_MAX, ErrorSchema } from "./schemas.js";
import { apiHub, json, userWithToken } from "./test-support/api-hub.js";

const backend = sqliteBackend();
let store: Store;
let app: ReturnType<typeof apiHub>;

beforeAll(async () => {
  store = await backend.open();
  await store.upsertPapers(Array.from({ length: 30 }, (_, i) => feedRecord(`2406.${String(i + 1).padStart(5, "0")}`, { day: "2024-06-05", upvotes: i })));
  app = apiHub(store);
});
afterAll(async () => {
  await store.close();
  await backend.cleanup();
});

describe("CORS", () => {
  it("lets any origin read GET answers, without credentials, and exposes the paging and rate headers", async () => {
    const res = await app.request("/api/daily_papers?limit=1", { headers: { Origin: "https://notebook.example.org" } });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    expect(res.headers.get("access-control-expose-headers")).toMatch(/Link.*ETag.*RateLimit-Remaining/);
  });

  it("answers a preflight for reads only", async () => {
    const res = await app.request("/api/papers/2406.00001", {
      method: "OPTIONS",
      headers: { Origin: "https://notebook.example.org", "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "authorization" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-methods")).toBe("GET,HEAD,OPTIONS");
    expect(res.headers.get("access-control-allow-headers")).toBe("Authorization,If-None-Match");
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("ETag", () => {
  it("gives GET lists a weak ETag from the body and answers 304 while nothing changed", async () => {
    const first = await app.request("/api/daily_papers?limit=5");
    const tag = first.headers.get("etag")!;
    expect(tag).toMatch(/^W\/"[0-9a-f]{40}"$/);
    expect(first.headers.get("cache-control")).toBe("no-cache");
    const again = await app.request("/api/daily_papers?limit=5", { headers: { "If-None-Match": tag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(tag);
    expect(again.headers.get("access-control-allow-origin")).toBe("*");
    // A vote changes the list: the old tag no longer matches.
    const { auth } = await userWithToken(store, "voter");
    await app.request("/api/papers/2406.00001/upvote", { method: "PUT", headers: auth });
    const changed = await app.request("/api/daily_papers?limit=5", { headers: { "If-None-Match": tag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(tag);
  });
});

describe("compression", () => {
  let server: ServerType;
  let port = 0;
  beforeAll(async () => {
    await new Promise<void>((ready) => {
      server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => ready());
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((done) => server.close(done));
  });

  /** A raw request, so nothing decompresses behind the test's back. */
  const raw = (path: string, headers: Record<string, string>) =>
    new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      httpRequest({ host: "127.0.0.1", port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
        .on("error", reject)
        .end();
    });

  it("gzips JSON on Node's server when the client accepts it, and not otherwise", async () => {
    const gz = await raw(`/api/daily_papers?limit=${DAILY_LIMIT_MAX}`, { "Accept-Encoding": "gzip, deflate" });
    expect(gz.status).toBe(200);
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gz.headers["vary"]).toMatch(/Accept-Encoding/);
    const items = JSON.parse(gunzipSync(gz.body).toString("utf8"));
    expect(items).toHaveLength(30);
    const plain = await raw(`/api/daily_papers?limit=${DAILY_LIMIT_MAX}`, {});
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(JSON.parse(plain.body.toString("utf8"))).toEqual(items);
    expect(gz.body.length).toBeLessThan(plain.body.length / 3);
  });
});

describe("rate limits", () => {
  let now = 1_700_000_000_000;
  afterEach(() => setRateLimitClock());

  it("limits per address without a token and per token with one, answering 429 with RateLimit headers and Retry-After", async () => {
    setRateLimitClock(() => now);
    const limited = apiHub(store, { limits: { anonymousPerMinute: 3, tokenPerMinute: 5 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await limited.request("/api/daily_papers?limit=1")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await limited.request("/api/daily_papers?limit=1");
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-limit")).toBe("3");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("retry-after")).toBe("20");
    expect(refused.headers.get("access-control-allow-origin")).toBe("*");
    expect(ErrorSchema.parse(await refused.json()).error).toMatch(/Too many/);

    // A token has its own budget, whatever the address has spent.
    const { auth } = await userWithToken(store, "script");
    const withToken = await limited.request("/api/daily_papers?limit=1", { headers: auth });
    expect([withToken.status, withToken.headers.get("ratelimit-limit"), withToken.headers.get("ratelimit-remaining")]).toEqual([200, "5", "4"]);
    // Failed token attempts spend the address's budget.
    expect((await limited.request("/api/daily_papers", { headers: { Authorization: `Bearer pb_${"x".repeat(43)}` } })).status).toBe(429);

    now += 20_000;
    expect((await limited.request("/api/daily_papers?limit=1")).status).toBe(200);
  });
});

describe("documents", () => {
  it("publishes an OpenAPI 3.1 document generated from the request schemas", async () => {
    const doc = await json(app.request("/api/openapi.json"));
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/api/daily_papers", "/api/papers/search", "/api/papers", "/api/papers/{id}", "/api/papers/index", "/api/papers/{id}/upvote", "/api/papers/{id}/comments", "/api/submissions", "/api/me", "/papers/{id}.md"]),
    );
    const params = Object.fromEntries(doc.paths["/api/daily_papers"].get.parameters.map((p: any) => [p.name, p]));
    expect(params.limit.schema).toMatchObject({ type: "integer", minimum: 1, maximum: 100, default: 50 });
    expect(params.sort.schema.enum).toEqual(["publishedAt", "trending"]);
    expect(params.week.schema.pattern).toBe("^\\d{4}-W\\d{2}$");
    expect(doc.paths["/api/papers/index"].post.requestBody.content["application/json"].schema).toEqual({ $ref: "#/components/schemas/IndexRequest" });
    expect(doc.components.schemas.DailyItem.required).toEqual(expect.arrayContaining(["paper", "publishedAt", "thumbnail", "submittedBy", "upvotes"]));
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  });

  it("renders the API page with every endpoint and a curl example for each", async () => {
    const res = await app.request("/api");
    expect(res.status).toBe(200);
    const html = await pageText(res);
    expect(html).toContain("<h1>API</h1>");
    expect(html).toContain("<code>GET /api/daily_papers</code>");
    expect(html).toContain("curl -s &#39;http://localhost/api/daily_papers?date=2024-06-05&amp;limit=5&#39;");
    expect(html).toContain("curl -s -X POST &#39;http://localhost/api/submissions&#39;");
    expect(html).toContain("Authorization: Bearer pb_YOUR_TOKEN");
    expect(html).toContain("HfApi(endpoint=&quot;http://localhost&quot;)");
    expect((html.match(/<pre><code>curl/g) ?? []).length).toBe(12);
  });
});

describe("errors and cookies", () => {
  it("answers unknown API paths with a JSON 404, and never sends X-Error-Code", async () => {
    const res = await app.request("/api/nothing/here");
    expect(res.status).toBe(404);
    expect(ErrorSchema.parse(await res.json()).error).toMatch(/no API endpoint GET \/api\/nothing\/here/);
    expect(res.headers.get("x-error-code")).toBeNull();
  });

  it("keeps anonymous API answers free of cookies", async () => {
    const res = await app.request("/api/daily_papers?limit=1");
    expect(res.headers.getSetCookie()).toEqual([]);
    // The pages still hand out their CSRF cookie.
    expect((await app.request("/signin")).headers.getSetCookie().join()).toMatch(/pb_csrf=/);
  });
});
