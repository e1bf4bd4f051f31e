import { beforeEach, describe, expect, it } from "vitest";
import { ValidationError } from "../../domain/errors.js";
import { fixture, send, useFixtureServer } from "./__fixtures__/fixture-server.js";
import { harness } from "./__fixtures__/sync-harness.js";
import { queryArxivApi } from "./arxiv-api-query.js";

const ATOM = "application/atom+xml; charset=utf-8";
const PAGES: Record<string, string> = { "0": "atom-page-1.xml", "2": "atom-page-2.xml", "4": "atom-page-3.xml" };

const server = useFixtureServer();
beforeEach(() => {
  server.handle((_req, res, a) => send(res, fixture(PAGES[a.query.get("start") ?? ""] ?? "atom-empty.xml"), ATOM));
});

describe("queryArxivApi", () => {
  it("pages with start/max_results, newest first, until totalResults", async () => {
    const { deps, sink } = harness(server.url);
    const result = await queryArxivApi(deps, { query: "cat:cs.LG", pageSize: 2 });
    expect(server.arrivals.map((a) => a.query.get("start"))).toEqual(["0", "2", "4"]);
    expect(Object.fromEntries(server.arrivals[0]!.query)).toEqual({
      search_query: "cat:cs.LG",
      start: "0",
      max_results: "2",
      sortBy: "submittedDate",
      sortOrder: "descending",
    });
    expect(result).toMatchObject({ pages: 3, entries: 5, totalResults: 5 });
    expect(result.summary).toMatchObject({ read: 5, inserted: 5 });
    expect(sink.records.size).toBe(5);
  });

  it("stops at max, asking only for what is left", async () => {
    const { deps } = harness(server.url);
    await queryArxivApi(deps, { query: "cat:cs.LG", pageSize: 2, max: 3 });
    expect(server.arrivals.map((a) => a.query.get("max_results"))).toEqual(["2", "1"]);
  });

  it("stops at an empty page even if totalResults promised more", async () => {
    server.handle((_req, res, a) =>
      send(res, fixture(a.query.get("start") === "0" ? "atom-page-1.xml" : "atom-empty.xml"), ATOM),
    );
    const { deps } = harness(server.url);
    const result = await queryArxivApi(deps, { query: "cat:cs.LG", pageSize: 2 });
    expect(server.arrivals).toHaveLength(2);
    expect(result.entries).toBe(2);
  });

  it("looks ids up in chunks with id_list and an explicit max_results", async () => {
    server.handle((_req, res) => send(res, fixture("atom-page-1.xml"), ATOM));
    const { deps } = harness(server.url);
    await queryArxivApi(deps, { ids: ["2406.03005", "2406.03004", "2406.03003", "2406.03005"], pageSize: 2 });
    expect(server.arrivals.map((a) => [a.query.get("id_list"), a.query.get("max_results")])).toEqual([
      ["2406.03005,2406.03004", "2"],
      ["2406.03003", "1"],
    ]);
  });

  it("rejects a call with neither or both of query and ids", async () => {
    const { deps } = harness(server.url);
    await expect(queryArxivApi(deps, {})).rejects.toBeInstanceOf(ValidationError);
    await expect(queryArxivApi(deps, { query: "x", ids: ["2406.03005"] })).rejects.toBeInstanceOf(ValidationError);
  });
});
