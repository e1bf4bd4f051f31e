// Mapping a submission instant to the daily-feed day it is listed on.
import type { FeedDayRule } from "./ingest-types.js";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isFeedDay(s: string): boolean {
  if (!DAY.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

/**
 * The feed day for an instant: its calendar date in the rule's time zone,
 * moved to the next day when the local hour is at or past the rollover hour.
 * A rollover hour of 0 means the plain local date.
 */
export function feedDayOf(instant: Date, rule: FeedDayRule): string {
  const parts = new Intl.DateTimeFormat("en-CA", {
    timeZone: rule.timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    hourCycle: "h23",
  }).formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const local = new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
  if (rule.rolloverHour > 0 && get("hour") >= rule.rolloverHour) local.setUTCDate(local.getUTCDate() + 1);
  return local.toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}
