import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { OaiPageMeta, ParseResult, Parser } from "../../domain/ingest-types.js";
import type { Paper } from "../../domain/paper.js";
import { parseArxivAuthors } from "./arxiv-authors.js";
import { parseArxivOai } from "./arxiv-oai.js";

// Compile-time check: the parser fits the pipeline's Parser contract.
const asParser: Parser = parseArxivOai;

const fixture = (name: string) => createReadStream(new URL(`./__fixtures__/${name}`, import.meta.url));

async function collect(input: NodeJS.ReadableStream, file = "page.xml") {
  const results: ParseResult[] = [];
  const metas: OaiPageMeta[] = [];
  for await (const r of parseArxivOai(input, { file, onMeta: (m) => metas.push(m) })) results.push(r);
  return { results, metas };
}

function papers(results: ParseResult[]): Paper[] {
  return results.flatMap((r) => (r.ok ? [r.record.paper] : []));
}

const OAI_OPEN = `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2024-08-02T10:11:12Z</responseDate>
<request verb="ListRecords" metadataPrefix="arXiv">http://export.arxiv.org/oai2</request><ListRecords>`;

function arxivRecord(id: string, inner: string): string {
  return `<record><header><identifier>oai:arXiv.org:${id}</identifier><datestamp>2024-08-01</datestamp></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>${id}</id>${inner}</arXiv></metadata></record>\n`;
}

describe("parseArxivOai, metadataPrefix arXiv", () => {
  it("reads a ListRecords page, skips deleted records and reports the resumption token", async () => {
    const { results, metas } = await collect(fixture("arxiv-oai-arxiv-page.xml"), "p1.xml");
    expect(results.map((r) => r.at)).toEqual([
      { file: "p1.xml", index: 0 },
      { file: "p1.xml", index: 2 },
    ]);
    const [first, old] = papers(results);
    expect(first).toEqual({
      id: "0704.0001",
      version: null,
      title: "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies",
      abstract:
        "A fully differential calculation in perturbative quantum chromodynamics is presented " +
        "for the production of massive photon pairs at hadron colliders.",
      authors: [
        { name: "C. Balázs", affiliation: "Argonne National Laboratory; Monash University" },
        { name: "E. L. Berger" },
        { name: "P. M. Nadolsky" },
        { name: "C. -P. Yuan Jr" },
      ],
      categories: ["hep-ph", "hep-ex"],
      primaryCategory: "hep-ph",
      publishedAt: "2007-04-02T00:00:00.000Z",
      updatedAt: "2007-07-24T00:00:00.000Z",
      comments: "37 pages, 15 figures; published version",
      journalRef: "Phys.Rev.D76:013009,2007",
      doi: "10.1103/PhysRevD.76.013009",
      license: "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
      links: { abs: "https://arxiv.org/abs/0704.0001", pdf: "https://arxiv.org/pdf/0704.0001" },
      source: "arxiv-oai",
    });
    expect(old).toMatchObject({
      id: "hep-th/9901001",
      authors: [{ name: "Bjørn Jørgensen" }, { name: "ATLAS Collaboration" }],
      publishedAt: "1999-01-01T00:00:00.000Z",
      updatedAt: null,
      links: { abs: "https://arxiv.org/abs/hep-th/9901001" },
    });
    expect(metas).toEqual([{ resumptionToken: "6960524|1001", completeListSize: 2312, cursor: 0 }]);
  });

  it("reads a GetRecord response, which has no resumption token", async () => {
    const { results, metas } = await collect(fixture("arxiv-oai-getrecord.xml"));
    expect(papers(results).map((p) => [p.id, p.categories, p.primaryCategory, p.updatedAt])).toEqual([
      ["2407.21783", ["cs.AI", "cs.CL", "cs.CV"], "cs.AI", "2024-08-15T00:00:00.000Z"],
    ]);
    expect(metas).toEqual([{ resumptionToken: null }]);
  });

  it("treats noRecordsMatch as an empty page with the error in the meta", async () => {
    const { results, metas } = await collect(fixture("arxiv-oai-norecords.xml"));
    expect(results).toEqual([]);
    expect(metas).toHaveLength(1);
    expect(metas[0]?.resumptionToken).toBeNull();
    expect(metas[0]?.error?.code).toBe("noRecordsMatch");
    expect(metas[0]?.error?.message).toMatch(/^The combination of the values .* results in an empty list\.$/);
  });

  it("rejects bad records with a reason and goes on", async () => {
    const xml =
      OAI_OPEN +
      arxivRecord("2401.00001", "<created>2024-01-01</created>") +
      `<record><header><identifier>oai:arXiv.org:2401.00002</identifier></header><metadata>
        <oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/"><title>DC</title></oai_dc:dc></metadata></record>` +
      arxivRecord("2401.00003", "<created>last Tuesday</created><title>Bad date</title>") +
      arxivRecord("not-an-id", "<title>Odd</title>") +
      arxivRecord("2401.00005", "<created>2024-01-05</created><title>Good\n   one</title><categories>cs.LG</categories>") +
      `<resumptionToken completeListSize="5" cursor="0"/></ListRecords></OAI-PMH>`;
    const { results, metas } = await collect(Readable.from([xml]));
    expect(results.map((r) => (r.ok ? `${r.record.paper.id}: ${r.record.paper.title}` : r.reason))).toEqual([
      "record 0: missing <title>",
      "record 1: unsupported metadata format http://www.openarchives.org/OAI/2.0/oai_dc/ dc",
      'record 2: invalid <created> date "last Tuesday"',
      'record 3: unparseable id "not-an-id"',
      "2401.00005: Good one",
    ]);
    expect(results.map((r) => r.at.index)).toEqual([0, 1, 2, 3, 4]);
    expect(metas).toEqual([{ resumptionToken: "", completeListSize: 5, cursor: 0 }]);
  });

  it("yields the records before a truncation, then the XML error, and gives no meta", async () => {
    const whole = OAI_OPEN + arxivRecord("2401.00001", "<title>One</title>") + arxivRecord("2401.00002", "<title>Two</title>");
    const cut = whole.slice(0, whole.lastIndexOf("<title>Two"));
    const { results, metas } = await collect(Readable.from([cut]), "cut.xml");
    expect(results.map((r) => (r.ok ? r.record.paper.id : "error"))).toEqual(["2401.00001", "error"]);
    const lastLine = cut.split("\n").length;
    expect(lastLine).toBe(6);
    expect(results[1]).toMatchObject({ ok: false, at: { file: "cut.xml", line: lastLine } });
    expect(!results[1]?.ok && results[1]?.reason).toMatch(/^XML not well-formed at line 6, column \d+: /);
    expect(metas).toEqual([]);
  });

  it("streams many records from a generator", async () => {
    const total = 10_000;
    function* page() {
      yield OAI_OPEN;
      for (let i = 0; i < total; i++) {
        yield arxivRecord(`2402.${String(i).padStart(5, "0")}`, `<created>2024-02-01</created><title>Paper ${i}</title>`);
      }
      yield `<resumptionToken cursor="0" completeListSize="${total * 3}">tok|${total}</resumptionToken></ListRecords></OAI-PMH>`;
    }
    let count = 0;
    const { metas } = await (async () => {
      const metas: OaiPageMeta[] = [];
      for await (const r of parseArxivOai(Readable.from(page()), { file: "big", onMeta: (m) => metas.push(m) })) {
        if (r.ok) count++;
      }
      return { metas };
    })();
    expect(count).toBe(total);
    expect(metas).toEqual([{ resumptionToken: `tok|${total}`, completeListSize: total * 3, cursor: 0 }]);
  });
});

describe("parseArxivOai, metadataPrefix arXivRaw", () => {
  it("takes the version, first and last dates from the version list, in any order", async () => {
    const { results, metas } = await collect(fixture("arxiv-oai-raw-page.xml"));
    const [diphoton, sidon] = papers(results);
    expect(diphoton).toMatchObject({
      id: "0704.0001",
      version: 3,
      publishedAt: "2007-04-02T19:18:42.000Z",
      updatedAt: "2008-11-13T15:04:09.000Z",
      authors: [{ name: "C. Balázs" }, { name: "E. L. Berger" }, { name: "P. M. Nadolsky" }, { name: "C.-P. Yuan" }],
      categories: ["hep-ph"],
      journalRef: "Phys.Rev.D76:013009,2007",
      doi: "10.1103/PhysRevD.76.013009",
      comments: "37 pages, 15 figures; published version",
      source: "arxiv-oai",
    });
    expect(sidon).toMatchObject({
      id: "math/0309136",
      version: 1,
      publishedAt: "2003-09-08T18:01:02.000Z",
      updatedAt: "2003-09-08T18:01:02.000Z",
      categories: ["math.NT", "math.CO"],
      primaryCategory: "math.NT",
      abstract: "We show that a Sidon set in $\\{1,\\dots,N\\}$ has at most $\\sqrt{N}+O(N^{1/4})$ elements.",
      links: { abs: "https://arxiv.org/abs/math/0309136", pdf: "https://arxiv.org/pdf/math/0309136" },
    });
    expect(sidon?.authors).toEqual([
      { name: "P. Erdős", affiliation: "Rényi Institute, Budapest" },
      { name: "A. Sárközy", affiliation: "Eötvös Loránd University" },
      { name: "M. Müller", affiliation: "Dept. of Physics and Astronomy, Umeå University" },
      { name: "J. Smith Jr." },
    ]);
    expect(metas).toEqual([{ resumptionToken: "", completeListSize: 2003, cursor: 2001 }]);
  });
});

describe("parseArxivAuthors", () => {
  it("splits on commas and 'and', also the serial comma", () => {
    expect(parseArxivAuthors("A. One, B. Two and C. Three").map((a) => a.name)).toEqual(["A. One", "B. Two", "C. Three"]);
    expect(parseArxivAuthors("A. One, B. Two, and C. Three").map((a) => a.name)).toEqual(["A. One", "B. Two", "C. Three"]);
    expect(parseArxivAuthors("Alexander Sandberg")).toEqual([{ name: "Alexander Sandberg" }]);
  });

  it("does not split inside parentheses and resolves numbered affiliations", () => {
    expect(parseArxivAuthors("A. One (1 and 2), B. Two (2) ((1) MIT, (2) CERN)")).toEqual([
      { name: "A. One", affiliation: "MIT; CERN" },
      { name: "B. Two", affiliation: "CERN" },
    ]);
    expect(parseArxivAuthors("A. One (1, 2), B. Two (2) ((1) MIT, (2) CERN)")).toEqual([
      { name: "A. One", affiliation: "MIT; CERN" },
      { name: "B. Two", affiliation: "CERN" },
    ]);
  });

  it("keeps a group in braces together", () => {
    expect(parseArxivAuthors("{The LIGO Scientific Collaboration and the Virgo Collaboration}, J. Doe")).toEqual([
      { name: "The LIGO Scientific Collaboration and the Virgo Collaboration" },
      { name: "J. Doe" },
    ]);
  });
});

void asParser;
