// `paperboard sync` end to end: the real CLI against local servers speaking OAI-PMH, the arXiv API and the Daily Papers API.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { fixture, send, startFixtureServer, type FixtureServer } from "../ingest/sync/__fixtures__/fixture-server.js";
import { runCli } from "./test-support/run-cli.js";

const work = mkdtempSync(join(tmpdir(), "pb-sync-"));
let server: FixtureServer;
beforeAll(async () => {
  server = await startFixtureServer();
});
afterEach(() => {
  server.arrivals.length = 0;
});
afterAll(async () => {
  await server.close();
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({
  PAPERBOARD_ARXIV_OAI_URL: `${server.url}/oai2`,
  PAPERBOARD_ARXIV_API_URL: `${server.url}/api/query`,
  PAPERBOARD_HF_API_URL: server.url,
  PAPERBOARD_ARXIV_DELAY_MS: "20",
});
const sync = async (data: string, ...args: string[]) => {
  const r = await runCli(["sync", ...args, "--json", "--data", data], { env: env() });
  return { ...r, out: r.stdout ? JSON.parse(r.stdout) : null };
};

describe("paperboard sync arxiv", () => {
  it("harvests OAI-PMH pages by resumption token, then harvests incrementally from the stored day", async () => {
    server.handle((_req, res, a) => {
      const token = a.query.get("resumptionToken");
      send(res, fixture(token ? "oai-page-2.xml" : "oai-page-1.xml"), "text/xml", { date: "Wed, 05 Jun 2024 10:00:00 GMT" });
    });
    const data = join(work, "oai");
    const first = await sync(data, "arxiv", "--set", "cs:cs:LG", "--from", "2024-06-01");
    expect(first.code, first.stderr).toBe(0);
    // Four records, one of them deleted (skipped, not an error).
    expect(first.out).toMatchObject({ read: 3, inserted: 3, rejected: 0, pages: 2 });
    expect(server.arrivals[0]!.query.get("verb")).toBe("ListRecords");
    expect(server.arrivals[0]!.query.get("set")).toBe("cs:cs:LG");
    expect(server.arrivals[0]!.query.get("from")).toBe("2024-06-01");
    // A token request carries only verb and token, as OAI-PMH requires.
    expect([...server.arrivals[1]!.query.keys()].sort()).toEqual(["resumptionToken", "verb"]);

    server.arrivals.length = 0;
    server.handle((_req, res) => send(res, fixture("oai-no-records.xml"), "text/xml"));
    const second = await sync(data, "arxiv", "--set", "cs:cs:LG");
    expect(second.code).toBe(0);
    expect(second.out).toMatchObject({ read: 0, inserted: 0 });
    expect(server.arrivals[0]!.query.get("from")).toBe("2024-06-05");
    const stats = await runCli(["stats", "--json", "--data", data]);
    expect(JSON.parse(stats.stdout).papers).toBe(3);
  });

  it("fetches papers by id through the arXiv API", async () => {
    server.handle((_req, res) => send(res, fixture("atom-page-3.xml"), "application/atom+xml"));
    const r = await sync(join(work, "api"), "arxiv", "--id", "2406.00005");
    expect(r.code, r.stderr).toBe(0);
    expect(r.out.inserted).toBe(1);
    expect(server.arrivals[0]!.query.get("id_list")).toContain("2406.00005");
  });

  it("exits 3 with a clear message when the source refuses the request", async () => {
    server.handle((_req, res) => res.writeHead(404).end("no"));
    const r = await sync(join(work, "refused"), "arxiv", "--set", "cs");
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/404/);
  });
});

describe("paperboard sync hf", () => {
  it("syncs one day with that day as the feed day", async () => {
    server.handle((_req, res, a) => send(res, a.query.get("date") === "2024-06-03" ? fixture("hf-2024-06-03.json") : "[]", "application/json"));
    const data = join(work, "hf");
    const r = await sync(data, "hf", "--date", "2024-06-03");
    expect(r.code, r.stderr).toBe(0);
    expect(r.out.inserted).toBeGreaterThan(0);
    expect(r.out.lastDay).toBe("2024-06-03");
    const papers = (await runCli(["export", "--data", data])).stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(papers.every((p) => p.hub.feedDay === "2024-06-03")).toBe(true);
  });

  it("back-fills N days, reports a failing day and exits 1", async () => {
    server.handle((_req, res, a) => (a.query.get("date") === "2024-06-04" ? res.writeHead(404).end() : send(res, "[]", "application/json")));
    const r = await sync(join(work, "hf-days"), "hf", "--date", "2024-06-05", "--days", "3");
    expect(r.code).toBe(1);
    expect(r.out.days).toBe(3);
    expect(r.out.failures).toHaveLength(1);
    expect(r.out.failures[0]).toMatch(/^2024-06-04: /);
    expect(server.arrivals.map((a) => a.query.get("date"))).toEqual(["2024-06-03", "2024-06-04", "2024-06-05"]);
  });

  it("rejects a malformed --date as a usage error", async () => {
    const r = await sync(join(work, "bad"), "hf", "--date", "2024-13-01");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/2024-13-01/);
  });
});
