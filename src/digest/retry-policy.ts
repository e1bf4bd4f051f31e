// How often and how soon a temporarily failed mail is tried again: a few quick tries within a run, then later runs, then never.

export interface RetryPolicy {
  /** Tries of one mail within one run (the first included) before it waits for a later run. */
  attemptsPerRun: number;
  /** Tries over all runs before the delivery is marked failed. */
  maxAttempts: number;
  /** Wait after the first failure; doubled after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * 2 s, 4 s within a run (a relay restarting, a greylisting 451); then runs
 * resume it after 8 s, 16 s … up to an hour apart, eight tries in all (about
 * nine minutes of trying without the cap's help: enough for a relay outage a
 * restart fixes, short enough that a digest is never a day late unnoticed).
 */
export const DEFAULT_RETRY: RetryPolicy = { attemptsPerRun: 3, maxAttempts: 8, baseDelayMs: 2000, maxDelayMs: 3_600_000 };

/** The wait after the `attempt`-th failed try (1-based). */
export function backoffMs(p: RetryPolicy, attempt: number): number {
  return Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}
