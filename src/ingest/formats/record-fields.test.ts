import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanText } from "../../domain/title.js";
import { collapseSpace, parseDate, splitNameList } from "./record-fields.js";

describe("parseDate", () => {
  it.each([
    ["2024-03-19", "2024-03-19T00:00:00.000Z"],
    ["2024-03-19T10:11:12Z", "2024-03-19T10:11:12.000Z"],
    ["2024-03-19T10:11:12.5+02:00", "2024-03-19T08:11:12.500Z"],
    ["2024-03-19 10:11", "2024-03-19T10:11:00.000Z"],
    ["Mon, 2 Apr 2007 19:18:42 GMT", "2007-04-02T19:18:42.000Z"],
    ["2 Apr 2007 19:18:42 +0100", "2007-04-02T18:18:42.000Z"],
    ["19 March 2024", "2024-03-19T00:00:00.000Z"],
    ["Mar 19, 2024", "2024-03-19T00:00:00.000Z"],
    ["March 1st, 2024", "2024-03-01T00:00:00.000Z"],
    ["2024/3/9", "2024-03-09T00:00:00.000Z"],
    ["2024-02-29", "2024-02-29T00:00:00.000Z"],
    [1710806400, "2024-03-19T00:00:00.000Z"],
    [1710806400000, "2024-03-19T00:00:00.000Z"],
  ])("reads %j", (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([["May 15"], ["2023-02-29"], ["2024-13-01"], ["Foo 3, 2024"], ["yesterday"], [""], [null], [{}], [Number.NaN]])(
    "gives null for %j",
    (input) => {
      expect(parseDate(input)).toBeNull();
    },
  );
});

describe("collapseSpace", () => {
  it("gives exactly cleanText's result", () => {
    const messy = fc.string({ unit: fc.constantFrom("a", "b", " ", "  ", "\n", "\t", "\r\n", "\u00a0", "\u2003", "é") });
    fc.assert(fc.property(messy, (s) => collapseSpace(s) === cleanText(s)), { numRuns: 2000 });
  });
});

describe("splitNameList", () => {
  it("splits on commas, 'and' and semicolons, dropping parenthesised notes", () => {
    expect(splitNameList("A. One, B. Two, and C. Three")).toEqual(["A. One", "B. Two", "C. Three"]);
    expect(splitNameList("A. One (1 and 2) and N. Two ((1) Inst, (2) Other\n  Inst)")).toEqual(["A. One", "N. Two"]);
    expect(splitNameList("Solo; Duo")).toEqual(["Solo", "Duo"]);
    expect(splitNameList("Alexandra Anderson")).toEqual(["Alexandra Anderson"]);
  });
});
