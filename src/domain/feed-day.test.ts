import { describe, expect, it } from "vitest";
import { addDays, feedDayOf, isFeedDay } from "./feed-day.js";
import type { FeedDayRule } from "./ingest-types.js";

const at = (iso: string) => new Date(iso);
const UTC0: FeedDayRule = { timeZone: "UTC", rolloverHour: 0 };
const UTC17: FeedDayRule = { timeZone: "UTC", rolloverHour: 17 };
const NY0: FeedDayRule = { timeZone: "America/New_York", rolloverHour: 0 };
const NY17: FeedDayRule = { timeZone: "America/New_York", rolloverHour: 17 };

describe("feedDayOf", () => {
  it("rollover 0 gives the plain local date", () => {
    expect(feedDayOf(at("2024-06-03T00:00:00Z"), UTC0)).toBe("2024-06-03");
    expect(feedDayOf(at("2024-06-03T23:59:59.999Z"), UTC0)).toBe("2024-06-03");
    expect(feedDayOf(at("2024-06-03T17:30:00Z"), UTC0)).toBe("2024-06-03");
  });

  it("rollover 17 in UTC: 16:59 is the same day, 17:00 the next", () => {
    expect(feedDayOf(at("2024-06-03T16:59:59Z"), UTC17)).toBe("2024-06-03");
    expect(feedDayOf(at("2024-06-03T17:00:00Z"), UTC17)).toBe("2024-06-04");
    expect(feedDayOf(at("2024-06-03T23:59:00Z"), UTC17)).toBe("2024-06-04");
    expect(feedDayOf(at("2024-06-04T00:00:00Z"), UTC17)).toBe("2024-06-04");
  });

  it("rolls over month and year boundaries", () => {
    expect(feedDayOf(at("2024-01-31T17:00:00Z"), UTC17)).toBe("2024-02-01");
    expect(feedDayOf(at("2024-02-28T18:00:00Z"), UTC17)).toBe("2024-02-29");
    expect(feedDayOf(at("2024-02-29T18:00:00Z"), UTC17)).toBe("2024-03-01");
    expect(feedDayOf(at("2023-02-28T17:00:00Z"), UTC17)).toBe("2023-03-01");
    expect(feedDayOf(at("2023-12-31T17:00:00Z"), UTC17)).toBe("2024-01-01");
    expect(feedDayOf(at("2023-12-31T16:59:00Z"), UTC17)).toBe("2023-12-31");
  });

  it("uses the local date of a non-UTC zone", () => {
    // 03:00 UTC on New Year's Day is still 22:00 on Dec 31 in New York (EST, UTC-5).
    expect(feedDayOf(at("2024-01-01T03:00:00Z"), NY0)).toBe("2023-12-31");
    expect(feedDayOf(at("2024-01-01T05:00:00Z"), NY0)).toBe("2024-01-01");
  });

  it("applies the rollover hour in local time (EST, UTC-5)", () => {
    expect(feedDayOf(at("2024-01-15T21:59:00Z"), NY17)).toBe("2024-01-15"); // 16:59 EST
    expect(feedDayOf(at("2024-01-15T22:00:00Z"), NY17)).toBe("2024-01-16"); // 17:00 EST
    expect(feedDayOf(at("2024-01-16T04:30:00Z"), NY17)).toBe("2024-01-16"); // 23:30 EST on the 15th
  });

  it("follows daylight saving time (EDT, UTC-4)", () => {
    // DST began 2024-03-10 at 02:00 local.
    expect(feedDayOf(at("2024-03-10T20:59:00Z"), NY17)).toBe("2024-03-10"); // 16:59 EDT
    expect(feedDayOf(at("2024-03-10T21:00:00Z"), NY17)).toBe("2024-03-11"); // 17:00 EDT (16:00 EST)
    expect(feedDayOf(at("2024-07-04T21:00:00Z"), NY17)).toBe("2024-07-05"); // 17:00 EDT
    expect(feedDayOf(at("2024-07-04T20:59:00Z"), NY17)).toBe("2024-07-04");
    // DST ended 2024-11-03 at 02:00 local; 21:30 UTC is 16:30 EST.
    expect(feedDayOf(at("2024-11-03T21:30:00Z"), NY17)).toBe("2024-11-03");
    expect(feedDayOf(at("2024-11-03T04:30:00Z"), NY0)).toBe("2024-11-03"); // 00:30 EDT
  });

  it("handles zones east of UTC across the year end", () => {
    const tokyo: FeedDayRule = { timeZone: "Asia/Tokyo", rolloverHour: 17 };
    expect(feedDayOf(at("2023-12-31T07:59:00Z"), tokyo)).toBe("2023-12-31"); // 16:59 JST
    expect(feedDayOf(at("2023-12-31T08:00:00Z"), tokyo)).toBe("2024-01-01"); // 17:00 JST
    expect(feedDayOf(at("2023-12-31T16:00:00Z"), { timeZone: "Asia/Tokyo", rolloverHour: 0 })).toBe("2024-01-01");
  });

  it("always yields a valid feed day", () => {
    for (let h = 0; h < 48; h++) {
      const d = feedDayOf(new Date(Date.UTC(2024, 11, 30, h, 17)), NY17);
      expect(isFeedDay(d)).toBe(true);
    }
  });
});

describe("isFeedDay", () => {
  it("accepts real calendar dates in YYYY-MM-DD form", () => {
    expect(isFeedDay("2024-01-01")).toBe(true);
    expect(isFeedDay("2024-02-29")).toBe(true);
    expect(isFeedDay("2023-12-31")).toBe(true);
  });

  it.each(["2024-02-30", "2023-02-29", "2024-04-31", "2024-13-01", "2024-00-10", "2024-01-00", "2024-1-01", "2024-01-1", "24-01-01", "2024/01/01", "2024-01-01T00:00:00Z", " 2024-01-01", "", "hello"])(
    "rejects %j",
    (s) => {
      expect(isFeedDay(s)).toBe(false);
    },
  );
});

describe("addDays", () => {
  it("adds and subtracts days across month and year ends", () => {
    expect(addDays("2024-06-03", 0)).toBe("2024-06-03");
    expect(addDays("2024-01-31", 1)).toBe("2024-02-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2023-12-31", 1)).toBe("2024-01-01");
    expect(addDays("2024-01-01", -1)).toBe("2023-12-31");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2024-01-01", 366)).toBe("2025-01-01");
    expect(addDays("2024-12-25", 10)).toBe("2025-01-04");
  });

  it("is not affected by DST (works on UTC dates)", () => {
    expect(addDays("2024-03-09", 1)).toBe("2024-03-10");
    expect(addDays("2024-03-10", 1)).toBe("2024-03-11");
    expect(addDays("2024-11-03", 1)).toBe("2024-11-04");
  });
});
