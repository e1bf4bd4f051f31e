import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../domain/ingest-types.js";
import { parseKaggle } from "./kaggle.js";

const FIXTURE = new URL("./__fixtures__/kaggle-sample.jsonl", import.meta.url);

async function parseFixture(): Promise<ParseResult[]> {
  const out: ParseResult[] = [];
  for await (const r of parseKaggle(createReadStream(FIXTURE), { file: "kaggle-sample.jsonl" })) out.push(r);
  return out;
}

function ok(r: ParseResult | undefined) {
  if (!r?.ok) throw new Error(`expected a valid record, got ${JSON.stringify(r)}`);
  return r.record;
}

describe("parseKaggle", () => {
  it("maps every field of a full record", async () => {
    const [first] = await parseFixture();
    expect(first?.at).toEqual({ file: "kaggle-sample.jsonl", line: 1 });
    const { paper, hub } = ok(first);
    expect(hub).toBeUndefined();
    expect(paper).toEqual({
      id: "2101.00001",
      version: 3,
      title: "Deep Things: A Wrapped Title",
      abstract: "We study deep things. They are deep, very deep.",
      authors: [{ name: "Jane Roe" }, { name: "John Smith Jr" }, { name: "C. Balázs" }],
      categories: ["cs.LG", "stat.ML"],
      primaryCategory: "cs.LG",
      publishedAt: "2021-01-01T10:00:00.000Z",
      updatedAt: "2021-03-01T12:30:00.000Z",
      comments: "12 pages, 3 figures",
      journalRef: "J. Things 1 (2021) 1",
      doi: "10.1000/things.1",
      license: "http://creativecommons.org/licenses/by/4.0/",
      links: { abs: "https://arxiv.org/abs/2101.00001", pdf: "https://arxiv.org/pdf/2101.00001" },
      source: "kaggle",
    });
  });

  it("normalises old-style ids and falls back to the flat authors string", async () => {
    const results = await parseFixture();
    const { paper } = ok(results[1]);
    expect(results[1]?.at.line).toBe(3); // line 2 is blank and skipped
    expect(paper.id).toBe("hep-th/9901001");
    expect(paper.version).toBe(1);
    expect(paper.authors).toEqual([{ name: "A. One" }, { name: "B. Two", affiliation: "Somewhere U." }, { name: "C. Three" }]);
    expect(paper.publishedAt).toBe("1999-01-01T00:00:01.000Z");
    expect(paper.updatedAt).toBe("1999-01-01T00:00:01.000Z");
    expect(paper.links.abs).toBe("https://arxiv.org/abs/hep-th/9901001");
    expect(paper.comments).toBeNull();
    expect(paper.license).toBeNull();
  });

  it("keeps affiliations and LaTeX accents from a flat arXiv authors string", async () => {
    const line = JSON.stringify({
      id: "0704.0002",
      title: "A title",
      abstract: "An abstract.",
      authors: "C. Bal\\'azs (1), E. L. Berger (2) ((1) Argonne, (2) Fermilab)",
      versions: [{ version: "v1", created: "Mon, 2 Apr 2007 19:18:42 GMT" }],
    });
    const out: ParseResult[] = [];
    for await (const r of parseKaggle(Readable.from([line + "\n"]), { file: "x.jsonl" })) out.push(r);
    expect(ok(out[0]).paper.authors).toEqual([
      { name: "C. Balázs", affiliation: "Argonne" },
      { name: "E. L. Berger", affiliation: "Fermilab" },
    ]);
  });

  it("uses update_date when there are no versions", async () => {
    const { paper } = ok((await parseFixture())[2]);
    expect(paper.version).toBeNull();
    expect(paper.publishedAt).toBeNull();
    expect(paper.updatedAt).toBe("2008-01-13T00:00:00.000Z");
    expect(paper.categories).toEqual([]);
    expect(paper.primaryCategory).toBeNull();
    expect(paper.authors).toEqual([{ name: "Solo Author" }]);
  });

  it("rejects malformed lines with a reason and goes on", async () => {
    const results = await parseFixture();
    const rejected = results.filter((r) => !r.ok).map((r) => [r.at.line, r.ok ? "" : r.reason]);
    expect(rejected).toEqual([
      [5, expect.stringMatching(/^invalid JSON: /)],
      [6, "record 0704.0005 has no title"],
      [7, 'id "not-an-id" is not an arXiv id'],
      [8, "categories is a number, expected a string"],
      [9, "line is an array, not a JSON object"],
      [10, "authors_parsed[0] is a string, expected an array"],
      [11, 'versions[0].version "first" is not vN'],
      [12, "record has no id"],
    ]);
    const last = results.at(-1);
    expect(last?.at.line).toBe(13);
    expect(ok(last).paper.title).toBe("Last One Parsed");
    expect(results).toHaveLength(12);
  });

  it("accepts CRLF line endings and a byte-order mark", async () => {
    const line = JSON.stringify({ id: "0704.0001v2", title: "T", versions: [] });
    const input = Readable.from([`\uFEFF${line}\r\n${line}\r\n`]);
    const out: ParseResult[] = [];
    for await (const r of parseKaggle(input, { file: "crlf" })) out.push(r);
    expect(out.map((r) => r.ok && r.record.paper.id)).toEqual(["0704.0001", "0704.0001"]);
    // With no versions list the id's own version suffix is used.
    expect(ok(out[0]).paper.version).toBe(2);
  });
});
