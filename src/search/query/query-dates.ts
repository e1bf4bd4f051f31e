// The `after:` and `before:` filters: reading a partial date into an inclusive day bound.
//
// Both bounds are inclusive calendar days in UTC, written `YYYY-MM-DD`:
// `after:2024` means from 2024-01-01, `before:2024-02` means up to and
// including 2024-02-29. Storage keeps `published_at` as an ISO 8601 UTC
// timestamp, so a caller filters with plain text comparison:
// `published_at >= after AND published_at < dayAfter(before)`.

const PARTIAL_DATE = /^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$/;

export type BoundKind = "after" | "before";

/** The inclusive day a bound stands for, or an error message for the user. */
export type DayBound = { day: string } | { error: string };

export function parseDayBound(kind: BoundKind, value: string): DayBound {
  const hint = `use ${kind}:YYYY, ${kind}:YYYY-MM or ${kind}:YYYY-MM-DD`;
  if (value === "") return { error: `"${kind}:" needs a date (${hint}); ignored.` };
  const m = PARTIAL_DATE.exec(value);
  if (!m) return { error: `"${kind}:${value}" is not a date (${hint}); ignored.` };
  const year = Number(m[1]);
  const month = m[2] === undefined ? null : Number(m[2]);
  const day = m[3] === undefined ? null : Number(m[3]);
  if (year < 1000) return { error: `"${kind}:${value}" is not a valid date (the year must be 1000 or later); ignored.` };
  if (month !== null && (month < 1 || month > 12)) {
    return { error: `"${kind}:${value}" is not a valid date (the month must be 01-12); ignored.` };
  }
  const lastMonth = month ?? (kind === "after" ? 1 : 12);
  const lastDay = daysInMonth(year, lastMonth);
  if (day !== null && (day < 1 || day > lastDay)) {
    return { error: `"${kind}:${value}" is not a valid date (${year}-${pad(lastMonth)} has ${lastDay} days); ignored.` };
  }
  const d = day ?? (kind === "after" ? 1 : lastDay);
  return { day: `${year}-${pad(lastMonth)}-${pad(d)}` };
}

/**
 * The day after an inclusive `before` bound: the exclusive upper limit for
 * comparing ISO timestamps as text. The one day without a successor in four
 * digits, 9999-12-31, gives "9999-12-32", which still sorts after every
 * timestamp of that day.
 */
export function dayAfter(day: string): string {
  const [y = 0, m = 1, d = 1] = day.split("-").map(Number);
  if (d < daysInMonth(y, m)) return `${y}-${pad(m)}-${pad(d + 1)}`;
  if (m < 12) return `${y}-${pad(m + 1)}-01`;
  return y < 9999 ? `${y + 1}-01-01` : "9999-12-32";
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}
