import { describe, expect, it } from "vitest";
import { SourceError } from "../../domain/errors.js";
import { fixture, send, sendTruncated, useFixtureServer } from "./__fixtures__/fixture-server.js";
import { harness } from "./__fixtures__/sync-harness.js";
import { harvestOai, oaiStateKey } from "./arxiv-oai-harvest.js";
import { resumeKeyOf } from "./oai-resume-state.js";

const XML = "text/xml; charset=utf-8";
const JUNE_5 = "Wed, 05 Jun 2024 10:00:00 GMT";
const JUNE_6 = "Thu, 06 Jun 2024 09:00:00 GMT";
const KEY = oaiStateKey("cs:cs:LG", "arXiv");

const server = useFixtureServer();

/** A two-page list: the first request gets page 1, the token request page 2. */
function twoPages(date = JUNE_5) {
  server.handle((_req, res, a) => {
    const page = a.query.get("resumptionToken") === "6960524|1001" ? "oai-page-2.xml" : "oai-page-1.xml";
    send(res, fixture(page), XML, { date });
  });
}

describe("harvestOai", () => {
  it("follows resumption tokens, sending only verb and token after the first page", async () => {
    twoPages();
    const { deps, sink, state } = harness(server.url);
    const result = await harvestOai(deps, { set: "cs:cs:LG", from: "2024-06-01", until: "2024-06-04" });

    expect(server.arrivals).toHaveLength(2);
    const [first, second] = server.arrivals;
    expect(first?.path).toBe("/oai2");
    expect(Object.fromEntries(first!.query)).toEqual({
      verb: "ListRecords",
      metadataPrefix: "arXiv",
      from: "2024-06-01",
      until: "2024-06-04",
      set: "cs:cs:LG",
    });
    expect(Object.fromEntries(second!.query)).toEqual({ verb: "ListRecords", resumptionToken: "6960524|1001" });

    expect(result.pages).toBe(2);
    expect(result.summary).toMatchObject({ read: 3, inserted: 3, rejected: 0 });
    expect([...sink.records.keys()].sort()).toEqual(["2406.00101", "2406.00102", "2406.00104"]);
    // A closed range (until) is a back-fill: it must not move the incremental watermark.
    expect(result.advanced).toBe(false);
    expect(state.values.has(KEY)).toBe(false);
    expect(state.values.get(resumeKeyOf(KEY))).toBe("");
  });

  it("takes `from` from the stored watermark and treats noRecordsMatch as an empty success", async () => {
    server.handle((_req, res) => send(res, fixture("oai-no-records.xml"), XML, { date: JUNE_6 }));
    const { deps, state } = harness(server.url);
    await state.setSyncState(KEY, "2024-06-05");
    const result = await harvestOai(deps, { set: "cs:cs:LG" });
    expect(server.arrivals[0]?.query.get("from")).toBe("2024-06-05");
    expect(result.summary.read).toBe(0);
    expect(state.values.get(KEY)).toBe("2024-06-06");
  });

  it("harvests everything (no from) when there is no watermark, keyed per set and format", async () => {
    twoPages();
    const { deps, state } = harness(server.url);
    await harvestOai(deps, { metadataPrefix: "arXivRaw" });
    expect(server.arrivals[0]?.query.has("from")).toBe(false);
    expect(server.arrivals[0]?.query.has("set")).toBe(false);
    expect(server.arrivals[0]?.query.get("metadataPrefix")).toBe("arXivRaw");
    expect(state.values.get("arxiv-oai:all:arXivRaw")).toBe("2024-06-05");
  });

  it("keeps the watermark when a later page fails, then resumes from the saved token", async () => {
    server.handle((_req, res, a) => {
      if (a.query.has("resumptionToken")) res.writeHead(503, { "retry-after": "1" }).end();
      else send(res, fixture("oai-page-1.xml"), XML, { date: JUNE_5 });
    });
    const { deps, state } = harness(server.url);
    await state.setSyncState(KEY, "2024-05-20");
    await expect(harvestOai(deps, { set: "cs:cs:LG" })).rejects.toBeInstanceOf(SourceError);
    expect(state.values.get(KEY)).toBe("2024-05-20");
    expect(JSON.parse(state.values.get(resumeKeyOf(KEY)) ?? "")).toMatchObject({
      token: "6960524|1001",
      from: "2024-05-20",
      startedDay: "2024-06-05",
    });

    server.arrivals.length = 0;
    twoPages(JUNE_6);
    const again = await harvestOai(deps, { set: "cs:cs:LG" });
    expect(again.resumed).toBe(true);
    expect(server.arrivals.map((a) => a.query.get("resumptionToken"))).toEqual(["6960524|1001"]);
    // The watermark is the day the interrupted harvest began, not the day it finished.
    expect(state.values.get(KEY)).toBe("2024-06-05");
  });

  it("starts the list again when the saved token has expired", async () => {
    server.handle((_req, res, a) => {
      const token = a.query.get("resumptionToken");
      if (token === "stale|1") send(res, fixture("oai-bad-token.xml"), XML, { date: JUNE_6 });
      else send(res, fixture(token ? "oai-page-2.xml" : "oai-page-1.xml"), XML, { date: JUNE_6 });
    });
    const { deps, state } = harness(server.url);
    await state.setSyncState(KEY, "2024-05-20");
    await state.setSyncState(
      resumeKeyOf(KEY),
      JSON.stringify({ token: "stale|1", from: "2024-05-20", until: null, startedDay: "2024-06-01" }),
    );
    const result = await harvestOai(deps, { set: "cs:cs:LG" });
    expect(result.resumed).toBe(false);
    expect(server.arrivals.map((a) => a.query.get("resumptionToken") ?? a.query.get("from"))).toEqual([
      "stale|1",
      "2024-05-20",
      "6960524|1001",
    ]);
    expect(state.values.get(KEY)).toBe("2024-06-06");
  });

  it("reports a page cut off mid-body instead of accepting it, and keeps the watermark", async () => {
    server.handle((_req, res) => sendTruncated(res, fixture("oai-page-1.xml"), XML));
    const { deps, state } = harness(server.url);
    await expect(harvestOai(deps, { set: "cs:cs:LG", from: "2024-06-01" })).rejects.toThrow(/cut short/);
    expect(server.arrivals).toHaveLength(2); // re-read once (maxAttempts 2), then reported
    expect(state.values.has(KEY)).toBe(false);
  });

  it("leaves the watermark alone after a back-fill that does not reach it", async () => {
    twoPages();
    const { deps, state } = harness(server.url);
    await state.setSyncState(KEY, "2024-05-20");
    const ranged = await harvestOai(deps, { set: "cs:cs:LG", from: "2024-01-01", until: "2024-01-31" });
    expect(ranged).toMatchObject({ advanced: false, nextFrom: "2024-05-20" });
    const gap = await harvestOai(deps, { set: "cs:cs:LG", from: "2024-06-01" });
    expect(gap.advanced).toBe(false);
    expect(state.values.get(KEY)).toBe("2024-05-20");
    const covering = await harvestOai(deps, { set: "cs:cs:LG", from: "2024-05-01" });
    expect(covering).toMatchObject({ advanced: true, nextFrom: "2024-06-05" });
  });

  it("fails on any other OAI-PMH error and on bad dates", async () => {
    server.handle((_req, res) => send(res, fixture("oai-bad-token.xml"), XML));
    const { deps, state } = harness(server.url);
    await expect(harvestOai(deps, { from: "2024-06-01" })).rejects.toThrow(/badResumptionToken/);
    expect(state.writes).toEqual([]);
    await expect(harvestOai(deps, { from: "June 1" })).rejects.toThrow(/YYYY-MM-DD/);
  });
});
