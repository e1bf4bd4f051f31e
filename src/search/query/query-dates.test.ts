import { describe, expect, it } from "vitest";
import { dayAfter, parseDayBound } from "./query-dates.js";

describe("dayAfter", () => {
  it.each([
    ["2024-02-28", "2024-02-29"],
    ["2024-02-29", "2024-03-01"],
    ["2023-02-28", "2023-03-01"],
    ["2024-04-30", "2024-05-01"],
    ["2024-12-31", "2025-01-01"],
    ["9999-12-31", "9999-12-32"],
  ])("%s → %s", (day, next) => {
    expect(dayAfter(day)).toBe(next);
  });

  it("gives an exclusive limit that admits every timestamp of the before day", () => {
    const before = parseDayBound("before", "2024-06");
    expect(before).toEqual({ day: "2024-06-30" });
    const limit = dayAfter("2024-06-30");
    expect("2024-06-30T23:59:59.999Z" < limit).toBe(true);
    expect("2024-07-01T00:00:00.000Z" < limit).toBe(false);
  });
});
