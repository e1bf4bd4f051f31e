// Sign-in lockout back-off: how long an account stays locked after consecutive failed sign-ins.
//
// Five tries cost a person nothing; from the fifth failure in a row the account
// locks for 1 minute, doubling with each further failure up to an hour, so a
// guesser gets a few dozen tries a day while the owner waits at most an hour.
// The per-IP and per-name rate limits of the sign-in route sit in front of this.

export const FREE_FAILURES = 4;
const FIRST_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

/** How long to lock after `failures` consecutive failures (0: not locked). */
export function lockDelayMs(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  const doublings = failures - FREE_FAILURES - 1;
  // 2^6 minutes already exceeds the cap; stop before the exponent grows large.
  return doublings >= 6 ? MAX_LOCK_MS : Math.min(MAX_LOCK_MS, FIRST_LOCK_MS * 2 ** doublings);
}
