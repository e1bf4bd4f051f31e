// End-to-end tests of `paperboard import`, `stats` and `export` through the real CLI and a real SQLite file.
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "./test-support/run-cli.js";

const FIX = new URL("./__fixtures__/", import.meta.url).pathname;
const XML = new URL("../ingest/formats/__fixtures__/", import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), "pb-cli-"));
let data = "";
let n = 0;
beforeEach(() => {
  data = join(work, `data-${n++}`);
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

async function importJson(...args: string[]) {
  const r = await runCli(["import", ...args, "--json", "--data", data]);
  return { ...r, summary: JSON.parse(r.stdout) };
}
async function papers(): Promise<number> {
  const r = await runCli(["stats", "--json", "--data", data]);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout).papers;
}
async function exported(): Promise<any[]> {
  const r = await runCli(["export", "--data", data]);
  expect(r.code).toBe(0);
  return r.stdout.trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));
}

describe("paperboard import", () => {
  it("imports a Kaggle snapshot, and re-importing it changes nothing", async () => {
    const first = await importJson(join(FIX, "kaggle-v1.jsonl"));
    expect(first.code).toBe(0);
    expect(first.summary).toMatchObject({ read: 3, inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const again = await importJson(join(FIX, "kaggle-v1.jsonl"));
    expect(again.summary).toMatchObject({ read: 3, inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(await papers()).toBe(3);
    const rows = await exported();
    const old = rows.find((p) => p.id === "hep-th/9901001");
    expect(old).toMatchObject({ version: 2, title: "Strings on a lattice", primaryCategory: "hep-th", publishedAt: "1999-01-01T10:00:00.000Z" });
    expect(rows.find((p) => p.id === "2401.00001").title).toBe("Sparse attention for long inputs");
  });

  it("replaces a paper with its newer version and never the reverse", async () => {
    await importJson(join(FIX, "kaggle-v1.jsonl"));
    const v2 = await importJson(join(FIX, "kaggle-v2.jsonl"));
    expect(v2.summary).toMatchObject({ updated: 1 });
    const back = await importJson(join(FIX, "kaggle-v1.jsonl"));
    expect(back.summary).toMatchObject({ unchanged: 3, updated: 0 });
    const p = (await exported()).find((x) => x.id === "2401.00001");
    expect(p).toMatchObject({ version: 2, title: "Sparse attention for long inputs, second version", updatedAt: "2024-01-09T10:00:00.000Z" });
  });

  it("reports a malformed line with file and line, lands the valid ones, and exits non-zero", async () => {
    const file = join(FIX, "kaggle-with-bad-line.jsonl");
    const r = await importJson(file, "--format", "kaggle");
    expect(r.code).toBe(1);
    expect(r.summary).toMatchObject({ read: 4, inserted: 3, rejected: 1 });
    expect(r.summary.errors).toHaveLength(1);
    expect(r.summary.errors[0]).toMatchObject({ file, line: 2 });
    expect(r.summary.errors[0].reason).toMatch(/JSON/i);
    expect(r.stderr).toContain(`${file}:2`);
    expect(await papers()).toBe(3);
  });

  it("reads gzip input, detected by content", async () => {
    const gz = join(work, "snapshot.jsonl.gz");
    writeFileSync(gz, gzipSync(readFileSync(join(FIX, "kaggle-v1.jsonl"))));
    const r = await importJson(gz);
    expect(r.code).toBe(0);
    expect(r.summary.inserted).toBe(3);
  });

  it("detects every format from content and imports it", async () => {
    const cases: Array<[string, number]> = [
      [join(XML, "arxiv-atom-query.xml"), 1],
      [join(XML, "arxiv-oai-arxiv-page.xml"), 1],
      [join(XML, "arxiv-oai-raw-page.xml"), 1],
      [join(FIX, "2024-06-03.json"), 2],
      [join(FIX, "listing.txt"), 2],
      [join(FIX, "generic.jsonl"), 2],
    ];
    for (const [file, atLeast] of cases) {
      const r = await importJson(file);
      expect(r.code, `${file}: ${r.stderr}`).toBe(0);
      expect(r.summary.inserted + r.summary.updated, file).toBeGreaterThanOrEqual(atLeast);
    }
    const rows = await exported();
    expect(rows.some((p) => p.source === "arxiv-atom")).toBe(true);
    expect(rows.some((p) => p.source === "arxiv-oai")).toBe(true);
    expect(rows.some((p) => p.source === "listing" && p.title === "Attention Is All You Need")).toBe(true);
    expect(rows.find((p) => p.id === "doc-1")).toMatchObject({ title: "A biomedical claim", abstract: "Cells do things." });
    expect(rows.find((p) => p.id === "2402.00002")).toMatchObject({ version: 3 });
  });

  it("takes the feed day of a Daily Papers file from its YYYY-MM-DD name and keeps the hub facts", async () => {
    const r = await importJson(join(FIX, "2024-06-03.json"));
    expect(r.summary.inserted).toBe(2);
    const p = (await exported()).find((x) => x.id === "2405.12345");
    expect(p.hub).toMatchObject({
      feedDay: "2024-06-03",
      submittedAt: "2024-06-02T22:10:00.000Z",
      upvotes: 42,
      numComments: 2,
      githubStars: 12,
      aiKeywords: ["compilers"],
      organization: { name: "navy", fullname: "US Navy" },
    });
    expect(p.hub.submittedBy.name).toBe("ghopper");
    // Without the date in its name, the feed day comes from the submission time and the rollover rule (17:00 UTC).
    const renamed = join(work, "feed.json");
    copyFileSync(join(FIX, "2024-06-03.json"), renamed);
    data = join(work, `data-${n++}`);
    await importJson(renamed);
    expect((await exported()).find((x) => x.id === "2405.12345").hub.feedDay).toBe("2024-06-03");
  });

  it("reports a missing file and an undetectable file, and still imports the rest", async () => {
    const junk = join(work, "junk.bin");
    writeFileSync(junk, "this is not any paper format\n\u0000\u0001");
    const r = await importJson(join(work, "missing.jsonl"), junk, join(FIX, "kaggle-v1.jsonl"));
    expect(r.code).toBe(1);
    expect(r.summary).toMatchObject({ inserted: 3, rejected: 2 });
    expect(r.summary.errors.map((e: any) => e.reason).join("\n")).toMatch(/no such file[\s\S]*cannot tell the format/);
  });

  it("rejects an unknown --format as a usage error", async () => {
    const r = await runCli(["import", "--format", "bibtex", join(FIX, "kaggle-v1.jsonl"), "--data", data]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown format "bibtex"/);
  });

  it("prints a human summary on a non-JSON run only when asked: non-TTY stdout gets JSON", async () => {
    const r = await runCli(["import", join(FIX, "kaggle-v1.jsonl"), "--data", data]);
    expect(JSON.parse(r.stdout)).toMatchObject({ inserted: 3 });
  });
});

describe("paperboard search", () => {
  it("finds imported papers, best first, as {id, title, score} with --json", async () => {
    const imp = await importJson(join(FIX, "kaggle-v1.jsonl"), join(FIX, "2024-06-03.json"));
    expect(imp.summary).toMatchObject({ indexed: 5, embedded: 5 });
    const r = await runCli(["search", "lattice strings", "--json", "--mode", "lexical", "--data", data]);
    expect(r.code, r.stderr).toBe(0);
    const hits = JSON.parse(r.stdout);
    expect(hits[0]).toMatchObject({ id: "hep-th/9901001", title: "Strings on a lattice" });
    expect(typeof hits[0].score).toBe("number");
    const human = await runCli(["search", "compiler", "--data", data]);
    expect(human.stdout).toMatch(/1\. A compiler for everything/);
    expect(human.stderr).toBe("");
    const semantic = await runCli(["search", "a compiler", "--json", "--mode", "semantic", "--data", data]);
    expect(semantic.code, semantic.stderr).toBe(0);
    expect(JSON.parse(semantic.stdout)[0]).toMatchObject({ title: "A compiler for everything" });
    const bad = await runCli(["search", "x", "--mode", "psychic", "--data", data]);
    expect(bad.code).toBe(2);
  });

  it("import --no-index leaves indexing to `paperboard index` or the next search", async () => {
    const imp = await importJson(join(FIX, "kaggle-v1.jsonl"), "--no-index");
    expect(imp.summary.indexed).toBeUndefined();
    const idx = await runCli(["index", "--json", "--data", data]);
    expect(JSON.parse(idx.stdout)).toMatchObject({ indexed: 3, embedded: 3, model: "builtin:paperboard-sif-v1" });
    const again = await runCli(["index", "--json", "--data", data]);
    expect(JSON.parse(again.stdout)).toMatchObject({ indexed: 0, embedded: 0 });
    // reindex with the same model is a catch-up; the JSON says so.
    const re = await runCli(["reindex", "--json", "--data", data]);
    expect(re.code, re.stderr).toBe(0);
    expect(JSON.parse(re.stdout)).toMatchObject({ model: "builtin:paperboard-sif-v1", embedded: 0, switched: false });
    const bad = await runCli(["reindex", "--data", data], { env: { PAPERBOARD_EMBEDDING_PROVIDER: "http" } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/embeddingUrl/);
  });
});

describe("paperboard eval", () => {
  it("scores BEIR queries over the store per mode, and says which modes are unavailable", async () => {
    await importJson(join(FIX, "kaggle-v1.jsonl"));
    const queries = join(work, "q.jsonl");
    const qrels = join(work, "qrels.tsv");
    writeFileSync(queries, ['{"_id":"q1","text":"strings on a lattice"}', '{"_id":"q2","text":"sparse attention"}', "not json"].join("\n") + "\n");
    // q2's relevant paper is a document the store does not have: it scores 0.
    writeFileSync(qrels, "query-id\tcorpus-id\tscore\nq1\thep-th/9901001\t2\nq2\tmissing-doc\t1\n");
    const r = await runCli(["eval", "--queries", queries, "--qrels", qrels, "--json", "--data", data]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/q\.jsonl:3/);
    const out = JSON.parse(r.stdout);
    expect(out.lexical).toEqual({ queries: 2, ndcgAt10: 0.5, recallAt100: 0.5, mrrAt10: 0.5 });
    expect(out.semantic).toMatchObject({ queries: 2, ndcgAt10: expect.any(Number) });
    expect(out.hybrid.ndcgAt10).toBeGreaterThan(0);
  });
});

describe("paperboard CLI basics", () => {
  it("answers --help for the program and every command", async () => {
    for (const args of [["--help"], ["import", "--help"], ["search", "--help"], ["index", "--help"], ["reindex", "--help"], ["eval", "--help"], ["sync", "--help"], ["sync", "arxiv", "--help"], ["sync", "hf", "--help"], ["stats", "--help"], ["export", "--help"], ["serve", "--help"]]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/Usage: paperboard/);
    }
  });

  it("fails with exit code 2 and names the setting on bad configuration", async () => {
    const r = await runCli(["stats", "--data", data], { env: { PAPERBOARD_FEED_ROLLOVER_HOUR: "25" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/feedRolloverHour \(PAPERBOARD_FEED_ROLLOVER_HOUR\)/);
    const unknown = await runCli(["stats", "--data", data], { env: { PAPERBOARD_COLOUR: "blue" } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown setting PAPERBOARD_COLOUR/);
    const cmd = await runCli(["frobnicate"]);
    expect(cmd.code).toBe(2);
  });

  it("reads PAPERBOARD_DATA_DIR and a config file", async () => {
    await runCli(["import", join(FIX, "kaggle-v1.jsonl")], { env: { PAPERBOARD_DATA_DIR: data } });
    expect(await papers()).toBe(3);
    const cfg = join(work, "pb.json");
    writeFileSync(cfg, JSON.stringify({ dataDir: data }));
    const r = await runCli(["stats", "--json", "--config", cfg]);
    expect(JSON.parse(r.stdout).papers).toBe(3);
    writeFileSync(cfg, JSON.stringify({ dataDir: data, colour: "blue" }));
    const bad = await runCli(["stats", "--config", cfg]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown setting colour/);
  });
});

describe("paperboard export", () => {
  const strip = (rows: any[]) =>
    rows.map(({ createdAt: _c, modifiedAt: _m, ...p }) => ({ ...p, hub: p.hub ? { ...p.hub, lastListedDay: undefined } : null }));

  it("round-trips through import: export, import elsewhere, export again gives the same papers", async () => {
    await importJson(join(FIX, "kaggle-v1.jsonl"), join(FIX, "2024-06-03.json"));
    const first = await exported();
    const file = join(work, "export.jsonl");
    const r = await runCli(["export", "--out", file, "--data", data]);
    expect(r.code).toBe(0);
    data = join(work, `data-${n++}`);
    const back = await importJson(file);
    expect(back.code).toBe(0);
    expect(back.summary).toMatchObject({ inserted: 5, rejected: 0 });
    expect(strip(await exported())).toEqual(strip(first));
  });
});

const PG = process.env.PAPERBOARD_TEST_PG_URL;
if (!PG) console.warn("[cli tests] PAPERBOARD_TEST_PG_URL is not set; the PostgreSQL CLI test is skipped");
describe.skipIf(!PG)("paperboard on PostgreSQL", () => {
  it("imports, re-imports idempotently and counts papers in a PostgreSQL database", async () => {
    const pg = (await import("pg")).default;
    const schema = `pb_cli_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: PG });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    try {
      const url = `${PG}${PG!.includes("?") ? "&" : "?"}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const env = { PAPERBOARD_DATABASE_URL: url };
      const first = await runCli(["import", join(FIX, "kaggle-v1.jsonl"), join(FIX, "2024-06-03.json"), "--json"], { env });
      expect(first.code, first.stderr).toBe(0);
      expect(JSON.parse(first.stdout)).toMatchObject({ inserted: 5 });
      const again = await runCli(["import", join(FIX, "kaggle-v1.jsonl"), join(FIX, "2024-06-03.json"), "--json"], { env });
      expect(JSON.parse(again.stdout)).toMatchObject({ inserted: 0, updated: 0, unchanged: 5 });
      const stats = await runCli(["stats", "--json"], { env });
      expect(JSON.parse(stats.stdout)).toEqual({ papers: 5, storage: "postgres" });
      const rows = await admin.query(`SELECT count(*)::int AS n FROM ${schema}.papers`);
      expect(rows.rows[0].n).toBe(5);
    } finally {
      await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      await admin.end();
    }
  });
});
