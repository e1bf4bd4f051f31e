// When a failed HTTP attempt may be retried, and how long to wait before the next one.

/**
 * 429 and every 5xx are worth retrying: they say "not now", not "never".
 * Other 4xx mean the request itself is wrong, so repeating it only adds load.
 */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

/**
 * Parses a Retry-After header (delta-seconds or an HTTP date) into
 * milliseconds from `nowMs`. Returns null when absent or unreadable; a date
 * in the past gives 0.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - nowMs);
}

export interface BackoffPolicy {
  /** Wait after the first failure; doubled after each further one. */
  baseMs: number;
  /** Ceiling of the exponential wait. */
  maxMs: number;
  /** Ceiling of a server-requested wait (Retry-After), so one odd header cannot stall a job for hours. */
  maxRetryAfterMs: number;
}

/**
 * Wait before attempt `failures + 1`. A Retry-After is honoured (up to its
 * cap) but never shortens our own back-off: arXiv sends `Retry-After: 0` with
 * some 503s, and retrying at once would only add to the overload.
 */
export function retryDelayMs(failures: number, retryAfterMs: number | null, policy: BackoffPolicy): number {
  const exponential = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  if (retryAfterMs === null) return exponential;
  return Math.max(exponential, Math.min(retryAfterMs, policy.maxRetryAfterMs));
}
