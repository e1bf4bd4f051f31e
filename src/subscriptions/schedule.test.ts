import { describe, expect, it } from "vitest";
import { dueAt, localTime, readSchedule, type Schedule } from "./schedule.js";

const daily = (o: Partial<Schedule> = {}): Schedule => ({ frequency: "daily", sendHour: 8, timeZone: "Europe/Berlin", weekdaysOnly: false, sendWeekday: 1, ...o });
const CONFIRMED_LONG_AGO = "2024-01-01T00:00:00.000Z";

describe("localTime", () => {
  it("reads the wall clock of the zone, with the ISO week of the local day", () => {
    // 2024-06-02 23:30 UTC is Monday 3 June 01:30 in Berlin (summer time), ISO week 23.
    expect(localTime(new Date("2024-06-02T23:30:00Z"), "Europe/Berlin")).toEqual({ day: "2024-06-03", hour: 1, weekday: 1, week: "2024-W23" });
    expect(localTime(new Date("2024-06-02T23:30:00Z"), "America/New_York")).toMatchObject({ day: "2024-06-02", hour: 19, weekday: 7, week: "2024-W22" });
    // 30 December 2024 belongs to ISO week 1 of 2025; 1 January 2021 to week 53 of 2020.
    expect(localTime(new Date("2024-12-30T12:00:00Z"), "UTC").week).toBe("2025-W01");
    expect(localTime(new Date("2021-01-01T12:00:00Z"), "UTC").week).toBe("2020-W53");
  });
});

describe("dueAt", () => {
  it("is due from the local send hour, once per local day", () => {
    expect(dueAt(daily(), CONFIRMED_LONG_AGO, new Date("2024-06-05T05:59:00Z"))).toEqual({ due: false, periodKey: "2024-06-05" });
    expect(dueAt(daily(), CONFIRMED_LONG_AGO, new Date("2024-06-05T06:00:00Z"))).toEqual({ due: true, periodKey: "2024-06-05" });
    // Late in the day (the server was down at 8): still this day's period.
    expect(dueAt(daily(), CONFIRMED_LONG_AGO, new Date("2024-06-05T21:00:00Z"))).toEqual({ due: true, periodKey: "2024-06-05" });
  });

  it("keeps 8 o'clock local across a daylight-saving change", () => {
    // Berlin is UTC+1 in winter: 8:00 local is 7:00 UTC.
    expect(dueAt(daily(), CONFIRMED_LONG_AGO, new Date("2024-01-10T06:30:00Z")).due).toBe(false);
    expect(dueAt(daily(), CONFIRMED_LONG_AGO, new Date("2024-01-10T07:00:00Z")).due).toBe(true);
  });

  it("skips weekends for weekday-only daily digests, even with --now", () => {
    const saturday = new Date("2024-06-08T10:00:00Z");
    expect(dueAt(daily({ weekdaysOnly: true }), CONFIRMED_LONG_AGO, saturday).due).toBe(false);
    expect(dueAt(daily({ weekdaysOnly: true }), CONFIRMED_LONG_AGO, saturday, { ignoreSlot: true }).due).toBe(false);
    expect(dueAt(daily(), CONFIRMED_LONG_AGO, saturday).due).toBe(true);
  });

  it("sends weekly digests from the weekday and hour, keyed by ISO week", () => {
    const weekly = daily({ frequency: "weekly", sendWeekday: 3, timeZone: "UTC" });
    expect(dueAt(weekly, CONFIRMED_LONG_AGO, new Date("2024-06-04T12:00:00Z"))).toEqual({ due: false, periodKey: "2024-W23" });
    expect(dueAt(weekly, CONFIRMED_LONG_AGO, new Date("2024-06-05T07:00:00Z")).due).toBe(false);
    expect(dueAt(weekly, CONFIRMED_LONG_AGO, new Date("2024-06-05T08:00:00Z"))).toEqual({ due: true, periodKey: "2024-W23" });
    expect(dueAt(weekly, CONFIRMED_LONG_AGO, new Date("2024-06-09T23:00:00Z")).due).toBe(true);
  });

  it("starts with the next period when confirmed after this one's slot; --now ignores the slot", () => {
    const at = new Date("2024-06-05T12:00:00Z");
    expect(dueAt(daily({ timeZone: "UTC" }), "2024-06-05T10:00:00.000Z", at).due).toBe(false);
    expect(dueAt(daily({ timeZone: "UTC" }), "2024-06-05T07:00:00.000Z", at).due).toBe(true);
    expect(dueAt(daily({ timeZone: "UTC" }), "2024-06-05T10:00:00.000Z", new Date("2024-06-06T08:00:00Z")).due).toBe(true);
    expect(dueAt(daily({ timeZone: "UTC" }), "2024-06-05T10:00:00.000Z", at, { ignoreSlot: true }).due).toBe(true);
  });
});

describe("readSchedule", () => {
  it("defaults to daily at 8 in the given zone and rejects bad fields by name", () => {
    expect(readSchedule({}, { timeZone: "UTC" })).toEqual({ frequency: "daily", sendHour: 8, timeZone: "UTC", weekdaysOnly: false, sendWeekday: 1 });
    expect(() => readSchedule({ frequency: "hourly" }, { timeZone: "UTC" })).toThrow(expect.objectContaining({ field: "frequency" }));
    expect(() => readSchedule({ sendHour: "24" }, { timeZone: "UTC" })).toThrow(expect.objectContaining({ field: "sendHour" }));
    expect(() => readSchedule({ timeZone: "Mars/Olympus" }, { timeZone: "UTC" })).toThrow(expect.objectContaining({ field: "timeZone" }));
  });
});
