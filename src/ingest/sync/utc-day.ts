// Calendar days (YYYY-MM-DD, UTC) as sync jobs use them: validating arguments and reading server dates.
import { ValidationError } from "../../domain/errors.js";
import { isFeedDay } from "../../domain/feed-day.js";

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The UTC day of an HTTP Date header or an ISO timestamp; null when unreadable. */
export function dayOfDate(text: string | null | undefined): string | null {
  if (!text) return null;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? null : utcDay(ms);
}

export function requireDay(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (!isFeedDay(value)) throw new ValidationError(`${name} must be a date as YYYY-MM-DD, got "${value}"`);
  return value;
}
