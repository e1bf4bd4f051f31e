// `paperboard export --format jsonl|kaggle` through the real CLI: Kaggle lines re-import to the same bibliographic records.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./test-support/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "pb-export-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SEED = [
  {
    id: "2401.00001",
    version: 2,
    title: "Sparse attention & <b>more</b>",
    abstract: "We study things.",
    authors: [{ name: "Ada Lovelace" }, { name: "Ludwig van Beethoven" }, { name: "Martin Luther King Jr." }, { name: "Jörg Müller" }],
    categories: ["cs.LG", "stat.ML"],
    primaryCategory: "cs.LG",
    published: "2024-01-01T10:00:00.000Z",
    updated: "2024-01-09T10:00:00.000Z",
    comments: "10 pages",
    journalRef: "J. Foo 1 (2024)",
    doi: "10.1000/x",
    license: "http://creativecommons.org/licenses/by/4.0/",
  },
  // A Kaggle record always dates its latest version: a v1 paper was last updated when published.
  { id: "hep-th/9901001", version: 1, title: "Strings on a lattice", abstract: "Old.", authors: [{ name: "Grace Hopper" }], categories: ["hep-th"], published: "1999-01-01T10:00:00.000Z", updated: "1999-01-01T10:00:00.000Z" },
  { id: "doc-7", title: "Not from arXiv", abstract: "A local note.", authors: [{ name: "Alan Turing" }] },
];

const BIBLIOGRAPHIC = ["id", "version", "title", "abstract", "authors", "categories", "primaryCategory", "publishedAt", "updatedAt", "comments", "journalRef", "doi", "license"] as const;
const pick = (p: Record<string, unknown>) => Object.fromEntries(BIBLIOGRAPHIC.map((k) => [k, p[k]]));

async function exportJsonl(data: string): Promise<Array<Record<string, unknown>>> {
  const r = await runCli(["export", "--data", data]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe("paperboard export", () => {
  it("writes Kaggle snapshot lines that import back to the same papers (export → import round trip)", async () => {
    const seed = join(work, "seed.jsonl");
    writeFileSync(seed, SEED.map((p) => JSON.stringify(p)).join("\n") + "\n");
    const a = join(work, "a");
    const b = join(work, "b");
    expect((await runCli(["import", seed, "--format", "jsonl", "--no-index", "--json", "--data", a])).code).toBe(0);

    const kaggle = join(work, "kaggle.jsonl");
    const out = await runCli(["export", "--format", "kaggle", "--out", kaggle, "--data", a]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stderr).toContain("1 paper(s) without an arXiv id left out");
    const lines = readFileSync(kaggle, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.id)).toEqual(["2401.00001", "hep-th/9901001"]);
    expect(Object.keys(lines[0]!)).toEqual(["id", "submitter", "authors", "title", "comments", "journal-ref", "doi", "report-no", "categories", "license", "abstract", "versions", "update_date", "authors_parsed"]);

    const imported = await runCli(["import", kaggle, "--format", "kaggle", "--no-index", "--json", "--data", b]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ read: 2, inserted: 2, rejected: 0 });

    const before = (await exportJsonl(a)).filter((p) => p.id !== "doc-7").map(pick);
    const after = (await exportJsonl(b)).map(pick);
    expect(after).toEqual(before);
  });

  it("refuses an unknown format with the usage exit code", async () => {
    const data = join(work, "empty");
    const r = await runCli(["export", "--format", "csv", "--data", data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--format must be one of jsonl, kaggle");
  });
});
