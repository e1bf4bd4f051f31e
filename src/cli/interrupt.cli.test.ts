// Interrupting a long import (Ctrl-C, or a crash) leaves the store consistent, and re-running completes it.
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collect, runCli, spawnCli } from "./test-support/run-cli.js";

const N = 60_000;
const BATCH = 1000;
// --no-index throughout: these tests are about the import's batches; indexing and embedding have their own tests.
const work = mkdtempSync(join(tmpdir(), "pb-int-"));
const file = join(work, "big.jsonl");

beforeAll(async () => {
  const out = createWriteStream(file);
  for (let i = 0; i < N; i++) {
    const line = JSON.stringify({
      id: `2301.${String(i).padStart(5, "0")}`,
      title: `Synthetic paper ${i} on interrupted imports`,
      authors: "A. Author, B. Author",
      abstract: "We test that an interrupted import leaves a consistent store. ".repeat(4),
      categories: "cs.DB",
      versions: [{ version: "v1", created: "Mon, 2 Jan 2023 10:00:00 GMT" }],
      authors_parsed: [["Author", "A.", ""], ["Author", "B.", ""]],
    });
    if (!out.write(line + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Polls the SQLite file (read-only, as a second process would) until some papers are committed. */
async function waitForRows(data: string): Promise<number> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 30));
    try {
      const db = new Database(join(data, "paperboard.db"), { readonly: true, fileMustExist: true });
      try {
        const n = (db.prepare("select count(*) as n from papers").get() as { n: number }).n;
        if (n > 0) return n;
      } finally {
        db.close();
      }
    } catch {
      // not created yet
    }
  }
  throw new Error("import never committed a batch");
}

async function count(data: string): Promise<number> {
  const r = await runCli(["stats", "--json", "--data", data]);
  return JSON.parse(r.stdout).papers;
}

describe("interrupted imports", () => {
  it("Ctrl-C finishes the batch in hand, reports, exits 130; a re-run completes", async () => {
    const data = join(work, "sigint");
    const child = spawnCli(["import", file, "--json", "--no-index", "--batch-size", String(BATCH), "--data", data]);
    const done = collect(child);
    await waitForRows(data);
    child.kill("SIGINT");
    const r = await done;
    expect(r.code).toBe(130);
    const summary = JSON.parse(r.stdout);
    expect(summary.interrupted).toBe(true);
    expect(summary.inserted).toBeLessThan(N);
    expect(await count(data)).toBe(summary.inserted);
    const rerun = await runCli(["import", file, "--json", "--no-index", "--batch-size", String(BATCH), "--data", data]);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ inserted: N - summary.inserted, unchanged: summary.inserted, rejected: 0 });
    expect(await count(data)).toBe(N);
  });

  it("a killed import leaves only whole batches; a re-run completes", async () => {
    const data = join(work, "sigkill");
    const child = spawnCli(["import", file, "--json", "--no-index", "--batch-size", String(BATCH), "--data", data]);
    const done = collect(child);
    await waitForRows(data);
    child.kill("SIGKILL");
    await done;
    const before = await count(data);
    expect(before).toBeGreaterThan(0);
    expect(before).toBeLessThan(N);
    expect(before % BATCH).toBe(0);
    const db = new Database(join(data, "paperboard.db"), { readonly: true });
    expect(db.pragma("integrity_check", { simple: true })).toBe("ok");
    db.close();
    const rerun = await runCli(["import", file, "--json", "--no-index", "--data", data]);
    expect(rerun.code).toBe(0);
    expect(JSON.parse(rerun.stdout)).toMatchObject({ inserted: N - before, unchanged: before });
    expect(await count(data)).toBe(N);
  });
});
