import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { detectFormat } from "./detect-format.js";

const fixture = (name: string) => readFileSync(new URL(`./formats/__fixtures__/${name}`, import.meta.url), "utf8");

const ATOM = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query</title>
  <opensearch:totalResults xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/">1</opensearch:totalResults>
  <entry><id>http://arxiv.org/abs/2407.21783v1</id></entry>
</feed>`;
const OAI = `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<responseDate>2024-06-03T10:00:00Z</responseDate>
<ListRecords><record/></ListRecords>
</OAI-PMH>`;
const KAGGLE_LINE = JSON.stringify({
  id: "0704.0001",
  submitter: "P",
  authors: "A",
  title: "T",
  "journal-ref": null,
  abstract: "x".repeat(3000),
  versions: [],
  authors_parsed: [],
});

describe("detectFormat", () => {
  it("recognises arXiv Atom feeds and OAI-PMH responses", () => {
    expect(detectFormat(ATOM, "query.xml")).toBe("arxiv-atom");
    expect(detectFormat(`\uFEFF  ${ATOM}`, "x")).toBe("arxiv-atom");
    expect(detectFormat(OAI, "page.xml")).toBe("arxiv-oai");
    expect(detectFormat('<feed xmlns="http://example.org/not-atom"></feed>', "x.xml")).toBeNull();
    expect(detectFormat("<html><body>hi</body></html>", "x.xml")).toBeNull();
  });

  it("recognises Daily Papers responses: arrays of entries, repr strings, the wrapped form", () => {
    expect(detectFormat(fixture("hf-entries.json"), "hf-entries.json")).toBe("hf-daily");
    expect(detectFormat(fixture("hf-wrapped.json"), "hf-wrapped.json")).toBe("hf-daily");
    expect(detectFormat(`["{'paper': {'id': '2412.07730'`, "x.json")).toBe("hf-daily");
    expect(detectFormat('{"status":"success","date":"2025-01-10","count":0,"data":[]}', "x.json")).toBe("hf-daily");
    expect(detectFormat("[]", "2024-06-03.json")).toBe("hf-daily");
    expect(detectFormat("[]", "papers.json")).toBeNull();
    expect(detectFormat("[1, 2, 3]", "2024-06-03.json")).toBeNull();
  });

  it("tells Kaggle lines from generic JSON lines, even when the head cuts the first line", () => {
    expect(detectFormat(fixture("kaggle-sample.jsonl"), "kaggle-sample.jsonl")).toBe("kaggle");
    expect(detectFormat(`${KAGGLE_LINE}\n${KAGGLE_LINE}\n`, "snapshot.json")).toBe("kaggle");
    expect(detectFormat(KAGGLE_LINE.slice(0, 1000), "snapshot.json")).toBe("kaggle");
    expect(detectFormat(fixture("jsonl-sample.jsonl"), "jsonl-sample.jsonl")).toBe("jsonl");
    expect(detectFormat('{"_id": "4983", "title": "T", "text": "A"}\n', "corpus.jsonl")).toBe("jsonl");
    expect(detectFormat('{"_id": "4983", "title": "T", "te', "corpus.jsonl")).toBe("jsonl");
    expect(detectFormat('{"a": 1}\n{"a": 2}\n', "numbers.jsonl")).toBeNull();
    expect(detectFormat('{\n  "name": "paperboard"\n}\n', "package.json")).toBeNull();
  });

  it("recognises the listing text by its header", () => {
    expect(detectFormat(fixture("listing-sample.txt"), "listing-sample.txt")).toBe("listing");
    expect(detectFormat("Some Title\n\nSome abstract.\n", "notes.txt")).toBeNull();
    expect(detectFormat("", "empty.txt")).toBeNull();
    expect(detectFormat("   \n\n", "blank.txt")).toBeNull();
  });
});
