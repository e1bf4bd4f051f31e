import { createReadStream, readFileSync } from "node:fs";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { ParseOptions, ParseResult } from "../../domain/ingest-types.js";
import { feedDayFromFileName, parseHfDaily } from "./hf-daily.js";

const fixture = (name: string) => new URL(`./__fixtures__/${name}`, import.meta.url);

async function collect(input: NodeJS.ReadableStream, opts: Partial<ParseOptions> = {}): Promise<ParseResult[]> {
  const out: ParseResult[] = [];
  for await (const r of parseHfDaily(input, { file: "f.json", ...opts })) out.push(r);
  return out;
}
const fromFile = (name: string, opts: Partial<ParseOptions> = {}) => collect(createReadStream(fixture(name)), { file: name, ...opts });
const fromText = (text: string, opts: Partial<ParseOptions> = {}) => collect(Readable.from([text]), opts);

function ok(r: ParseResult | undefined) {
  if (!r?.ok) throw new Error(`expected a valid record, got ${JSON.stringify(r)}`);
  return r.record;
}
const reasons = (results: ParseResult[]) => results.flatMap((r) => (r.ok ? [] : [[r.at.index, r.reason]]));

describe("parseHfDaily: field mapping", () => {
  it("maps paper and hub facts of a full entry", async () => {
    const results = await fromFile("hf-entries.json");
    expect(results).toHaveLength(3);
    expect(results[0]?.at).toEqual({ file: "hf-entries.json", index: 0 });
    const { paper, hub } = ok(results[0]);
    expect(paper).toEqual({
      id: "2406.01234",
      version: null,
      title: "Analytical Engines: Notes on a Programmable Machine",
      abstract: "We describe an engine that computes Bernoulli numbers.",
      // Hidden authors are kept; an author without a name is dropped.
      authors: [{ name: "Ada Lovelace" }, { name: "Charles Babbage" }],
      categories: [],
      primaryCategory: null,
      publishedAt: "2024-05-31T17:59:59.000Z",
      updatedAt: null,
      comments: null,
      journalRef: null,
      doi: null,
      license: null,
      links: {
        abs: "https://arxiv.org/abs/2406.01234",
        pdf: "https://arxiv.org/pdf/2406.01234",
        code: "https://github.com/ada/engine",
        project: "https://engine.example.org/",
      },
      source: "hf-daily",
    });
    expect(hub).toEqual({
      // submittedOnDailyAt's UTC date, as no feed day was passed in.
      feedDay: "2024-06-03",
      submittedAt: "2024-06-02T18:00:00.000Z",
      submittedBy: { name: "ada", fullname: "Ada Lovelace", avatarUrl: "https://cdn.example.org/ada.png" },
      upvotes: 42,
      numComments: 3,
      organization: { name: "analytical", fullname: "Analytical Society", avatarUrl: "https://cdn.example.org/org.png" },
      githubRepo: "https://github.com/ada/engine",
      githubStars: 1234,
      projectPage: "https://engine.example.org/",
      aiSummary: "An engine computes Bernoulli numbers.",
      aiKeywords: ["analytical engine", "Bernoulli numbers"],
      thumbnail: "https://cdn.example.org/thumbs/2406.01234.png",
      discussionId: "665d1c0ffee",
    });
  });

  it("falls back to paper-level submitter and organisation, and mediaUrl as thumbnail", async () => {
    const { paper, hub } = ok((await fromFile("hf-entries.json"))[1]);
    expect(paper.title).toBe("Fallback Fields 🚀 Everywhere");
    expect(paper.authors).toEqual([{ name: "Émilie du Châtelet" }]);
    expect(hub?.submittedBy).toEqual({ name: "emilie", fullname: "Émilie", avatarUrl: "https://cdn.example.org/emilie.png" });
    expect(hub?.organization).toEqual({ name: "chatelet-lab", fullname: "Châtelet Lab", avatarUrl: "https://cdn.example.org/lab.png" });
    expect(hub?.thumbnail).toBe("https://cdn.example.org/media/2406.05678.mp4");
    expect(hub?.upvotes).toBe(0);
    expect(hub?.githubRepo).toBeNull();
    expect(hub?.aiKeywords).toBeNull();
    expect(hub?.discussionId).toBeNull();
  });

  it("keeps a non-arXiv id without arXiv links", async () => {
    const { paper } = ok((await fromFile("hf-entries.json"))[2]);
    expect(paper.id).toBe("hub-paper-77");
    expect(paper.links).toEqual({});
    expect(paper.abstract).toBe("");
  });
});

describe("parseHfDaily: feed day", () => {
  const days = async (opts: Partial<ParseOptions>) => (await fromFile("hf-entries.json", opts)).map((r) => ok(r).hub?.feedDay);

  it("prefers opts.feedDay, then submittedOnDailyAt, then the feed rule on publishedAt", async () => {
    expect(await days({ feedDay: "2024-06-07" })).toEqual(["2024-06-07", "2024-06-07", "2024-06-07"]);
    // Entry 1 was submitted at 17:30 UTC, past the default 17:00 rollover: next day.
    expect(await days({})).toEqual(["2024-06-03", "2024-06-04", "2024-06-02"]);
    expect(await days({ feed: { timeZone: "UTC", rolloverHour: 0 } })).toEqual(["2024-06-03", "2024-06-03", "2024-06-02"]);
    expect(await days({ feed: { timeZone: "America/New_York", rolloverHour: 0 } })).toEqual(["2024-06-03", "2024-06-03", "2024-06-02"]);
    expect(await days({ feed: { timeZone: "Asia/Tokyo", rolloverHour: 0 } })).toEqual(["2024-06-03", "2024-06-04", "2024-06-02"]);
  });

  it("reads the day from YYYY-MM-DD.json file names only", () => {
    expect(feedDayFromFileName("/data/raw/2024-06-03.json")).toBe("2024-06-03");
    expect(feedDayFromFileName("2024-06-03.json.gz")).toBe("2024-06-03");
    expect(feedDayFromFileName("/data/2024-02-30.json")).toBeUndefined();
    expect(feedDayFromFileName("/data/2024-06-03.jsonl")).toBeUndefined();
    expect(feedDayFromFileName("/2024-06-03/papers.json")).toBeUndefined();
    expect(feedDayFromFileName("daily-2024-06-03.json")).toBeUndefined();
  });
});

describe("parseHfDaily: input shapes and bad input", () => {
  it("reads the wrapped {status, date, count, data} form, skipping other members", async () => {
    const results = await fromFile("hf-wrapped.json");
    expect(results).toHaveLength(2);
    expect(ok(results[0]).paper).toMatchObject({ id: "2501.00002", title: "Inside the Wrapper", authors: [{ name: "Wrapped Author" }] });
    expect(reasons(results)).toEqual([[1, "entry is a string (Python repr?), not a JSON object"]]);
  });

  it("rejects bad entries one by one and keeps going", async () => {
    const results = await fromFile("hf-bad-entries.json");
    expect(reasons(results)).toEqual([
      [0, "entry is a string (Python repr?), not a JSON object"],
      [1, "entry is a number, not a JSON object"],
      [2, "entry has no paper object"],
      [3, "entry has no paper.id"],
      [4, "entry 2401.00003 has no title"],
      [5, "paper.upvotes is a string, expected a number"],
      [6, "paper.authors is a string, expected an array"],
      [7, "paper.id is a number, expected a string"],
      [8, "entry is null, not a JSON object"],
    ]);
    expect(results).toHaveLength(10);
    expect(results[9]?.at.index).toBe(9);
    expect(ok(results[9]).paper.title).toBe("Still Parsed After Bad Entries");
  });

  it("yields the entries before a truncation, then one rejection", async () => {
    const results = await fromFile("hf-truncated.json");
    expect(results).toHaveLength(2);
    expect(ok(results[0]).paper.id).toBe("2401.00009");
    expect(results[1]).toEqual({
      ok: false,
      // The last line is 29 characters long and ends inside a string.
      reason: "unexpected end of input (an unterminated string) at line 15, column 30",
      at: { file: "hf-truncated.json", index: 1 },
    });
  });

  it("names the JSON error and its position for a syntax error inside an entry", async () => {
    const entry = readFileSync(fixture("hf-wrapped.json"), "utf8");
    const good = JSON.stringify(JSON.parse(entry).data[0]);
    const results = await fromText(`[\n${good},\n{"paper": {"id" "x"}}, ${good}]`);
    expect(results).toHaveLength(2);
    expect(results[0]?.ok).toBe(true);
    const bad = results[1];
    expect(bad?.ok).toBe(false);
    expect(bad?.at.index).toBe(1);
    expect(!bad?.ok && bad?.reason).toMatch(/^invalid JSON in entry 1: .+ \(line 3, column 17\)$/);
  });

  it("rejects a top-level value that is neither an array nor the wrapped object", async () => {
    expect(reasons(await fromText('"hello"'))).toEqual([
      [0, 'top-level JSON value is a string, expected an array or an object with a "data" array at line 1, column 1'],
    ]);
    expect(reasons(await fromText('{"status": "ok", "count": 0}'))).toEqual([
      [0, 'top-level object has no "data" array at line 1, column 28'],
    ]);
    expect(reasons(await fromText('{"status": "ok", "data": {"a": 1}}'))).toEqual([
      [0, '"data" is an object, expected an array at line 1, column 26'],
    ]);
    expect(reasons(await fromText("nope"))).toEqual([
      [0, 'top-level JSON value is a bare word or text (starts with "n"), expected an array or an object with a "data" array at line 1, column 1'],
    ]);
    expect(reasons(await fromText(""))).toEqual([[0, "unexpected end of input (no JSON value) at line 1, column 1"]]);
  });

  it("treats an empty array as no entries", async () => {
    expect(await fromText("[ ]\n")).toEqual([]);
    expect(await fromText('{"status":"success","date":"2024-06-01","count":0,"data":[]}')).toEqual([]);
  });
});
