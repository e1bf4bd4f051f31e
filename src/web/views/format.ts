// Small formatting helpers shared by the page views: links to papers and periods, dates and counts in words.
import type { FeedPeriod } from "../../feed/feed-period.js";

/** The path of a paper's page; old-style ids keep their slash (hep-th/9901001), each segment encoded. */
export function paperHref(id: string): string {
  return `/papers/${id.split("/").map(encodeURIComponent).join("/")}`;
}

export function orgHref(name: string): string {
  return `/orgs/${encodeURIComponent(name)}`;
}

const PERIOD_PARAM = { day: "date", week: "week", month: "month" } as const;

/** The feed page of a period, on page `page` when past the first. */
export function periodHref(p: Pick<FeedPeriod, "kind" | "key">, page = 1): string {
  return `/papers?${PERIOD_PARAM[p.kind]}=${p.key}${page > 1 ? `&page=${page}` : ""}`;
}

// Formatters are costly to build and pages format many dates: one of each, in UTC (feed days are calendar dates).
const longDay = new Intl.DateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const shortDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
const weekDay = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const monthYear = new Intl.DateTimeFormat("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
const at = (day: string) => new Date(`${day.slice(0, 10)}T00:00:00Z`);

/** "Wednesday 5 June 2024" */
export const formatLongDay = (day: string): string => longDay.format(at(day));
/** "5 Jun 2024" */
export const formatShortDay = (day: string): string => shortDay.format(at(day));
/** "Wed 5 Jun" */
export const formatWeekDay = (day: string): string => weekDay.format(at(day));

/** A heading for the period: "Wednesday 5 June 2024", "Week 23 of 2024: 3 Jun – 9 Jun 2024", "June 2024". */
export function periodTitle(p: FeedPeriod): string {
  if (p.kind === "day") return formatLongDay(p.from);
  if (p.kind === "month") return monthYear.format(at(p.from));
  return `Week ${Number(p.key.slice(6))} of ${p.key.slice(0, 4)}: ${formatShortDay(p.from)} – ${formatShortDay(p.to)}`;
}

/** A short name for a link to the period: "5 Jun 2024", "2024-W23", "June 2024". */
export function periodShort(p: FeedPeriod): string {
  if (p.kind === "day") return formatShortDay(p.from);
  if (p.kind === "month") return monthYear.format(at(p.from));
  return `Week ${Number(p.key.slice(6))}, ${p.key.slice(0, 4)}`;
}

/** 1234 → "1.2k": stars and counts in the compact form readers scan. */
export function compact(n: number): string {
  if (n < 1000) return String(n);
  if (n < 1_000_000) return `${(n / 1000).toFixed(n < 10_000 ? 1 : 0).replace(/\.0$/, "")}k`;
  return `${(n / 1_000_000).toFixed(1).replace(/\.0$/, "")}M`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** Only http(s) links are ever put in an href: a javascript: or data: URL from imported data must not become a link. */
export const isWebUrl = (u: string | null | undefined): u is string => !!u && /^https?:\/\/[^\s]+$/i.test(u);
