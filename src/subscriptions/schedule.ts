// When a subscription's digest is due: its period (a local day or ISO week in the subscriber's time zone) and send slot.
//
// Everything is computed on the subscriber's wall clock (Intl, IANA zones), so
// "8 o'clock" stays 8 o'clock across daylight-saving changes. A period is
// sent at most once (the delivery's idempotency key holds its period key);
// a slot missed while the server was down is sent late, within its period.
import { FieldError } from "../domain/errors.js";

export const FREQUENCIES = ["daily", "weekly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface Schedule {
  frequency: Frequency;
  /** Local hour, 0-23, from which the digest of a period is due. */
  sendHour: number;
  /** IANA time zone of the subscriber. */
  timeZone: string;
  /** Daily digests skip Saturday and Sunday. */
  weekdaysOnly: boolean;
  /** Weekly digests: ISO weekday, 1 = Monday … 7 = Sunday. */
  sendWeekday: number;
}

export const DEFAULT_SEND_HOUR = 8;

export interface LocalTime {
  /** Local calendar day, YYYY-MM-DD. */
  day: string;
  hour: number;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** ISO week, YYYY-Www. */
  week: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function localTime(instant: Date, timeZone: string): LocalTime {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", hourCycle: "h23" });
    formats.set(timeZone, f);
  }
  const parts = f.formatToParts(instant);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  const date = new Date(Date.UTC(get("year"), get("month") - 1, get("day")));
  const weekday = ((date.getUTCDay() + 6) % 7) + 1;
  return { day: date.toISOString().slice(0, 10), hour: get("hour"), weekday, week: isoWeek(date, weekday) };
}

/** The ISO week of a UTC-midnight date: the week (Monday to Sunday) belongs to the year of its Thursday. */
function isoWeek(date: Date, weekday: number): string {
  const thursday = new Date(date.getTime() + (4 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

/** The period a local time falls in: its day for daily digests, its ISO week for weekly ones. */
export function periodKeyOf(frequency: Frequency, t: LocalTime): string {
  return frequency === "daily" ? t.day : t.week;
}

/** Whether the send slot of t's period has come: the hour of the day, or the weekday and hour of the week. */
function slotReached(s: Schedule, t: LocalTime): boolean {
  if (s.frequency === "daily") return t.hour >= s.sendHour;
  return t.weekday > s.sendWeekday || (t.weekday === s.sendWeekday && t.hour >= s.sendHour);
}

export interface DueCheck {
  due: boolean;
  periodKey: string;
}

/**
 * Whether the digest of the current period is due at `now` (its delivery
 * not yet recorded is the caller's check). Weekday-only daily digests are
 * never due on a weekend. A subscription confirmed after this period's slot
 * starts with the next period, so confirming at 10:00 does not mail the 8:00
 * digest at once. `ignoreSlot` (`digest send --now`) sends the current
 * period whatever the hour, still never on a weekday-only weekend.
 */
export function dueAt(s: Schedule, confirmedAt: string, now: Date, opts: { ignoreSlot?: boolean } = {}): DueCheck {
  const t = localTime(now, s.timeZone);
  const periodKey = periodKeyOf(s.frequency, t);
  if (s.frequency === "daily" && s.weekdaysOnly && t.weekday >= 6) return { due: false, periodKey };
  if (opts.ignoreSlot) return { due: true, periodKey };
  if (!slotReached(s, t)) return { due: false, periodKey };
  const c = localTime(new Date(confirmedAt), s.timeZone);
  const confirmedAfterSlot = periodKeyOf(s.frequency, c) === periodKey && slotReached(s, c);
  return { due: !confirmedAfterSlot, periodKey };
}

/** Checks a schedule from a form or the CLI; FieldErrors name the field. */
export function readSchedule(input: { frequency?: string; sendHour?: string | number; timeZone?: string; weekdaysOnly?: boolean; sendWeekday?: string | number }, defaults: { timeZone: string }): Schedule {
  const frequency = input.frequency || "daily";
  if (!(FREQUENCIES as readonly string[]).includes(frequency)) throw new FieldError("frequency", "Choose daily or weekly.");
  const hour = Number(input.sendHour ?? DEFAULT_SEND_HOUR);
  if (!Number.isInteger(hour) || hour < 0 || hour > 23) throw new FieldError("sendHour", "The hour is a whole number from 0 to 23.");
  const weekday = Number(input.sendWeekday ?? 1);
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) throw new FieldError("sendWeekday", "The weekday is 1 (Monday) to 7 (Sunday).");
  const timeZone = (input.timeZone || defaults.timeZone).trim();
  if (timeZone.length > 64 || !isTimeZone(timeZone)) throw new FieldError("timeZone", "Use an IANA time zone such as Europe/Berlin or America/New_York.");
  return { frequency: frequency as Frequency, sendHour: hour, timeZone, weekdaysOnly: !!input.weekdaysOnly, sendWeekday: weekday };
}
