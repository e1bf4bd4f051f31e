import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ParseResult } from "../../domain/ingest-types.js";
import { looksLikeListing, parseListing } from "./listing.js";

const FIXTURE = new URL("./__fixtures__/listing-sample.txt", import.meta.url);

async function collect(input: NodeJS.ReadableStream): Promise<ParseResult[]> {
  const out: ParseResult[] = [];
  for await (const r of parseListing(input, { file: "listing.txt" })) out.push(r);
  return out;
}

function ok(r: ParseResult | undefined) {
  if (!r?.ok) throw new Error(`expected a valid record, got ${JSON.stringify(r)}`);
  return r.record;
}

describe("parseListing", () => {
  it("reads title, abstract and metadata of each paper in order, skipping the header", async () => {
    const results = await collect(createReadStream(FIXTURE));
    expect(results.map((r) => (r.ok ? r.record.paper.title : `REJECTED: ${r.reason}`))).toEqual([
      "First Paper: Scaling Things Up",
      "Second Paper Without Metadata",
      "Third Paper With an Organisation",
      "Fourth Paper Without a Year",
      'REJECTED: unrecognised date line "Someday soon" (expected e.g. "Mar 19, 2024 2")',
      "Last Paper at the End",
    ]);
    // A paper's location is its title line; a rejected metadata block is located at the block.
    expect(results.map((r) => r.at.line)).toEqual([13, 21, 25, 33, 46, 50]);
  });

  it("maps date, upvotes and organisation; papers have no id", async () => {
    const [first, second, third, fourth, , last] = await collect(createReadStream(FIXTURE));
    const a = ok(first);
    expect(a.paper).toMatchObject({
      id: "",
      version: null,
      source: "listing",
      abstract: "The first abstract, on one line.",
      publishedAt: "2024-03-19T00:00:00.000Z",
      authors: [],
    });
    expect(a.hub).toEqual({ upvotes: 2 });

    const b = ok(second);
    expect(b.paper.publishedAt).toBeNull();
    expect(b.hub).toBeUndefined();

    const c = ok(third);
    expect(c.hub).toEqual({ organization: { name: "pathwaycom Pathway" }, upvotes: 21 });
    expect(c.paper.publishedAt).toBeNull(); // "Sep 30" has no year

    const d = ok(fourth);
    expect(d.paper.abstract).toBe("The fourth abstract wrapped onto two lines.");
    expect(d.paper.publishedAt).toBeNull();
    expect(d.hub).toBeUndefined();

    expect(ok(last).paper.abstract).toBe("The last abstract.");
  });

  it("rejects a metadata block with no paper before it, then carries on", async () => {
    const text = "Daily Papers\n\nbyAK and the research community\n\n  • 2 authors\n·\nMar 1, 2024\n\nA Title\n\nAn abstract.\n";
    const results = await collect(Readable.from([text]));
    expect(results).toEqual([
      { ok: false, reason: 'metadata block "  • 2 authors · Mar 1, 2024" has no paper before it', at: { file: "listing.txt", line: 5 } },
      expect.objectContaining({ ok: true, at: { file: "listing.txt", line: 9 } }),
    ]);
  });

  it("works without a header and with CRLF line ends", async () => {
    const results = await collect(Readable.from(["Only Title\r\n\r\nOnly abstract.\r\n\r\n  • 1 authors\r\n·\r\nJan 2, 2023 15\r\n"]));
    expect(results).toHaveLength(1);
    const { paper, hub } = ok(results[0]);
    expect(paper.title).toBe("Only Title");
    expect(paper.publishedAt).toBe("2023-01-02T00:00:00.000Z");
    expect(hub).toEqual({ upvotes: 15 });
  });

  it("recognises the header shape", () => {
    expect(looksLikeListing("new\n\nGet trending papers in your email inbox!\n\nSubscribe\n")).toBe(true);
    expect(looksLikeListing("A Title\n\nSubscribe\n\nAn abstract")).toBe(false);
  });
});
