// Feed periods: a day, an ISO week or a month, parsed from ?date=, ?week=, ?month= into inclusive day ranges.
//
// Days are plain calendar dates (YYYY-MM-DD) computed in UTC arithmetic: a
// feed day is already a calendar date in the feed's time zone (feed-day.ts),
// so no further time-zone conversion applies here.
import { addDays, isFeedDay } from "../domain/feed-day.js";
import { ValidationError } from "../domain/errors.js";

export type PeriodKind = "day" | "week" | "month";

export interface FeedPeriod {
  kind: PeriodKind;
  /** The value as written in a URL: 2024-06-05, 2024-W23, 2024-06. */
  key: string;
  /** First and last day, inclusive. */
  from: string;
  to: string;
}

export interface PeriodParams {
  date?: string | undefined;
  week?: string | undefined;
  month?: string | undefined;
}

const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const MIN_YEAR = 1990;
const MAX_YEAR = 9999;

/** The period the parameters name, null when none is given; a ValidationError names what is wrong. */
export function parsePeriod(p: PeriodParams): FeedPeriod | null {
  const given = (["date", "week", "month"] as const).filter((k) => p[k] !== undefined);
  if (given.length > 1) throw new ValidationError(`Give only one of date, week or month (got ${given.join(" and ")}).`);
  if (p.date !== undefined) {
    if (!isFeedDay(p.date) || !inYears(Number(p.date.slice(0, 4)))) {
      throw new ValidationError(`date must be a calendar day written YYYY-MM-DD, e.g. 2024-06-05 (got "${clip(p.date)}").`);
    }
    return dayPeriod(p.date);
  }
  if (p.week !== undefined) {
    const m = WEEK.exec(p.week);
    const year = Number(m?.[1]);
    const week = Number(m?.[2]);
    if (!m || !inYears(year) || week < 1 || week > weeksInIsoYear(year)) {
      throw new ValidationError(`week must be an ISO week written YYYY-Www, e.g. 2024-W23 (weeks 01 to ${m && inYears(year) ? weeksInIsoYear(year) : 52} or 53; got "${clip(p.week)}").`);
    }
    return weekPeriod(year, week);
  }
  if (p.month !== undefined) {
    const m = MONTH.exec(p.month);
    const month = Number(m?.[2]);
    if (!m || !inYears(Number(m[1])) || month < 1 || month > 12) {
      throw new ValidationError(`month must be written YYYY-MM, e.g. 2024-06 (got "${clip(p.month)}").`);
    }
    return monthPeriod(Number(m[1]), month);
  }
  return null;
}

export function dayPeriod(day: string): FeedPeriod {
  return { kind: "day", key: day, from: day, to: day };
}

/** ISO week `week` of ISO year `year`: Monday to Sunday; week 1 is the week holding 4 January. */
export function weekPeriod(year: number, week: number): FeedPeriod {
  const from = addDays(mondayOfWeek1(year), 7 * (week - 1));
  return { kind: "week", key: `${year}-W${String(week).padStart(2, "0")}`, from, to: addDays(from, 6) };
}

export function monthPeriod(year: number, month: number): FeedPeriod {
  const mm = String(month).padStart(2, "0");
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { kind: "month", key: `${year}-${mm}`, from: `${year}-${mm}-01`, to: `${year}-${mm}-${String(last).padStart(2, "0")}` };
}

/** The period of this kind holding the day. */
export function periodOf(kind: PeriodKind, day: string): FeedPeriod {
  if (kind === "day") return dayPeriod(day);
  if (kind === "month") return monthPeriod(Number(day.slice(0, 4)), Number(day.slice(5, 7)));
  const { year, week } = isoWeekOf(day);
  return weekPeriod(year, week);
}

/** The period just before (-1) or after (+1) this one. */
export function shiftPeriod(p: FeedPeriod, by: -1 | 1): FeedPeriod {
  return periodOf(p.kind, by < 0 ? addDays(p.from, -1) : addDays(p.to, 1));
}

export function isoWeekOf(day: string): { year: number; week: number } {
  const d = new Date(`${day}T00:00:00Z`);
  // The ISO year is the year of the week's Thursday.
  const thursday = addDays(day, 3 - ((d.getUTCDay() + 6) % 7));
  const year = Number(thursday.slice(0, 4));
  const week = 1 + Math.round((Date.parse(`${thursday}T00:00:00Z`) - Date.parse(`${mondayOfWeek1(year)}T00:00:00Z`) - 3 * 86_400_000) / (7 * 86_400_000));
  return { year, week };
}

/** 53 when 28 December (always in the year's last week) falls in week 53, else 52. */
export function weeksInIsoYear(year: number): number {
  return isoWeekOf(`${year}-12-28`).week;
}

function mondayOfWeek1(year: number): string {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  return addDays(jan4.toISOString().slice(0, 10), -((jan4.getUTCDay() + 6) % 7));
}

function inYears(y: number): boolean {
  return Number.isInteger(y) && y >= MIN_YEAR && y <= MAX_YEAR;
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}
