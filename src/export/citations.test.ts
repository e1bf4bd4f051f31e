// RIS line structure and CSL-JSON items checked against a schema of the fields written.
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { emptyPaper, type Paper } from "../domain/paper.js";
import { CITATION_WRITERS } from "./citation-formats.js";
import { toCslJson } from "./csl-json.js";
import { toRisFile } from "./ris.js";

const paper = (over: Partial<Paper>): Paper => ({
  ...emptyPaper("2407.21783", "arxiv-atom"),
  title: "R&D <b>at</b> 100% with $O(n^2)$",
  abstract: "First line.\n  Second line\r\nthird.",
  authors: [{ name: "Müller, Jörg" }, { name: "Patrick O'Brien" }, { name: "Ludwig van Beethoven" }, { name: "Martin Luther King Jr." }, { name: "OpenAI Team" }],
  categories: ["cs.AI", "cs.CL"],
  primaryCategory: "cs.AI",
  publishedAt: "2024-07-31T17:54:27.000Z",
  doi: "10.1000/x_y",
  journalRef: "J. Foo 1 (2024)",
  comments: "12 pages",
  ...over,
});

describe("RIS", () => {
  const ris = toRisFile([paper({}), paper({ id: "hep-th/9901001", title: "Strings", authors: [{ name: "Ada Lovelace" }] }), paper({})]);
  const lines = ris.split("\r\n");

  it("writes `TAG  - value` lines with CRLF ends, one record per paper, each from TY to ER", () => {
    expect(ris.endsWith("ER  - \r\n")).toBe(true);
    expect(ris.replace(/\r\n/g, "")).not.toMatch(/[\r\n]/);
    const records = ris.split("\r\n\r\n");
    expect(records).toHaveLength(2);
    for (const rec of records) {
      const recLines = rec.replace(/\r\n$/, "").split("\r\n");
      expect(recLines[0]).toMatch(/^TY {2}- (UNPB|GEN)$/);
      expect(recLines.at(-1)).toBe("ER  - ");
      for (const line of recLines) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- (\S.*)?$/);
    }
    expect(lines.filter((l) => l.startsWith("TY"))).toHaveLength(2);
  });

  it("writes names family first, text on one line, and the arXiv identifiers", () => {
    const first = ris.split("\r\n\r\n")[0]!.split("\r\n");
    const tag = (t: string) => first.filter((l) => l.startsWith(`${t}  - `)).map((l) => l.slice(6));
    expect(tag("AU")).toEqual(["Müller, Jörg", "O'Brien, Patrick", "van Beethoven, Ludwig", "King, Martin Luther, Jr.", "OpenAI Team"]);
    expect(tag("TI")).toEqual(["R&D <b>at</b> 100% with $O(n^2)$"]);
    expect(tag("AB")).toEqual(["First line. Second line third."]);
    expect(tag("DA")).toEqual(["2024/07/31"]);
    expect(tag("PY")).toEqual(["2024"]);
    expect(tag("KW")).toEqual(["cs.AI", "cs.CL"]);
    expect(tag("AN")).toEqual(["arXiv:2407.21783"]);
    expect(tag("DO")).toEqual(["10.1000/x_y"]);
    expect(tag("UR")).toEqual(["https://arxiv.org/abs/2407.21783"]);
    expect(tag("N1")).toEqual(["J. Foo 1 (2024)", "12 pages"]);
    expect(tag("ID")).toEqual(["muller2024"]);
  });
});

describe("CSL-JSON", () => {
  const name = z.union([
    z.strictObject({ family: z.string().min(1), given: z.string().min(1).optional(), "non-dropping-particle": z.string().optional(), suffix: z.string().optional() }),
    z.strictObject({ literal: z.string().min(1) }),
  ]);
  const item = z.strictObject({
    id: z.string().regex(/^[a-z0-9_]+$/),
    type: z.literal("article"),
    title: z.string(),
    author: z.array(name),
    issued: z.strictObject({ "date-parts": z.tuple([z.tuple([z.number().int(), z.number().int().min(1).max(12), z.number().int().min(1).max(31)])]) }).optional(),
    abstract: z.string().optional(),
    URL: z.url().optional(),
    DOI: z.string().optional(),
    publisher: z.string().optional(),
    number: z.string().optional(),
    genre: z.string().optional(),
    keyword: z.string().optional(),
    note: z.string().optional(),
  });
  const file = z.array(item);

  it("writes an array of items matching the schema, names split for citeproc", () => {
    const json = JSON.parse(CITATION_WRITERS["csl.json"].render([paper({}), paper({ id: "title-3f2a", links: { abs: "https://example.org/p" }, publishedAt: null, doi: null })]));
    const items = file.parse(json);
    expect(items[0]).toMatchObject({
      id: "muller2024",
      title: "R&D <b>at</b> 100% with $O(n^2)$",
      issued: { "date-parts": [[2024, 7, 31]] },
      URL: "https://arxiv.org/abs/2407.21783",
      DOI: "10.1000/x_y",
      publisher: "arXiv",
      number: "arXiv:2407.21783",
      keyword: "cs.AI, cs.CL",
    });
    expect(items[0]!.author).toEqual([
      { family: "Müller", given: "Jörg" },
      { family: "O'Brien", given: "Patrick" },
      { family: "Beethoven", given: "Ludwig", "non-dropping-particle": "van" },
      { family: "King", given: "Martin Luther", suffix: "Jr." },
      { literal: "OpenAI Team" },
    ]);
    expect(items[1]).toMatchObject({ URL: "https://example.org/p" });
    expect(items[1]).not.toHaveProperty("publisher");
    expect(items[1]).not.toHaveProperty("issued");
  });

  it("gives each item a unique id and lists a paper once", () => {
    const items = toCslJson([paper({ id: "2401.00001" }), paper({ id: "2401.00002" }), paper({ id: "2401.00001" })]);
    expect(items.map((i) => i.id)).toEqual(["muller2024_240100001", "muller2024_240100002"]);
  });
});
