// Tests of the BEIR queries and qrels readers over small fixtures with deliberate bad lines.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readBeirQrels, readBeirQueries } from "./beir.js";

const fixture = (name: string): string => fileURLToPath(new URL(`./__fixtures__/${name}`, import.meta.url));

describe("readBeirQueries", () => {
  it("keeps the good lines and reports each bad one with file and line", async () => {
    const file = fixture("queries.jsonl");
    const { queries, errors } = await readBeirQueries(file);
    expect([...queries]).toEqual([
      ["q1", "making attention cheaper for long inputs"],
      ["q2", "scaling laws for language models"],
      ["q7", "state space models"],
    ]);
    expect(errors.map((e) => [e.file, e.line])).toEqual([
      [file, 4],
      [file, 5],
      [file, 6],
      [file, 7],
      [file, 8],
    ]);
    expect(errors.map((e) => e.reason)).toEqual([
      expect.stringMatching(/^invalid JSON/),
      `"_id" must be a non-empty string`,
      `duplicate query id "q1"`,
      "not a JSON object",
      `"text" must be a non-empty string`,
    ]);
  });

  it("throws an error naming the file when it cannot be read", async () => {
    const missing = fixture("no-such-file.jsonl");
    await expect(readBeirQueries(missing)).rejects.toThrow(`cannot read BEIR queries file "${missing}"`);
    const dir = fixture("");
    await expect(readBeirQueries(dir)).rejects.toThrow(/cannot read BEIR queries file .*EISDIR/);
  });

  it("reads a byte-order mark and CRLF line ends", async () => {
    const dir = await mkdtemp(join(tmpdir(), "beir-"));
    try {
      const file = join(dir, "q.jsonl");
      await writeFile(file, '\uFEFF{"_id":"a","text":"one"}\r\n{"_id":"b","text":"two"}\r\n');
      expect(await readBeirQueries(file)).toEqual({ queries: new Map([["a", "one"], ["b", "two"]]), errors: [] });
    } finally {
      await rm(dir, { recursive: true });
    }
  });
});

describe("readBeirQrels", () => {
  it("keeps the good rows, grade 0 included, and reports each bad one with file and line", async () => {
    const file = fixture("qrels.tsv");
    const { qrels, errors } = await readBeirQrels(file);
    expect(qrels).toEqual(
      new Map([
        ["q1", new Map([["doc-a", 2], ["doc-b", 1]])],
        ["q2", new Map([["doc-c", 0]])],
        ["q7", new Map([["doc-f", 1]])],
      ]),
    );
    expect(errors).toEqual([
      { file, line: 5, reason: "expected 3 tab-separated fields, found 2" },
      { file, line: 7, reason: 'score "high" is not an integer' },
      { file, line: 8, reason: 'duplicate judgment for query "q1" and document "doc-a"' },
    ]);
  });

  it("reports a missing header once and still reads the first row", async () => {
    const file = fixture("qrels-no-header.tsv");
    const { qrels, errors } = await readBeirQrels(file);
    expect(qrels).toEqual(new Map([["q1", new Map([["doc-a", 2], ["doc-b", 1]])]]));
    expect(errors).toEqual([{ file, line: 1, reason: expect.stringContaining("expected the header") }]);
  });

  it("throws an error naming the file when it cannot be read", async () => {
    const missing = fixture("no-such-file.tsv");
    await expect(readBeirQrels(missing)).rejects.toThrow(`cannot read BEIR qrels file "${missing}"`);
  });
});
