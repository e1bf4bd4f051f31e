import { describe, expect, it } from "vitest";
import { emptyPaper, type Paper } from "../domain/paper.js";
import { mapKaggle } from "../ingest/formats/kaggle.js";
import { toKaggleRecord } from "./kaggle-record.js";

const paper = (over: Partial<Paper>): Paper => ({
  ...emptyPaper("2401.00001", "jsonl"),
  version: 3,
  title: "Sparse attention & more",
  abstract: "We study things.",
  authors: [{ name: "Ada Lovelace" }, { name: "Ludwig van Beethoven" }, { name: "Martin Luther King Jr." }, { name: "OpenAI Team" }],
  categories: ["stat.ML", "cs.LG"],
  primaryCategory: "cs.LG",
  publishedAt: "2024-01-01T10:00:00.000Z",
  updatedAt: "2024-01-09T10:00:00.000Z",
  comments: "10 pages",
  journalRef: "J. Foo 1 (2024)",
  doi: "10.1000/x",
  license: "http://creativecommons.org/licenses/by/4.0/",
  ...over,
});

describe("toKaggleRecord", () => {
  it("writes the snapshot's fields, which the Kaggle importer reads back to the same paper", () => {
    const record = toKaggleRecord(paper({}))!;
    expect(record).toMatchObject({
      id: "2401.00001",
      categories: "cs.LG stat.ML",
      versions: [
        { version: "v1", created: "Mon, 01 Jan 2024 10:00:00 GMT" },
        { version: "v3", created: "Tue, 09 Jan 2024 10:00:00 GMT" },
      ],
      update_date: "2024-01-09",
      authors_parsed: [
        ["Lovelace", "Ada", ""],
        ["van Beethoven", "Ludwig", ""],
        ["King", "Martin Luther", "Jr."],
        ["OpenAI Team", "", ""],
      ],
    });
    const back = mapKaggle(JSON.parse(JSON.stringify(record))).paper;
    const { source: _s, links: _l, ...rest } = paper({});
    expect(back).toMatchObject({ ...rest, categories: ["cs.LG", "stat.ML"] });
  });

  it("handles one version, old-style ids, and has no line for papers without an arXiv id", () => {
    const one = toKaggleRecord(paper({ id: "hep-th/9901001", version: 1 }))!;
    expect(one.versions).toEqual([{ version: "v1", created: "Mon, 01 Jan 2024 10:00:00 GMT" }]);
    expect(mapKaggle(one).paper).toMatchObject({ id: "hep-th/9901001", version: 1 });
    expect(toKaggleRecord(paper({ id: "title-3f2a" }))).toBeNull();
  });
});
