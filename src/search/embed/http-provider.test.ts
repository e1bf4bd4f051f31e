import { createHash } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { embeddingsEndpoint, HttpEmbeddingProvider, type HttpEmbeddingOptions } from "./http-provider.js";
import { EmbeddingError, normalise } from "./provider.js";

// A real OpenAI-style embeddings server on 127.0.0.1. Each test may swap `handler`; the default answers correctly.

interface Seen {
  path: string;
  headers: IncomingHttpHeaders;
  body: { model: string; input: string[]; encoding_format?: string; dimensions?: number };
}
type Handler = (req: Seen, res: ServerResponse) => void;

const DIMS = 8;
const KEY = "sk-test-very-secret-key-123";

/** Deterministic, not unit length (so normalisation shows), different for every text. */
function rawVector(text: string, dims = DIMS): number[] {
  const h = createHash("sha256").update(text).digest();
  return Array.from({ length: dims }, (_, i) => (h[i % h.length]! - 127.5) / 10);
}
const unit = (text: string) => Array.from(normalise(Float32Array.from(rawVector(text))));

function item(text: string, index: number | undefined, base64 = false) {
  const vector = rawVector(text);
  const embedding = base64 ? Buffer.from(new Float32Array(vector).buffer).toString("base64") : vector;
  return index === undefined ? { object: "embedding", embedding } : { object: "embedding", embedding, index };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

function answer(req: Seen, res: ServerResponse, opts: { shuffle?: boolean; base64?: boolean; noIndex?: boolean } = {}) {
  let data = req.body.input.map((t, i) => item(t, opts.noIndex ? undefined : i, opts.base64));
  if (opts.shuffle) data = [...data.slice(1), data[0]!].reverse();
  sendJson(res, 200, { object: "list", data, model: req.body.model, usage: { prompt_tokens: 1, total_tokens: 1 } });
}

let server: Server;
let base: string;
let seen: Seen[];
let handler: Handler;
let inFlight = 0;
let maxInFlight = 0;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const s: Seen = { path: req.url ?? "", headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
      seen.push(s);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on("close", () => inFlight--);
      if (req.method !== "POST" || !s.path.endsWith("/embeddings")) return sendJson(res, 404, { error: "no such route" });
      handler(s, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  seen = [];
  handler = (req, res) => answer(req, res);
  inFlight = 0;
  maxInFlight = 0;
});

function provider(opts: Partial<HttpEmbeddingOptions> = {}) {
  return new HttpEmbeddingProvider({ url: `${base}/v1`, model: "test-embed", sleep: async () => {}, ...opts });
}

/** Runs `p` and returns its EmbeddingError (failing the test if it resolves or throws something else). */
async function failure(p: Promise<unknown>): Promise<EmbeddingError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(EmbeddingError);
  return err as EmbeddingError;
}

function expectClose(actual: Float32Array | undefined, expected: number[]) {
  expect(actual).toBeDefined();
  expect(actual!.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual![i]).toBeCloseTo(x, 5));
}

describe("embeddingsEndpoint", () => {
  it.each([
    ["http://127.0.0.1:11434/v1", "http://127.0.0.1:11434/v1/embeddings"],
    ["http://127.0.0.1:11434/v1/", "http://127.0.0.1:11434/v1/embeddings"],
    ["https://api.openai.com/v1", "https://api.openai.com/v1/embeddings"],
    ["http://tei:8080", "http://tei:8080/v1/embeddings"],
    ["http://tei:8080/", "http://tei:8080/v1/embeddings"],
    ["http://gw/openai", "http://gw/openai/v1/embeddings"],
    ["http://gw/custom/embeddings", "http://gw/custom/embeddings"],
    ["http://gw/v1/embeddings?api-version=2", "http://gw/v1/embeddings?api-version=2"],
  ])("%s -> %s", (url, expected) => {
    expect(embeddingsEndpoint(url).href).toBe(expected);
  });

  it.each([
    ["", "/v1/embeddings"],
    ["/v1", "/v1/embeddings"],
    ["/v1/", "/v1/embeddings"],
    ["/proxy", "/proxy/v1/embeddings"],
    ["/my/embeddings", "/my/embeddings"],
  ])("POSTs to the right path on a real server for base%s", async (suffix, path) => {
    await provider({ url: `${base}${suffix}` }).embed(["x"], "document");
    expect(seen.map((s) => s.path)).toEqual([path]);
  });

  it("rejects bad URLs and URLs with credentials", () => {
    expect(() => provider({ url: "not a url" })).toThrow(EmbeddingError);
    expect(() => provider({ url: "ftp://host/v1" })).toThrow(/http/);
    expect(() => provider({ url: "http://user:pw@host/v1" })).toThrow(/credentials/);
    expect(() => provider({ batchSize: 0 })).toThrow(/batchSize/);
  });
});

describe("requests and answers", () => {
  it("sends model, input, encoding_format and JSON content type; no auth or dimensions unless configured", async () => {
    const p = provider();
    expect(p.provider).toBe("http");
    expect(p.model).toBe("test-embed");
    expect(p.batchSize).toBe(32);
    await p.embed(["a", "b"], "document");
    expect(seen).toHaveLength(1);
    expect(seen[0]!.body).toEqual({ model: "test-embed", input: ["a", "b"], encoding_format: "float" });
    expect(seen[0]!.headers["content-type"]).toBe("application/json");
    expect(seen[0]!.headers.authorization).toBeUndefined();
  });

  it("sends the API key as a bearer token", async () => {
    await provider({ apiKey: KEY }).embed(["a"], "query");
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it("forwards dimensions when configured", async () => {
    handler = (req, res) =>
      sendJson(res, 200, { data: req.body.input.map((t, index) => ({ index, embedding: rawVector(t, req.body.dimensions) })) });
    const p = provider({ dimensions: 4 });
    const [v] = await p.embed(["a"], "document");
    expect(seen[0]!.body.dimensions).toBe(4);
    expect(v!.length).toBe(4);
    expect(await p.dimensions()).toBe(4);
  });

  it("fails clearly when the server ignores dimensions", async () => {
    const err = await failure(provider({ dimensions: 4 }).embed(["a"], "document"));
    expect(err.message).toMatch(/asked for 4 dimensions but got vectors of length 8/);
  });

  it("splits 70 texts into batches of 32, 32 and 6 and keeps input order", async () => {
    const texts = Array.from({ length: 70 }, (_, i) => `paper ${i}`);
    const vectors = await provider().embed(texts, "document");
    expect(seen.map((s) => s.body.input.length).sort()).toEqual([32, 32, 6]);
    expect(seen.flatMap((s) => s.body.input).sort()).toEqual([...texts].sort());
    expect(vectors).toHaveLength(70);
    texts.forEach((t, i) => expectClose(vectors[i], unit(t)));
  });

  it("runs at most `concurrency` requests at once", async () => {
    handler = (req, res) => setTimeout(() => answer(req, res), 30);
    const texts = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const two = await provider({ batchSize: 2, concurrency: 2 }).embed(texts, "document");
    expect(seen).toHaveLength(5);
    expect(maxInFlight).toBe(2);
    texts.forEach((t, i) => expectClose(two[i], unit(t)));

    maxInFlight = 0;
    await provider({ batchSize: 2, concurrency: 1 }).embed(texts, "document");
    expect(maxInFlight).toBe(1);
  });

  it("orders vectors by index when the server shuffles data", async () => {
    handler = (req, res) => answer(req, res, { shuffle: true });
    const texts = ["alpha", "beta", "gamma", "delta"];
    const vectors = await provider().embed(texts, "document");
    texts.forEach((t, i) => expectClose(vectors[i], unit(t)));
  });

  it("falls back to array order when index is missing", async () => {
    handler = (req, res) => answer(req, res, { noIndex: true });
    const texts = ["one", "two", "three"];
    const vectors = await provider().embed(texts, "document");
    texts.forEach((t, i) => expectClose(vectors[i], unit(t)));
  });

  it("returns unit-length vectors in the server's direction", async () => {
    const [v] = await provider().embed(["normalise me"], "document");
    const norm = Math.sqrt(v!.reduce((s, x) => s + x * x, 0));
    expect(norm).toBeCloseTo(1, 5);
    const raw = rawVector("normalise me");
    const rawNorm = Math.sqrt(raw.reduce((s, x) => s + x * x, 0));
    expect(rawNorm).not.toBeCloseTo(1, 1);
    raw.forEach((x, i) => expect(v![i]).toBeCloseTo(x / rawNorm, 5));
  });

  it("decodes base64 float32 answers", async () => {
    handler = (req, res) => answer(req, res, { base64: true, shuffle: true });
    const texts = ["b64 one", "b64 two", "b64 three"];
    const vectors = await provider().embed(texts, "document");
    texts.forEach((t, i) => expectClose(vectors[i], unit(t)));
  });

  it("puts the query or document prefix before each text and sends a space for empty texts", async () => {
    const p = provider({ queryPrefix: "query: ", documentPrefix: "passage: " });
    const [q] = await p.embed(["what is attention"], "query");
    const [d] = await p.embed(["Attention is all you need"], "document");
    expect(seen[0]!.body.input).toEqual(["query: what is attention"]);
    expect(seen[1]!.body.input).toEqual(["passage: Attention is all you need"]);
    expectClose(q, unit("query: what is attention"));
    expectClose(d, unit("passage: Attention is all you need"));

    await provider().embed(["", "x"], "document");
    expect(seen[2]!.body.input).toEqual([" ", "x"]);
  });

  it("makes no request for no texts", async () => {
    expect(await provider().embed([], "document")).toEqual([]);
    expect(seen).toHaveLength(0);
  });

  it("probes once for dimensions and then remembers them", async () => {
    const p = provider({ queryPrefix: "q: " });
    const [a, b] = await Promise.all([p.dimensions(), p.dimensions()]);
    expect([a, b]).toEqual([DIMS, DIMS]);
    expect(seen.map((s) => s.body.input)).toEqual([["q: dimension probe"]]);
    expect(await p.dimensions()).toBe(DIMS);
    expect(seen).toHaveLength(1);

    const learned = provider();
    await learned.embed(["x"], "document");
    expect(await learned.dimensions()).toBe(DIMS);
    expect(seen).toHaveLength(2);
    await expect(learned.close()).resolves.toBeUndefined();
  });
});

describe("retries", () => {
  it("retries a 503 and then succeeds, waiting a jittered backoff", async () => {
    let calls = 0;
    handler = (req, res) => (++calls === 1 ? sendJson(res, 503, { error: "loading model" }) : answer(req, res));
    const waits: number[] = [];
    const [v] = await provider({ backoffBaseMs: 400, sleep: async (ms) => void waits.push(ms) }).embed(["x"], "document");
    expectClose(v, unit("x"));
    expect(seen).toHaveLength(2);
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThanOrEqual(200);
    expect(waits[0]).toBeLessThanOrEqual(400);
  });

  it("grows the backoff exponentially up to backoffMaxMs and gives up after maxAttempts", async () => {
    handler = (_req, res) => sendJson(res, 502, "bad gateway from proxy");
    const waits: number[] = [];
    const p = provider({ backoffBaseMs: 1000, backoffMaxMs: 3000, maxAttempts: 4, sleep: async (ms) => void waits.push(ms) });
    const err = await failure(p.embed(["x"], "document"));
    expect(seen).toHaveLength(4);
    expect(waits).toHaveLength(3);
    expect(waits[0]).toBeGreaterThanOrEqual(500);
    expect(waits[0]).toBeLessThanOrEqual(1000);
    expect(waits[1]).toBeGreaterThanOrEqual(1000);
    expect(waits[1]).toBeLessThanOrEqual(2000);
    expect(waits[2]).toBeGreaterThanOrEqual(1500);
    expect(waits[2]).toBeLessThanOrEqual(3000);
    expect(err.message).toContain("HTTP 502");
    expect(err.message).toContain("bad gateway from proxy");
    expect(err.message).toContain("4 attempts");
    expect(err.message).toContain(`${base}/v1/embeddings`);
    expect(err.message).toContain('"test-embed"');
  });

  it.each([408, 409, 425, 429, 500, 502, 503, 504])("retries HTTP %i", async (status) => {
    let calls = 0;
    handler = (req, res) => (++calls === 1 ? sendJson(res, status, {}) : answer(req, res));
    await provider().embed(["x"], "document");
    expect(seen).toHaveLength(2);
  });

  it("honours Retry-After in seconds", async () => {
    let calls = 0;
    handler = (req, res) => (++calls === 1 ? sendJson(res, 429, { error: { message: "slow down" } }, { "retry-after": "7" }) : answer(req, res));
    const waits: number[] = [];
    await provider({ sleep: async (ms) => void waits.push(ms) }).embed(["x"], "document");
    expect(waits).toEqual([7000]);
  });

  it("honours Retry-After as an HTTP date", async () => {
    let calls = 0;
    handler = (req, res) =>
      ++calls === 1 ? sendJson(res, 503, {}, { "retry-after": new Date(Date.now() + 10_000).toUTCString() }) : answer(req, res);
    const waits: number[] = [];
    await provider({ sleep: async (ms) => void waits.push(ms) }).embed(["x"], "document");
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(7000);
    expect(waits[0]).toBeLessThanOrEqual(10_000);
  });

  it("caps Retry-After at three times backoffMaxMs", async () => {
    let calls = 0;
    handler = (req, res) => (++calls === 1 ? sendJson(res, 429, {}, { "retry-after": "3600" }) : answer(req, res));
    const waits: number[] = [];
    await provider({ backoffMaxMs: 2000, sleep: async (ms) => void waits.push(ms) }).embed(["x"], "document");
    expect(waits).toEqual([6000]);
  });

  it("fails a 400 at once with the server's message", async () => {
    handler = (_req, res) => sendJson(res, 400, { error: { message: "input is too long for this model", type: "invalid_request_error" } });
    const err = await failure(provider().embed(["x"], "document"));
    expect(seen).toHaveLength(1);
    expect(err.message).toContain("HTTP 400 Bad Request: input is too long for this model");
    expect(err.message).toContain("(1 attempt)");
    expect(err.message).toContain(`${base}/v1/embeddings`);
    expect(err.message).toContain("test-embed");
  });

  it('reads {"error": "..."} bodies and clips long ones to 300 characters', async () => {
    handler = (_req, res) => sendJson(res, 422, { error: "Input validation error: " + "z".repeat(1000), error_type: "Validation" });
    const err = await failure(provider().embed(["x"], "document"));
    expect(err.message).toContain("HTTP 422");
    expect(err.message).toContain("Input validation error: zzz");
    expect(err.message).not.toContain("z".repeat(300));
    expect(err.message).toContain("z".repeat(250));
    expect(err.message.length).toBeLessThan(500);
  });

  it("stops launching batches after one fails", async () => {
    handler = (req, res) => (req.body.input[0] === "t4" ? sendJson(res, 400, { error: "bad batch" }) : answer(req, res));
    const texts = Array.from({ length: 10 }, (_, i) => `t${i}`);
    const err = await failure(provider({ batchSize: 2, concurrency: 1 }).embed(texts, "document"));
    expect(err.message).toContain("bad batch");
    expect(seen).toHaveLength(3);
  });

  it("retries network errors and says so", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const waits: number[] = [];
    const p = provider({ url: `http://127.0.0.1:${port}/v1`, maxAttempts: 3, apiKey: KEY, sleep: async (ms) => void waits.push(ms) });
    const err = await failure(p.embed(["x"], "document"));
    expect(waits).toHaveLength(2);
    expect(err.message).toMatch(/network error/);
    expect(err.message).toContain("3 attempts");
    expect(err.message).not.toContain(KEY);
  });
});

describe("bad answers", () => {
  it("rejects the wrong number of vectors", async () => {
    handler = (req, res) => sendJson(res, 200, { data: [item(req.body.input[0]!, 0)] });
    const err = await failure(provider().embed(["a", "b", "c"], "document"));
    expect(err.message).toContain("sent 3 texts but got 1 embeddings");
    expect(err.message).toContain(`${base}/v1/embeddings`);
    expect(err.message).toContain("test-embed");
    expect(seen).toHaveLength(1);
  });

  it("rejects vectors of different lengths", async () => {
    handler = (_req, res) => sendJson(res, 200, { data: [{ index: 0, embedding: [1, 2, 3] }, { index: 1, embedding: [1, 2] }] });
    const err = await failure(provider().embed(["a", "b"], "document"));
    expect(err.message).toMatch(/differ in length: embedding 0 has 3 values, embedding 1 has 2/);
  });

  it("rejects a change of length between calls", async () => {
    let len = 3;
    handler = (req, res) => sendJson(res, 200, { data: req.body.input.map((_, index) => ({ index, embedding: Array(len).fill(1) })) });
    const p = provider();
    await p.embed(["a"], "document");
    len = 4;
    const err = await failure(p.embed(["b"], "document"));
    expect(err.message).toMatch(/length 4 where earlier answers had 3/);
  });

  it.each([
    ["a NaN word", 1, '{"data":[{"index":0,"embedding":[0.1,NaN,0.3]}]}', /NaN or Infinity/],
    ["a float32 overflow", 1, '{"data":[{"index":0,"embedding":[0.1,1e39,0.3]}]}', /embedding 0 has a non-finite value \(Infinity\) at position 1/],
    ["a null", 1, '{"data":[{"index":0,"embedding":[0.1,null,0.3]}]}', /null at position 1, not a number/],
    ["a base64 NaN", 1, JSON.stringify({ data: [{ index: 0, embedding: Buffer.from(new Float32Array([1, NaN]).buffer).toString("base64") }] }), /non-finite value \(NaN\) at position 1/],
    ["a missing embedding", 1, '{"data":[{"index":0}]}', /neither an array of numbers nor a base64 string/],
    ["no data", 1, '{"object":"list"}', /no "data" array/],
    ["a repeated index", 2, '{"data":[{"index":0,"embedding":[1]},{"index":0,"embedding":[2]}]}', /index 0: .*repeated/],
    ["an index out of range", 2, '{"data":[{"index":0,"embedding":[1]},{"index":5,"embedding":[2]}]}', /index 5: not one of 0..1/],
    ["HTML", 1, "<html>gateway</html>", /not JSON: <html>gateway<\/html>/],
  ])("rejects %s clearly", async (_name, count, body, pattern) => {
    handler = (_req, res) => sendJson(res, 200, body);
    const texts = Array.from({ length: count }, (_, i) => `t${i}`);
    const err = await failure(provider().embed(texts, "document"));
    expect(err.message).toMatch(pattern);
    expect(err.message).toContain("test-embed");
    expect(seen).toHaveLength(1);
  });
});

describe("timeouts, aborts and secrets", () => {
  it("times out a server that never answers, retrying, and says so", async () => {
    handler = () => {}; // holds the request open
    const waits: number[] = [];
    const started = Date.now();
    const err = await failure(provider({ timeoutMs: 200, maxAttempts: 2, sleep: async (ms) => void waits.push(ms) }).embed(["x"], "document"));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.message).toContain("timed out after 200 ms");
    expect(err.message).toContain("2 attempts");
    expect(seen).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it("stops at once, without retrying, when the caller aborts", async () => {
    handler = () => {};
    const ctrl = new AbortController();
    const reason = new Error("user went away");
    const started = Date.now();
    const pending = provider({ timeoutMs: 60_000 }).embed(["x"], "document", ctrl.signal);
    setTimeout(() => ctrl.abort(reason), 100);
    await expect(pending).rejects.toBe(reason);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(seen).toHaveLength(1);
  });

  it("aborts during a backoff wait", async () => {
    handler = (_req, res) => sendJson(res, 503, {});
    const ctrl = new AbortController();
    const p = provider({ sleep: () => new Promise<void>(() => {}) }); // a wait that only an abort ends
    const pending = p.embed(["x"], "document", ctrl.signal);
    setTimeout(() => ctrl.abort(new Error("stop")), 100);
    await expect(pending).rejects.toThrow("stop");
    expect(seen).toHaveLength(1);
  });

  it("makes no request with an already aborted signal", async () => {
    const ctrl = new AbortController();
    ctrl.abort(new Error("already"));
    await expect(provider().embed(["x"], "document", ctrl.signal)).rejects.toThrow("already");
    expect(seen).toHaveLength(0);
  });

  it("never shows the API key, even when the server echoes it", async () => {
    handler = (req, res) => sendJson(res, 401, { error: { message: `Incorrect API key provided: ${req.headers.authorization}` } });
    const err = await failure(provider({ apiKey: KEY }).embed(["x"], "document"));
    expect(seen[0]!.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(err.message).toContain("HTTP 401");
    expect(err.message).toContain("Incorrect API key provided: Bearer [redacted]");
    expect(err.message).not.toContain(KEY);
    expect(String(err.stack)).not.toContain(KEY);
    expect(seen).toHaveLength(1);
  });

  it("keeps the key out of timeout and bad-answer errors too", async () => {
    handler = () => {};
    const timeout = await failure(provider({ apiKey: KEY, timeoutMs: 100, maxAttempts: 1 }).embed(["x"], "document"));
    expect(timeout.message).toContain("timed out");
    expect(timeout.message).not.toContain(KEY);

    handler = (req, res) => sendJson(res, 200, `{"data": "${req.headers.authorization}"}`);
    const bad = await failure(provider({ apiKey: KEY }).embed(["x"], "document"));
    expect(bad.message).toContain('no "data" array');
    expect(bad.message).not.toContain(KEY);
  });
});
