import { describe, expect, it } from "vitest";
import { arxivAbsUrl, arxivPdfUrl, isArxivId, parseArxivId } from "./arxiv-id.js";

describe("parseArxivId: new-style ids", () => {
  it("parses 4-digit (2007-2014) and 5-digit (2015-) ids without a version", () => {
    expect(parseArxivId("0704.0001")).toEqual({ id: "0704.0001", version: null });
    expect(parseArxivId("1412.6980")).toEqual({ id: "1412.6980", version: null });
    expect(parseArxivId("2401.00001")).toEqual({ id: "2401.00001", version: null });
    expect(parseArxivId("  2407.21783\n")).toEqual({ id: "2407.21783", version: null });
  });

  it("splits off the version as a number", () => {
    expect(parseArxivId("0704.0001v2")).toEqual({ id: "0704.0001", version: 2 });
    expect(parseArxivId("2407.21783v1")).toEqual({ id: "2407.21783", version: 1 });
    expect(parseArxivId("2407.21783v12")).toEqual({ id: "2407.21783", version: 12 });
  });

  it("accepts the arXiv: prefix in any case", () => {
    expect(parseArxivId("arXiv:2407.21783")).toEqual({ id: "2407.21783", version: null });
    expect(parseArxivId("ARXIV:2407.21783v3")).toEqual({ id: "2407.21783", version: 3 });
    expect(parseArxivId("arxiv:hep-th/9901001")).toEqual({ id: "hep-th/9901001", version: null });
  });
});

describe("parseArxivId: URLs", () => {
  it.each([
    ["https://arxiv.org/abs/2407.21783", "2407.21783", null],
    ["http://arxiv.org/abs/2407.21783v2", "2407.21783", 2],
    ["https://www.arxiv.org/abs/2407.21783", "2407.21783", null],
    ["http://export.arxiv.org/abs/2407.21783v1", "2407.21783", 1],
    ["arxiv.org/abs/2407.21783", "2407.21783", null],
    ["https://arxiv.org/pdf/2407.21783", "2407.21783", null],
    ["https://arxiv.org/pdf/2407.21783v4", "2407.21783", 4],
    ["https://arxiv.org/pdf/2407.21783.pdf", "2407.21783", null],
    ["https://arxiv.org/pdf/2407.21783v4.PDF", "2407.21783", 4],
    ["https://arxiv.org/html/2407.21783v1", "2407.21783", 1],
    ["https://arxiv.org/html/2407.21783v1/#S2", "2407.21783", 1],
    ["https://arxiv.org/abs/2407.21783/", "2407.21783", null],
    ["HTTPS://ARXIV.ORG/ABS/2407.21783", "2407.21783", null],
    ["https://arxiv.org/abs/2407.21783?context=cs.CL", "2407.21783", null],
    ["https://arxiv.org/abs/2407.21783v2#comments", "2407.21783", 2],
    ["https://arxiv.org/pdf/2407.21783v2.pdf?download=1", "2407.21783", 2],
    ["https://arxiv.org/pdf/2407.21783.pdf#page=3", "2407.21783", null],
    ["https://arxiv.org/abs/hep-th/9901001v3", "hep-th/9901001", 3],
    ["https://arxiv.org/pdf/math.GT/0309136.pdf", "math.GT/0309136", null],
  ])("%s", (input, id, version) => {
    expect(parseArxivId(input)).toEqual({ id, version });
  });

  it("rejects URLs of other hosts or pages", () => {
    expect(parseArxivId("https://example.org/abs/2407.21783")).toBeNull();
    expect(parseArxivId("https://arxiv.org/list/cs.CL/2407.21783")).toBeNull();
  });
});

describe("parseArxivId: old-style ids", () => {
  it("parses archive/number and archive.SUBJECT/number ids", () => {
    expect(parseArxivId("hep-th/9901001")).toEqual({ id: "hep-th/9901001", version: null });
    expect(parseArxivId("hep-th/9901001v2")).toEqual({ id: "hep-th/9901001", version: 2 });
    expect(parseArxivId("math.GT/0309136")).toEqual({ id: "math.GT/0309136", version: null });
    expect(parseArxivId("cond-mat/0102536v1")).toEqual({ id: "cond-mat/0102536", version: 1 });
  });

  it("normalises case: archive lower, subject class upper", () => {
    expect(parseArxivId("Math.gt/0309136")).toEqual({ id: "math.GT/0309136", version: null });
    expect(parseArxivId("MATH.GT/0309136v1")).toEqual({ id: "math.GT/0309136", version: 1 });
    expect(parseArxivId("HEP-TH/9901001")).toEqual({ id: "hep-th/9901001", version: null });
  });

  it("rejects old-style ids with the wrong number of digits", () => {
    expect(parseArxivId("hep-th/990100")).toBeNull();
    expect(parseArxivId("hep-th/99010011")).toBeNull();
  });
});

describe("parseArxivId: non-ids", () => {
  it.each([
    "1234.567",
    "12345.6789",
    "2401.000011",
    "hello",
    "",
    "   ",
    "2401.00001v",
    "2401.00001va",
    "v2",
    "../etc/passwd",
    "2401.00001/../../x",
    "arXiv:",
    "https://arxiv.org/abs/",
  ])("%j is not an id", (input) => {
    expect(parseArxivId(input)).toBeNull();
    expect(isArxivId(input)).toBe(false);
  });

  it("isArxivId agrees with parseArxivId for ids", () => {
    expect(isArxivId("2401.00001v2")).toBe(true);
    expect(isArxivId("hep-th/9901001")).toBe(true);
  });
});

describe("arxiv URLs", () => {
  it("builds abs and pdf URLs", () => {
    expect(arxivAbsUrl("2407.21783")).toBe("https://arxiv.org/abs/2407.21783");
    expect(arxivPdfUrl("hep-th/9901001")).toBe("https://arxiv.org/pdf/hep-th/9901001");
  });

  it("round-trips through parseArxivId", () => {
    for (const id of ["2407.21783", "0704.0001", "math.GT/0309136"]) {
      expect(parseArxivId(arxivAbsUrl(id))).toEqual({ id, version: null });
      expect(parseArxivId(arxivPdfUrl(id))).toEqual({ id, version: null });
    }
  });
});
