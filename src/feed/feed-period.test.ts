import { describe, expect, it } from "vitest";
import { ValidationError } from "../domain/errors.js";
import { isoWeekOf, parsePeriod, periodOf, shiftPeriod, weeksInIsoYear } from "./feed-period.js";

describe("parsePeriod", () => {
  it("turns date, week and month into inclusive day ranges", () => {
    expect(parsePeriod({ date: "2024-06-05" })).toEqual({ kind: "day", key: "2024-06-05", from: "2024-06-05", to: "2024-06-05" });
    expect(parsePeriod({ week: "2024-W23" })).toEqual({ kind: "week", key: "2024-W23", from: "2024-06-03", to: "2024-06-09" });
    expect(parsePeriod({ month: "2024-02" })).toEqual({ kind: "month", key: "2024-02", from: "2024-02-01", to: "2024-02-29" });
    expect(parsePeriod({ month: "2023-02" })?.to).toBe("2023-02-28");
    expect(parsePeriod({})).toBeNull();
  });

  it("follows ISO weeks across year ends", () => {
    // 2020 has 53 weeks; its week 53 ends on Sunday 3 January 2021.
    expect(parsePeriod({ week: "2020-W53" })).toMatchObject({ from: "2020-12-28", to: "2021-01-03" });
    expect(parsePeriod({ week: "2021-W01" })).toMatchObject({ from: "2021-01-04", to: "2021-01-10" });
    // 2025's week 1 starts on Monday 30 December 2024.
    expect(parsePeriod({ week: "2025-W01" })).toMatchObject({ from: "2024-12-30", to: "2025-01-05" });
    expect(isoWeekOf("2024-12-30")).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf("2021-01-03")).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf("2024-06-09")).toEqual({ year: 2024, week: 23 });
    expect([2015, 2020, 2024, 2026].map(weeksInIsoYear)).toEqual([53, 53, 52, 53]);
  });

  it.each([
    [{ date: "2024-02-30" }, /date must be a calendar day/],
    [{ date: "yesterday" }, /date must be/],
    [{ date: "0001-01-01" }, /date must be/],
    [{ week: "2024-W53" }, /weeks 01 to 52/],
    [{ week: "2024-W00" }, /week must be/],
    [{ week: "2024-23" }, /week must be an ISO week/],
    [{ month: "2024-13" }, /month must be written YYYY-MM/],
    [{ month: "<script>" }, /got "<script>"/],
    [{ date: "2024-06-05", week: "2024-W23" }, /only one of date, week or month/],
  ])("refuses %o with a clear message", (params, message) => {
    expect(() => parsePeriod(params)).toThrow(ValidationError);
    expect(() => parsePeriod(params)).toThrow(message);
  });
});

describe("periodOf and shiftPeriod", () => {
  it("finds the period holding a day and its neighbours", () => {
    expect(periodOf("week", "2024-06-05").key).toBe("2024-W23");
    expect(periodOf("month", "2024-06-05").key).toBe("2024-06");
    expect(shiftPeriod(periodOf("week", "2024-01-01"), -1).key).toBe("2023-W52");
    expect(shiftPeriod(periodOf("month", "2024-12-15"), 1).key).toBe("2025-01");
    expect(shiftPeriod(periodOf("day", "2024-03-01"), -1).key).toBe("2024-02-29");
  });
});
