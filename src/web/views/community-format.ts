// How community pages write instants: day and time in UTC, the same for every reader (no client-side clock needed).
const instant = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
  timeZone: "UTC",
});

/** "5 Aug 2024, 18:30 UTC" */
export function formatInstant(iso: string): string {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? `${instant.format(new Date(t))} UTC` : iso;
}
