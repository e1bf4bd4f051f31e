// In-process rate limits: a token bucket per key (GCRA), answering 429 with Retry-After and RateLimit-* headers.
//
// GCRA keeps one number per key, the "theoretical arrival time": `limit`
// requests may come at once, then one more every windowMs / limit. A key
// whose time has passed is a full bucket, the same as no entry, so evicting
// it loses nothing; that keeps memory bounded by MAX_KEYS. Counters live in
// this process: with several web processes each enforces its own share.
import type { Context, MiddlewareHandler } from "hono";
import { RateLimitError } from "../../domain/errors.js";
import type { AppEnv } from "../context.js";

export interface RateLimitOptions {
  /** Names the limit in logs and keys (e.g. "signin", "comment"). */
  bucket: string;
  /** Requests allowed in a burst, refilled evenly over `windowMs`. */
  limit: number;
  windowMs: number;
  /** What to count by; default the signed-in viewer's id, else the client's address. */
  key?: (c: Context<AppEnv>) => string;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the bucket is full again. */
  resetSeconds: number;
  /** Seconds until the next request is allowed (0 when allowed). */
  retryAfterSeconds: number;
}

/** Enough distinct clients for a busy hub; past it, full buckets go first, then the least recently seen. */
const MAX_KEYS = 50_000;
/** Float slack: `limit` hits at one instant must fit exactly. */
const EPSILON_MS = 1e-6;

let clock: () => number = () => Date.now();

/** Replaces the clock of every limiter (tests); call with no argument to restore the real one. */
export function setRateLimitClock(now?: () => number): void {
  clock = now ?? (() => Date.now());
}

export class RateLimiter {
  private readonly due = new Map<string, number>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = MAX_KEYS,
  ) {
    if (!(limit >= 1) || !(windowMs > 0)) throw new Error(`bad rate limit ${limit} per ${windowMs} ms`);
  }

  /** Counts one request for `key` if it is allowed. */
  hit(key: string): RateDecision {
    const now = clock();
    const interval = this.windowMs / this.limit;
    const tat = Math.max(this.due.get(key) ?? now, now);
    const next = tat + interval;
    const allowAt = next - this.windowMs;
    if (allowAt - now > EPSILON_MS) {
      return { allowed: false, limit: this.limit, remaining: 0, resetSeconds: secs(tat - now), retryAfterSeconds: Math.max(1, secs(allowAt - now)) };
    }
    // Re-inserting keeps the map ordered by last use, so eviction finds the idle keys first.
    this.due.delete(key);
    this.due.set(key, next);
    if (this.due.size > this.maxKeys) this.evict(now);
    const remaining = Math.max(0, Math.floor((this.windowMs - (next - now) + EPSILON_MS) / interval));
    return { allowed: true, limit: this.limit, remaining, resetSeconds: secs(next - now), retryAfterSeconds: 0 };
  }

  get size(): number {
    return this.due.size;
  }

  /** Drops full buckets, then (under a flood of distinct keys) the least recently used, down to 90% of the cap. */
  private evict(now: number): void {
    for (const [k, t] of this.due) if (t <= now) this.due.delete(k);
    const target = Math.floor(this.maxKeys * 0.9);
    for (const k of this.due.keys()) {
      if (this.due.size <= target) break;
      this.due.delete(k);
    }
  }
}

const secs = (ms: number) => Math.ceil(ms / 1000);

function describeWait(seconds: number): string {
  return seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
}

/** The client's address (see transport.ts), as a key. */
export function addressKey(c: Context): string {
  return `ip:${c.get("clientIp") ?? "unknown"}`;
}

/** The default key: the signed-in viewer, else the client's address. */
export function viewerOrAddress(c: Context<AppEnv>): string {
  const viewer = c.get("viewer");
  return viewer ? `user:${viewer.id}` : addressKey(c);
}

/** Counts a request against `limiter` under `key`, sets the RateLimit headers, and throws RateLimitError (429) when over. */
export function enforceRateLimit(c: Context, limiter: RateLimiter, key: string): void {
  const d = limiter.hit(key);
  c.header("RateLimit-Limit", String(d.limit));
  c.header("RateLimit-Remaining", String(d.remaining));
  c.header("RateLimit-Reset", String(d.resetSeconds));
  if (!d.allowed) {
    c.header("Retry-After", String(d.retryAfterSeconds));
    throw new RateLimitError(`Too many attempts. Try again in ${describeWait(d.retryAfterSeconds)}.`, d.retryAfterSeconds);
  }
}

/** A middleware limiting requests per key; each call makes its own counters. */
export function rateLimit(opts: RateLimitOptions): MiddlewareHandler<AppEnv> {
  const limiter = new RateLimiter(opts.limit, opts.windowMs);
  const keyOf = opts.key ?? viewerOrAddress;
  return async (c, next) => {
    enforceRateLimit(c, limiter, `${opts.bucket}:${keyOf(c)}`);
    await next();
  };
}
