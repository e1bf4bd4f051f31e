import { createReadStream } from "node:fs";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../domain/ingest-types.js";
import { parseGenericJsonl } from "./jsonl.js";

const FIXTURE = new URL("./__fixtures__/jsonl-sample.jsonl", import.meta.url);

async function parseFixture(): Promise<ParseResult[]> {
  const out: ParseResult[] = [];
  for await (const r of parseGenericJsonl(createReadStream(FIXTURE), { file: "jsonl-sample.jsonl" })) out.push(r);
  return out;
}

function ok(r: ParseResult | undefined) {
  if (!r?.ok) throw new Error(`expected a valid record, got ${JSON.stringify(r)}`);
  return r.record;
}

describe("parseGenericJsonl", () => {
  it("maps a rich record, preferring an arXiv id among the id fields", async () => {
    const [first] = await parseFixture();
    expect(first?.at).toEqual({ file: "jsonl-sample.jsonl", line: 1 });
    expect(ok(first)).toEqual({
      paper: {
        id: "2403.01234",
        version: 2,
        title: "An arXiv paper",
        abstract: "Summary text here.",
        authors: [{ name: "Ann Author", affiliation: "MIT" }, { name: "Bob Builder" }, { name: "Cat Coder" }],
        categories: ["cs.CL", "cs.AI"],
        primaryCategory: "cs.CL",
        publishedAt: "2024-03-19T00:00:00.000Z",
        updatedAt: "2024-04-01T10:00:00.000Z",
        comments: "5 pages",
        journalRef: "Conf 2024",
        doi: "10.1/x",
        license: "CC-BY",
        links: { abs: "https://example.org/p/1", pdf: "https://arxiv.org/pdf/2403.01234" },
        source: "jsonl",
      },
      hub: { upvotes: 7, organization: { name: "org", fullname: "The Org", avatarUrl: "https://cdn.example.org/org.png" } },
    });
  });

  it("keeps other ids, reads seed-paper and BEIR shapes", async () => {
    const results = await parseFixture();
    const seed = ok(results[1]);
    expect(results[1]?.at.line).toBe(3);
    expect(seed.paper).toMatchObject({ id: "51a6242af8de", version: null, title: "A Seed Paper", abstract: "Seed abstract.", publishedAt: null, links: {} });
    expect(seed.hub).toEqual({ upvotes: 21, organization: { name: "pathwaycom Pathway" } });

    const beir = ok(results[2]);
    expect(beir.paper).toMatchObject({ id: "4983", title: "", abstract: "Only an abstract, BEIR style." });
    expect(beir.hub).toBeUndefined();
  });

  it("splits author strings, parses offsets in dates and space-separated categories", async () => {
    const { paper } = ok((await parseFixture())[3]);
    expect(paper.id).toBe("abc123");
    expect(paper.authors).toEqual([{ name: "A. One" }, { name: "B. Two" }, { name: "C. Three" }]);
    expect(paper.publishedAt).toBe("2024-03-19T08:00:00.000Z");
    expect(paper.categories).toEqual(["cs.LG", "stat.ML"]);
    expect(paper.primaryCategory).toBe("stat.ML");
  });

  it("rejects what it cannot map and keeps going", async () => {
    const results = await parseFixture();
    expect(results.flatMap((r) => (r.ok ? [] : [[r.at.line, r.reason]]))).toEqual([
      [6, expect.stringMatching(/^invalid JSON: /)],
      [7, "record has no title and no abstract"],
      [8, "line is a string, not a JSON object"],
      [9, "authors is a number, expected an array or a string"],
    ]);
    const impossible = ok(results[8]);
    expect(impossible.paper).toMatchObject({ id: "12345", title: "Impossible date", publishedAt: null });
    const anonymous = ok(results[9]);
    expect(results[9]?.at.line).toBe(11);
    expect(anonymous.paper.id).toBe("");
    expect(results).toHaveLength(10);
  });
});
