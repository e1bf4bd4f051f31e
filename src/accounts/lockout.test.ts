import { describe, expect, it } from "vitest";
import { lockDelayMs } from "./lockout.js";

describe("lockDelayMs", () => {
  it("locks from the fifth consecutive failure, doubling from one minute up to an hour", () => {
    const minutes = Array.from({ length: 14 }, (_, i) => lockDelayMs(i + 1) / 60_000);
    expect(minutes).toEqual([0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
    expect(lockDelayMs(0)).toBe(0);
    expect(lockDelayMs(10_000)).toBe(60 * 60_000);
  });
});
