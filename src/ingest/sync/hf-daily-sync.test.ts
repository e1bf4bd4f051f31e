import { beforeEach, describe, expect, it } from "vitest";
import { fixture, send, useFixtureServer } from "./__fixtures__/fixture-server.js";
import { harness } from "./__fixtures__/sync-harness.js";
import { HF_STATE_KEY, syncHfDays, type HfDayProgress } from "./hf-daily-sync.js";

const JSON_TYPE = "application/json; charset=utf-8";

/** 100 entries (one full page) built from the fixture entry with distinct ids. */
function fullPage(): string {
  const [entry] = JSON.parse(fixture("hf-2024-06-03.json")) as Array<{ paper: { id: string } }>;
  const page = Array.from({ length: 100 }, (_, i) => {
    const e = structuredClone(entry!);
    e.paper.id = `2406.1${String(i).padStart(4, "0")}`;
    return e;
  });
  return JSON.stringify(page);
}

const server = useFixtureServer();
beforeEach(() => {
  server.handle((_req, res, a) => {
    const day = a.query.get("date");
    const p = a.query.get("p");
    if (day === "2024-06-03") send(res, fixture("hf-2024-06-03.json"), JSON_TYPE);
    else if (day === "2024-06-04") res.writeHead(500).end("oops");
    else if (day === "2024-06-05") send(res, p === "1" ? fixture("hf-2024-06-05-p1.json") : fullPage(), JSON_TYPE);
    else send(res, fixture("hf-empty.json"), JSON_TYPE);
  });
});

describe("syncHfDays", () => {
  it("back-fills N days oldest first, records a failing day and goes on", async () => {
    const { deps, sink, state } = harness(server.url);
    const progress: HfDayProgress[] = [];
    const result = await syncHfDays(deps, { days: 3, today: "2024-06-05", onProgress: (p) => progress.push(p) });

    expect(result.days).toEqual(["2024-06-03", "2024-06-04", "2024-06-05"]);
    expect(result.ok).toBe(false);
    expect(result.failed.map((f) => f.day)).toEqual(["2024-06-04"]);
    expect(result.failed[0]?.error).toContain("HTTP 500");
    expect(progress.map((p) => [p.day, p.done, p.total, p.summary.read, p.error !== undefined])).toEqual([
      ["2024-06-03", 1, 3, 2, false],
      ["2024-06-04", 2, 3, 0, true],
      ["2024-06-05", 3, 3, 101, false],
    ]);
    expect(result.summary.read).toBe(103);
    // The watermark stops before the failed day so the next incremental run redoes it.
    expect(state.values.get(HF_STATE_KEY)).toBe("2024-06-03");
    // The asked date is the feed day, whatever the entries' own timestamps say.
    expect(sink.records.get("2406.00881")?.hub?.feedDay).toBe("2024-06-03");
    expect(sink.records.get("2406.02990")?.hub?.feedDay).toBe("2024-06-05");
  });

  it("asks for the next page only after a full one", async () => {
    const { deps } = harness(server.url);
    await syncHfDays(deps, { date: "2024-06-05" });
    expect(server.arrivals.map((a) => `${a.path}?${a.query}`)).toEqual([
      "/api/daily_papers?date=2024-06-05&limit=100",
      "/api/daily_papers?date=2024-06-05&limit=100&p=1",
    ]);
  });

  it("catches up from the stored day to today, and treats an empty day as success", async () => {
    const { deps, state } = harness(server.url);
    await state.setSyncState(HF_STATE_KEY, "2024-06-06");
    const result = await syncHfDays(deps, { today: "2024-06-08" });
    expect(result.days).toEqual(["2024-06-06", "2024-06-07", "2024-06-08"]);
    expect(result.ok).toBe(true);
    expect(state.values.get(HF_STATE_KEY)).toBe("2024-06-08");
  });

  it("never moves the watermark backwards when back-filling old days", async () => {
    const { deps, state } = harness(server.url);
    await state.setSyncState(HF_STATE_KEY, "2024-06-10");
    await syncHfDays(deps, { date: "2024-06-03" });
    expect(state.values.get(HF_STATE_KEY)).toBe("2024-06-10");
  });
});
