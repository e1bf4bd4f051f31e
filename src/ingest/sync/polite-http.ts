// The only way sync jobs talk to a remote: one queued request at a time, paced, timed out, retried, body streamed.
import type { Readable } from "node:stream";
import { SourceError } from "../../domain/errors.js";
import { RequestGate, systemClock, type Clock } from "./request-gate.js";
import { isRetryableStatus, parseRetryAfter, retryDelayMs, type BackoffPolicy } from "./retry-policy.js";
import { WatchedBody, describe, type BodyState } from "./watched-body.js";

export interface PoliteHttpOptions {
  /** Sent on every request; arXiv asks harvesters to identify themselves (name and contact). */
  userAgent: string;
  /** Minimum gap between request starts, retries included. arXiv's terms: one request per 3 s. */
  minIntervalMs?: number;
  /** Longest wait for response headers, and for each next body chunk. */
  timeoutMs?: number;
  /** Attempts per request, the first included. */
  maxAttempts?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Cap on a Retry-After the server asks for. */
  maxRetryAfterMs?: number;
  headers?: Record<string, string>;
  now?: Clock["now"];
  sleep?: Clock["sleep"];
  fetch?: typeof fetch;
  log?: { warn(obj: object, msg?: string): void };
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/** A 2xx response whose body is still arriving. Read `body` to the end or call `drop()`: until then the slot stays taken. */
export interface HttpResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: Headers;
  readonly body: Readable;
  readonly bodyState: BodyState;
  /** Why the body failed (truncated or stalled), when bodyState is "failed". */
  readonly bodyError: Error | null;
  /** Drains what is left and resolves with the final body state. */
  finish(): Promise<BodyState>;
  drop(): void;
}

type Attempt =
  | { ok: true; response: HttpResponse }
  | { ok: false; error: SourceError; retryable: boolean; retryAfterMs: number | null };

export const DEFAULT_MIN_INTERVAL_MS = 3000;

export class PoliteHttp {
  private readonly gate: RequestGate;
  private readonly clock: Clock;
  private readonly policy: BackoffPolicy;
  private readonly maxAttempts: number;
  private readonly timeoutMs: number;
  private readonly fetchImpl: typeof fetch;

  constructor(private readonly opts: PoliteHttpOptions) {
    this.clock = { now: opts.now ?? systemClock.now, sleep: opts.sleep ?? systemClock.sleep };
    this.gate = new RequestGate(opts.minIntervalMs ?? DEFAULT_MIN_INTERVAL_MS, this.clock);
    this.policy = {
      baseMs: opts.backoffBaseMs ?? 5000,
      maxMs: opts.backoffMaxMs ?? 120_000,
      maxRetryAfterMs: opts.maxRetryAfterMs ?? 600_000,
    };
    this.maxAttempts = Math.max(1, opts.maxAttempts ?? 5);
    this.timeoutMs = opts.timeoutMs ?? 60_000;
    this.fetchImpl = opts.fetch ?? fetch;
  }

  /**
   * GETs `url`, retrying 429, 5xx, network errors and timeouts with back-off.
   * Other non-2xx statuses throw a SourceError at once. The request slot is
   * held through back-off waits and until the returned body is done.
   */
  async get(url: string, ro: RequestOptions = {}): Promise<HttpResponse> {
    const release = await this.gate.acquire(ro.signal);
    let handedOver = false;
    try {
      for (let attempt = 1; ; attempt++) {
        await this.gate.pace(ro.signal);
        const outcome = await this.attempt(url, ro, release);
        if (outcome.ok) {
          handedOver = true;
          return outcome.response;
        }
        if (!outcome.retryable) throw outcome.error;
        if (attempt >= this.maxAttempts) {
          throw new SourceError(`${outcome.error.message} (gave up after ${attempt} attempts)`, { cause: outcome.error });
        }
        const wait = retryDelayMs(attempt, outcome.retryAfterMs, this.policy);
        this.opts.log?.warn({ url, attempt, waitMs: wait, err: outcome.error.message }, "request failed, will retry");
        await this.clock.sleep(wait, ro.signal);
      }
    } finally {
      if (!handedOver) release();
    }
  }

  /**
   * GETs `url` and hands the streaming response to `read`. A body that is cut
   * short or stalls fails the read even if `read` swallowed the stream error,
   * and the whole request and read are repeated (up to maxAttempts), so `read`
   * must be idempotent (upserts are). Whatever `read` leaves unread is drained.
   */
  async consume<T>(url: string, read: (res: HttpResponse) => Promise<T>, ro: RequestOptions = {}): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const res = await this.get(url, ro);
      let value: T;
      let readError: unknown = null;
      try {
        value = await read(res);
      } catch (err) {
        readError = err;
        res.drop();
      }
      const state = readError === null ? await res.finish() : res.bodyState;
      if (state !== "failed") {
        if (readError !== null) throw readError;
        return value!;
      }
      ro.signal?.throwIfAborted();
      const failure = res.bodyError ?? new SourceError(`Response body from ${url} failed`);
      if (attempt >= this.maxAttempts) throw failure;
      const wait = retryDelayMs(attempt, null, this.policy);
      this.opts.log?.warn({ url, attempt, waitMs: wait, err: failure.message }, "incomplete response, will re-read");
      await this.clock.sleep(wait, ro.signal);
    }
  }

  private async attempt(url: string, ro: RequestOptions, release: () => void): Promise<Attempt> {
    const controller = new AbortController();
    const onAbort = () => controller.abort(ro.signal?.reason);
    ro.signal?.addEventListener("abort", onAbort, { once: true });
    const detach = () => ro.signal?.removeEventListener("abort", onAbort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new SourceError(`${url}: no response within ${this.timeoutMs} ms`));
    }, this.timeoutMs);

    let res: Response;
    try {
      res = await this.fetchImpl(url, {
        headers: { "user-agent": this.opts.userAgent, ...this.opts.headers, ...ro.headers },
        signal: controller.signal,
        redirect: "follow",
      });
    } catch (err) {
      detach();
      ro.signal?.throwIfAborted();
      const why = timedOut ? `no response within ${this.timeoutMs} ms` : `network error (${describe(err)})`;
      return { ok: false, error: new SourceError(`GET ${url}: ${why}`, { cause: err }), retryable: true, retryAfterMs: null };
    } finally {
      clearTimeout(timer);
    }

    if (res.status < 200 || res.status > 299) {
      detach();
      await res.body?.cancel().catch(() => undefined);
      const text = res.statusText ? ` ${res.statusText}` : "";
      return {
        ok: false,
        error: new SourceError(`GET ${url} answered HTTP ${res.status}${text}`),
        retryable: isRetryableStatus(res.status),
        retryAfterMs: parseRetryAfter(res.headers.get("retry-after"), this.clock.now()),
      };
    }

    const watched = new WatchedBody(res.body, {
      url,
      idleTimeoutMs: this.timeoutMs,
      abort: (reason) => controller.abort(reason),
      onSettled: () => {
        detach();
        release();
      },
    });
    return {
      ok: true,
      response: {
        url,
        status: res.status,
        headers: res.headers,
        body: watched.stream,
        get bodyState() {
          return watched.state;
        },
        get bodyError() {
          return watched.error;
        },
        finish: () => watched.finish(),
        drop: () => watched.drop(),
      },
    };
  }
}
