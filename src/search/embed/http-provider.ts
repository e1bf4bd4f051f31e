// The http embedding provider: any OpenAI-compatible /v1/embeddings server (Ollama, TEI, vLLM, OpenAI), batched, retried and checked.
import { setTimeout as delay } from "node:timers/promises";
import { EmbeddingError, normalise, type EmbedKind, type EmbeddingProvider } from "./provider.js";

export interface HttpEmbeddingOptions {
  /** Server base URL (…/v1/embeddings is appended as needed, see embeddingsEndpoint). */
  url: string;
  /** The server's model name, sent as `model`. */
  model: string;
  /** Sent as `Authorization: Bearer …`; never shown in errors. */
  apiKey?: string;
  /** Asked-for vector length, for models that can shorten their vectors (OpenAI text-embedding-3). */
  dimensions?: number;
  /** Texts per request. Default 32. */
  batchSize?: number;
  /** Per request attempt, response body included. Default 60 000. */
  timeoutMs?: number;
  queryPrefix?: string;
  documentPrefix?: string;
  /** Attempts per request, the first included. Default 4. */
  maxAttempts?: number;
  /** Wait after the first failure, doubled after each further one (with jitter). Default 500. */
  backoffBaseMs?: number;
  /** Ceiling of that wait; a server's Retry-After may ask for up to three times this. Default 20 000. */
  backoffMaxMs?: number;
  /** Requests in flight at once while embed() works through many batches. Default 2. */
  concurrency?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

/**
 * Statuses that say "not now" rather than "never": request timeout, conflict
 * (model still loading on some servers), too early, rate limit, and the
 * transient server and proxy failures. Other 4xx mean the request is wrong.
 */
const RETRYABLE_STATUSES = new Set([408, 409, 425, 429, 500, 502, 503, 504]);
/** Enough of a server's error body to explain it without flooding a log line. */
const SERVER_TEXT_LIMIT = 300;
const PROBE_TEXT = "dimension probe";

/** Where requests go: the URL as is when it ends in /embeddings, else with /embeddings or /v1/embeddings appended. */
export function embeddingsEndpoint(url: string): URL {
  const u = new URL(url);
  const path = u.pathname.replace(/\/+$/, "");
  if (path.endsWith("/embeddings")) return u;
  u.pathname = path.endsWith("/v1") ? `${path}/embeddings` : `${path}/v1/embeddings`;
  return u;
}

type Attempt =
  | { ok: true; json: unknown }
  | { ok: false; problem: string; retryable: boolean; retryAfterMs: number | null; cause?: unknown };

export class HttpEmbeddingProvider implements EmbeddingProvider {
  readonly provider = "http" as const;
  readonly model: string;
  readonly batchSize: number;
  private readonly endpoint: URL;
  /** The endpoint as errors show it: no query string, which may carry secrets. */
  private readonly where: string;
  private readonly apiKey: string | undefined;
  private readonly askedDimensions: number | undefined;
  private readonly timeoutMs: number;
  private readonly queryPrefix: string;
  private readonly documentPrefix: string;
  private readonly maxAttempts: number;
  private readonly backoffBaseMs: number;
  private readonly backoffMaxMs: number;
  private readonly concurrency: number;
  private readonly fetchImpl: typeof fetch;
  private readonly sleepImpl: ((ms: number) => Promise<void>) | undefined;
  private dims: number | undefined;
  private probe: Promise<number> | undefined;

  constructor(opts: HttpEmbeddingOptions) {
    this.model = opts.model;
    this.apiKey = opts.apiKey || undefined;
    this.askedDimensions = opts.dimensions;
    this.batchSize = opts.batchSize ?? 32;
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.queryPrefix = opts.queryPrefix ?? "";
    this.documentPrefix = opts.documentPrefix ?? "";
    this.maxAttempts = opts.maxAttempts ?? 4;
    this.backoffBaseMs = opts.backoffBaseMs ?? 500;
    this.backoffMaxMs = opts.backoffMaxMs ?? 20_000;
    this.concurrency = opts.concurrency ?? 2;
    this.fetchImpl = opts.fetch ?? fetch;
    this.sleepImpl = opts.sleep;

    let endpoint: URL;
    try {
      endpoint = embeddingsEndpoint(opts.url);
    } catch (err) {
      throw new EmbeddingError(`http embedding provider: "${opts.url}" is not a valid URL`, { cause: err });
    }
    this.endpoint = endpoint;
    this.where = `${endpoint.origin}${endpoint.pathname}`;
    if (endpoint.protocol !== "http:" && endpoint.protocol !== "https:") throw this.fail("the URL must start with http:// or https://");
    if (endpoint.username || endpoint.password) throw this.fail("put credentials in the API key setting, not in the URL");
    if (!this.model) throw this.fail("no model name configured");
    for (const [name, value, min] of [
      ["batchSize", this.batchSize, 1],
      ["concurrency", this.concurrency, 1],
      ["maxAttempts", this.maxAttempts, 1],
      ["timeoutMs", this.timeoutMs, 1],
      ["backoffBaseMs", this.backoffBaseMs, 0],
      ["backoffMaxMs", this.backoffMaxMs, 0],
      ["dimensions", this.askedDimensions ?? 1, 1],
    ] as const) {
      if (!Number.isInteger(value) || value < min) throw this.fail(`${name} must be an integer of at least ${min}, not ${value}`);
    }
  }

  async dimensions(): Promise<number> {
    if (this.dims !== undefined) return this.dims;
    // One shared probe, so callers asking at the same time cause one request; a failed probe may be retried later.
    this.probe ??= this.embed([PROBE_TEXT], "query")
      .then((vectors) => vectors[0]!.length)
      .finally(() => (this.probe = undefined));
    return this.probe;
  }

  /** A caller abort rejects at once with the signal's reason, like the rest of the code base; it is never retried. */
  async embed(texts: string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]> {
    signal?.throwIfAborted();
    if (texts.length === 0) return [];
    const prefix = kind === "query" ? this.queryPrefix : this.documentPrefix;
    // Some servers reject an empty input outright; a space embeds as "nothing" without failing the batch.
    const inputs = texts.map((t) => prefix + t || " ");
    const batches: string[][] = [];
    for (let i = 0; i < inputs.length; i += this.batchSize) batches.push(inputs.slice(i, i + this.batchSize));

    // Aborted by the caller, or by the first failing batch so its siblings stop instead of running on for nothing.
    const stop = new AbortController();
    const onAbort = () => stop.abort(signal?.reason);
    signal?.addEventListener("abort", onAbort, { once: true });
    const results: Float32Array[][] = new Array(batches.length);
    const outcome: { failed: boolean; error: unknown } = { failed: false, error: undefined };
    let next = 0;
    const worker = async () => {
      while (!outcome.failed && next < batches.length) {
        const i = next++;
        try {
          results[i] = await this.embedBatch(batches[i]!, stop.signal);
        } catch (err) {
          if (!outcome.failed) Object.assign(outcome, { failed: true, error: err });
          stop.abort(err);
        }
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.concurrency, batches.length) }, worker));
    } finally {
      signal?.removeEventListener("abort", onAbort);
    }
    if (outcome.failed) throw outcome.error;
    return results.flat();
  }

  async close(): Promise<void> {}

  private async embedBatch(inputs: string[], signal: AbortSignal): Promise<Float32Array[]> {
    const body: Record<string, unknown> = { model: this.model, input: inputs, encoding_format: "float" };
    if (this.askedDimensions !== undefined) body.dimensions = this.askedDimensions;
    const vectors = this.readVectors(await this.post(JSON.stringify(body), signal), inputs.length);
    const length = vectors[0]!.length;
    if (this.askedDimensions !== undefined && length !== this.askedDimensions) {
      throw this.fail(`asked for ${this.askedDimensions} dimensions but got vectors of length ${length} (does the server support "dimensions"?)`);
    }
    if (this.dims !== undefined && length !== this.dims) {
      throw this.fail(`vectors of length ${length} where earlier answers had ${this.dims}; did the model change?`);
    }
    this.dims = length;
    return vectors.map(normalise);
  }

  /** POSTs one batch with retries and returns the parsed JSON of the first 2xx answer. */
  private async post(body: string, signal: AbortSignal): Promise<unknown> {
    for (let attempt = 1; ; attempt++) {
      const result = await this.attempt(body, signal);
      if (result.ok) return result.json;
      if (!result.retryable || attempt >= this.maxAttempts) {
        throw this.fail(`${result.problem} (${attempt} attempt${attempt === 1 ? "" : "s"})`, result.cause);
      }
      const wait = result.retryAfterMs !== null ? Math.min(result.retryAfterMs, this.backoffMaxMs * 3) : this.backoff(attempt);
      await this.pause(wait, signal);
    }
  }

  private async attempt(body: string, signal: AbortSignal): Promise<Attempt> {
    signal.throwIfAborted();
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
    if (this.apiKey) headers.authorization = `Bearer ${this.apiKey}`;
    let res: Response;
    let text: string;
    try {
      res = await this.fetchImpl(this.endpoint, { method: "POST", headers, body, signal: anySignal(signal, timeout) });
      text = await res.text();
    } catch (err) {
      signal.throwIfAborted();
      if (timeout.aborted) return { ok: false, problem: `request timed out after ${this.timeoutMs} ms`, retryable: true, retryAfterMs: null, cause: err };
      return { ok: false, problem: `network error (${describeError(err)})`, retryable: true, retryAfterMs: null, cause: err };
    }
    if (!res.ok) {
      const said = serverMessage(this.redact(text));
      return {
        ok: false,
        problem: `HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ""}${said ? `: ${said}` : ""}`,
        retryable: RETRYABLE_STATUSES.has(res.status),
        retryAfterMs: parseRetryAfter(res.headers.get("retry-after")),
      };
    }
    try {
      return { ok: true, json: JSON.parse(text) };
    } catch {
      // Python servers write NaN and Infinity as bare words, which JSON does not allow.
      const why = /\b(NaN|Infinity)\b/.test(text) ? "not valid JSON (it contains NaN or Infinity: the model produced non-finite values)" : "not JSON";
      return { ok: false, problem: `HTTP ${res.status} answer is ${why}: ${clip(this.redact(text))}`, retryable: false, retryAfterMs: null };
    }
  }

  /** Checks the answer's shape and returns its vectors in input order (by `index`, else array order). */
  private readVectors(json: unknown, expected: number): Float32Array[] {
    const data = isRecord(json) ? json.data : undefined;
    if (!Array.isArray(data)) throw this.fail(`answer has no "data" array: ${clip(this.redact(JSON.stringify(json) ?? ""))}`);
    if (data.length !== expected) throw this.fail(`sent ${expected} texts but got ${data.length} embeddings back`);
    const byIndex = data.every((item) => isRecord(item) && item.index !== undefined && item.index !== null);
    const out: (Float32Array | undefined)[] = new Array(expected);
    data.forEach((item: unknown, pos) => {
      if (!isRecord(item)) throw this.fail(`data[${pos}] is not an object`);
      const slot = byIndex ? item.index : pos;
      if (typeof slot !== "number" || !Number.isInteger(slot) || slot < 0 || slot >= expected || out[slot]) {
        throw this.fail(`data[${pos}] has index ${JSON.stringify(slot)}: not one of 0..${expected - 1}, or repeated`);
      }
      const vector = decodeEmbedding(item.embedding);
      if (typeof vector === "string") throw this.fail(`embedding ${slot} ${vector}`);
      out[slot] = vector;
    });
    const vectors = out as Float32Array[];
    const length = vectors[0]!.length;
    const odd = vectors.findIndex((v) => v.length !== length);
    if (odd >= 0) throw this.fail(`embeddings differ in length: embedding 0 has ${length} values, embedding ${odd} has ${vectors[odd]!.length}`);
    return vectors;
  }

  /** Exponential with "equal jitter": at least half the step, so waits grow even when unlucky. */
  private backoff(attempt: number): number {
    const step = Math.min(this.backoffMaxMs, this.backoffBaseMs * 2 ** (attempt - 1));
    return Math.round(step / 2 + (Math.random() * step) / 2);
  }

  private async pause(ms: number, signal: AbortSignal): Promise<void> {
    signal.throwIfAborted();
    if (!this.sleepImpl) {
      await delay(ms, undefined, { signal }).catch((err: unknown) => {
        signal.throwIfAborted();
        throw err;
      });
      return;
    }
    const sleeping = this.sleepImpl(ms);
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      sleeping.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
    });
  }

  private fail(problem: string, cause?: unknown): EmbeddingError {
    const message = `http embedding provider (model "${this.model}" at ${this.where}): ${problem}`;
    return new EmbeddingError(this.redact(message), cause === undefined ? undefined : { cause });
  }

  /** Servers sometimes echo the key they rejected; it must not reach a message or a log. */
  private redact(text: string): string {
    return this.apiKey ? text.split(this.apiKey).join("[redacted]") : text;
  }
}

/** Aborts when either signal does (AbortSignal.any is missing from Node before 20.3). */
function anySignal(a: AbortSignal, b: AbortSignal): AbortSignal {
  if (typeof AbortSignal.any === "function") return AbortSignal.any([a, b]);
  const both = new AbortController();
  for (const s of [a, b]) {
    if (s.aborted) both.abort(s.reason);
    else s.addEventListener("abort", () => both.abort(s.reason), { once: true, signal: both.signal });
  }
  return both.signal;
}

/** An embedding as an array of finite numbers or base64 little-endian float32 (servers that ignore encoding_format); else what is wrong with it. */
function decodeEmbedding(raw: unknown): Float32Array | string {
  let v: Float32Array;
  if (Array.isArray(raw)) {
    const bad = raw.findIndex((x) => typeof x !== "number");
    if (bad >= 0) return `has ${JSON.stringify(raw[bad]) ?? typeof raw[bad]} at position ${bad}, not a number`;
    v = Float32Array.from(raw as number[]);
  } else if (typeof raw === "string") {
    const bytes = Buffer.from(raw, "base64");
    if (bytes.length % 4 !== 0) return `is a base64 string of ${bytes.length} bytes, not a whole number of float32 values`;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    v = new Float32Array(bytes.length / 4);
    for (let i = 0; i < v.length; i++) v[i] = view.getFloat32(i * 4, true);
  } else {
    return "is neither an array of numbers nor a base64 string";
  }
  if (v.length === 0) return "is empty";
  // Checked after the float32 conversion: a finite double such as 1e39 overflows to Infinity.
  const bad = v.findIndex((x) => !Number.isFinite(x));
  if (bad >= 0) return `has a non-finite value (${v[bad]}) at position ${bad}`;
  return v;
}

/** The useful part of an error body: OpenAI's {"error":{"message"}}, TEI's {"error":"…"}, vLLM's {"message"}, FastAPI's {"detail"}, else the text. */
function serverMessage(text: string): string {
  let message = text;
  try {
    const j: unknown = JSON.parse(text);
    if (isRecord(j)) {
      const e = j.error;
      if (isRecord(e) && typeof e.message === "string") message = e.message;
      else if (typeof e === "string") message = e;
      else if (typeof j.message === "string") message = j.message;
      else if (typeof j.detail === "string") message = j.detail;
    }
  } catch {
    // Not JSON: the text itself is the message.
  }
  return clip(message);
}

function clip(text: string): string {
  const t = text.replace(/\s+/g, " ").trim();
  return t.length > SERVER_TEXT_LIMIT ? `${t.slice(0, SERVER_TEXT_LIMIT)}…` : t;
}

/** Retry-After as delta-seconds or an HTTP date, in ms from now; null when absent or unreadable. */
function parseRetryAfter(header: string | null): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** fetch's "fetch failed" hides the reason (ECONNREFUSED, ENOTFOUND…) in its cause. */
function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause;
  const detail = cause instanceof Error ? ((cause as NodeJS.ErrnoException).code ?? cause.message) : undefined;
  return detail ? `${err.message}: ${detail}` : err.message;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === "object" && x !== null && !Array.isArray(x);
}
