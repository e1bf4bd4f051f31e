import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { AtomPageMeta, ParseResult, Parser } from "../../domain/ingest-types.js";
import type { Paper } from "../../domain/paper.js";
import { parseArxivAtom } from "./arxiv-atom.js";

// Compile-time check: the parser fits the pipeline's Parser contract.
const asParser: Parser = parseArxivAtom;

const fixture = (name: string) => createReadStream(new URL(`./__fixtures__/${name}`, import.meta.url));

async function collect(input: NodeJS.ReadableStream, file = "feed.xml") {
  const results: ParseResult[] = [];
  const metas: AtomPageMeta[] = [];
  for await (const r of parseArxivAtom(input, { file, onMeta: (m) => metas.push(m) })) results.push(r);
  return { results, metas };
}

function papers(results: ParseResult[]): Paper[] {
  return results.flatMap((r) => (r.ok ? [r.record.paper] : []));
}

describe("parseArxivAtom", () => {
  it("reads ids, versions, authors, dates, categories and links of every entry", async () => {
    const { results } = await collect(fixture("arxiv-atom-query.xml"), "query.xml");
    expect(results.map((r) => r.ok)).toEqual([true, true, true]);
    expect(results.map((r) => r.at)).toEqual([0, 1, 2].map((index) => ({ file: "query.xml", index })));
    const [first, old, third] = papers(results);

    expect(first).toMatchObject({
      id: "2407.21783",
      version: 2,
      title:
        "Prompt Diphoton Production at Hadron Colliders: a Next-to-Next-to-Leading Order Study with Resummed Transverse Momentum",
      publishedAt: "2024-07-31T17:54:27.000Z",
      updatedAt: "2024-08-15T17:54:25.000Z",
      categories: ["hep-ph", "hep-ex"],
      primaryCategory: "hep-ph",
      comments: "37 pages, 15 figures; v2: references added",
      journalRef: "Phys. Rev. D 110, 034012 (2024)",
      doi: "10.1103/PhysRevD.110.034012",
      license: null,
      source: "arxiv-atom",
      links: { abs: "http://arxiv.org/abs/2407.21783v2", pdf: "http://arxiv.org/pdf/2407.21783v2" },
    });
    expect(first?.abstract).toBe(
      "We compute the transverse momentum distribution of photon pairs produced at the LHC, " +
        "matching fixed-order results to resummation & comparing with data from <13 TeV> runs.",
    );
    expect(first?.authors).toEqual([
      { name: "Csaba Balázs", affiliation: "Monash University; ARC Centre of Excellence for Dark Matter Particle Physics" },
      { name: "Pavel M. Nadolsky", affiliation: "Southern Methodist University" },
      { name: "C.-P. Yuan" },
    ]);

    expect(old).toMatchObject({ id: "hep-th/9901001", version: 1, authors: [{ name: "Jens Ørsted" }] });
    expect(old?.abstract).toBe("We study the low-energy dynamics of D-branes stretched between NS5-branes.");

    // No links in the feed: derived from the id. CDATA titles are text.
    expect(third).toMatchObject({
      id: "1501.00001",
      version: 3,
      title: "Sparse Recovery with <i>Noisy</i> Measurements",
      updatedAt: "2015-03-02T14:00:00.000Z",
      links: { abs: "https://arxiv.org/abs/1501.00001", pdf: "https://arxiv.org/pdf/1501.00001" },
      categories: ["math.ST", "stat.TH"],
    });
  });

  it("delivers the opensearch meta before the first entry", async () => {
    const events: string[] = [];
    let meta: AtomPageMeta | undefined;
    const onMeta = (m: AtomPageMeta) => {
      meta = m;
      events.push("meta");
    };
    for await (const r of parseArxivAtom(fixture("arxiv-atom-query.xml"), { file: "q", onMeta })) {
      events.push(r.ok ? r.record.paper.id : "error");
    }
    expect(meta).toEqual({ totalResults: 1342, startIndex: 0, itemsPerPage: 3 });
    expect(events).toEqual(["meta", "2407.21783", "hep-th/9901001", "1501.00001"]);
  });

  it("reports an arXiv API error feed as one rejected result", async () => {
    const { results, metas } = await collect(fixture("arxiv-atom-error.xml"), "err.xml");
    expect(results).toEqual([
      { ok: false, reason: "arXiv API error: incorrect id format for 1234.12345v9x", at: { file: "err.xml", index: 0 } },
    ]);
    expect(metas).toEqual([{ totalResults: 1, startIndex: 0, itemsPerPage: 1 }]);
  });

  it("rejects a bad entry with a reason and goes on with the next", async () => {
    const { results, metas } = await collect(fixture("arxiv-atom-bad-entry.xml"), "bad.xml");
    expect(results.map((r) => (r.ok ? r.record.paper.id : r.reason))).toEqual([
      "2408.00118",
      "entry 1: missing <id>",
      'entry 2: invalid <updated> date "sometime in August"',
      "2408.00714",
    ]);
    expect(results[2]?.at).toEqual({ file: "bad.xml", index: 2 });
    expect(papers(results)[1]?.categories).toEqual(["cs.CV", "cs.AI", "cs.LG"]);
    expect(metas).toEqual([{ totalResults: 98765, startIndex: 200, itemsPerPage: 4 }]);
  });

  it("rejects entries with no title or an id that is not an arXiv id", async () => {
    const xml = `<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><id>http://arxiv.org/abs/2401.00001v1</id></entry>
      <entry><id>http://example.org/paper/42</id><title>Elsewhere</title></entry>
      <entry><id>http://arxiv.org/abs/2401.00003v4</id><title>Fine</title><published>not a date</published></entry>
    </feed>`;
    const { results } = await collect(Readable.from([xml]));
    expect(results.map((r) => (r.ok ? r.record.paper.id : r.reason))).toEqual([
      "entry 0: missing <title>",
      'entry 1: unparseable id "http://example.org/paper/42"',
      'entry 2: invalid <published> date "not a date"',
    ]);
  });

  it("yields the entries before a truncation, then the XML error with its line, then stops", async () => {
    const { results } = await collect(fixture("arxiv-atom-truncated.xml"), "cut.xml");
    expect(results.map((r) => (r.ok ? r.record.paper.id : "error"))).toEqual(["2407.21783", "hep-th/9901001", "error"]);
    const last = results[2];
    expect(last?.ok).toBe(false);
    expect(last?.at).toEqual({ file: "cut.xml", line: 63 });
    expect(!last?.ok && last?.reason).toMatch(/^XML not well-formed at line 63, column \d+: .*title/);
  });

  it("stops at a mismatched tag without reading entries after it", async () => {
    const xml = [
      `<feed xmlns="http://www.w3.org/2005/Atom">\n`,
      `<entry><id>http://arxiv.org/abs/2401.00001v1</id><title>One</title></entry>\n`,
      `<entry><id>http://arxiv.org/abs/2401.00002v1</id><title>Two</titel></entry>\n`,
      `<entry><id>http://arxiv.org/abs/2401.00003v1</id><title>Three</title></entry>\n</feed>`,
    ];
    // One chunk, so the entry after the error is already in saxes' hands.
    const { results } = await collect(Readable.from([xml.join("")]));
    expect(results).toHaveLength(2);
    expect(results[0]).toMatchObject({ ok: true, record: { paper: { id: "2401.00001", title: "One" } } });
    expect(results[1]).toMatchObject({ ok: false, at: { line: 3 } });
    expect(!results[1]?.ok && results[1]?.reason).toMatch(/^XML not well-formed at line 3, column \d+: unexpected close tag/);
  });

  it("decodes UTF-8 split across chunks (one byte per chunk)", async () => {
    const { readFileSync } = await import("node:fs");
    const bytes = readFileSync(new URL("./__fixtures__/arxiv-atom-query.xml", import.meta.url));
    const chunks = Array.from(bytes, (b) => Buffer.from([b]));
    const { results } = await collect(Readable.from(chunks));
    const [first, old] = papers(results);
    expect(first?.authors[0]?.name).toBe("Csaba Balázs");
    expect(old?.authors[0]?.name).toBe("Jens Ørsted");
    expect(results).toHaveLength(3);
  });

  it("destroys the input when the consumer stops early", async () => {
    const input = fixture("arxiv-atom-query.xml");
    for await (const r of parseArxivAtom(input, { file: "q" })) {
      expect(r.ok).toBe(true);
      break;
    }
    expect(input.destroyed).toBe(true);
  });

  it("streams a 20,000-entry feed without waiting for the end of it", async () => {
    const total = 20_000;
    let produced = 0;
    function* feed() {
      yield `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">`;
      for (let batch = 0; batch < total; batch += 100) {
        let s = "";
        for (let i = batch; i < batch + 100; i++) {
          const id = `2401.${String(i).padStart(5, "0")}`;
          s +=
            `<entry><id>http://arxiv.org/abs/${id}v1</id><published>2024-01-01T00:00:00Z</published>` +
            `<title>Paper ${i}</title><summary>Abstract ${i}</summary><author><name>Author ${i}</name></author>` +
            `<arxiv:primary_category term="cs.LG"/><category term="cs.LG"/></entry>`;
        }
        produced += 100;
        yield s;
      }
      yield `</feed>`;
    }
    let count = 0;
    let producedAtFirst = -1;
    let lastId = "";
    for await (const r of parseArxivAtom(Readable.from(feed()), { file: "big.xml" })) {
      if (count === 0) producedAtFirst = produced;
      if (r.ok) lastId = r.record.paper.id;
      count++;
    }
    expect(count).toBe(total);
    expect(lastId).toBe("2401.19999");
    // The first entry came out long before the generator had produced the feed.
    expect(producedAtFirst).toBeLessThan(total / 10);
  });
});

void asParser;
