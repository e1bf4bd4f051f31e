// The feed pages through the whole app: daily, weekly, monthly, navigation, trending, organisations, escaping, 400s.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser, feedRecord, setStats } from "../../feed/test-support/feed-records.js";
import type { Store } from "../../storage/store.js";
import { sqliteBackend } from "../../storage/test-support/backends.js";
import { feedHub, pageText } from "../test-support/feed-hub.js";

const backend = sqliteBackend();
let store: Store;
let now = new Date("2024-06-05T12:00:00Z");
const app = () => feedHub(store, { now: () => now });
const get = (path: string) => app().request(path);
/** Paper ids in the order their cards appear. */
const cardIds = (html: string) => [...html.matchAll(/<h[23] class="card-title" id="card-\d+"><a href="\/papers\/([^"]+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  store = await backend.open();
  await store.upsertPapers([
    feedRecord("2406.00001", { day: "2024-06-03", upvotes: 4 }),
    feedRecord("2406.00002", {
      day: "2024-06-05",
      upvotes: 12,
      comments: 3,
      org: "deepmind",
      stars: 1234,
      paper: {
        title: "Attention with $O(n \\log n)$ cost",
        authors: ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Emmy Noether", "Kurt Gödel"].map((name) => ({ name })),
        links: { abs: "https://arxiv.org/abs/2406.00002", pdf: "https://arxiv.org/pdf/2406.00002", project: "javascript:alert(1)" },
      },
      hub: { thumbnail: "https://cdn.example.org/t.png", projectPage: "https://project.example.org" },
    }),
    feedRecord("2406.00003", {
      day: "2024-06-05",
      upvotes: 7,
      paper: { title: "<script>window.pwned=1</script> Robust models" },
      hub: { thumbnail: "http://insecure.example.org/t.png" },
    }),
    feedRecord("2406.00004", { day: "2024-06-05", upvotes: 1 }),
    feedRecord("2406.00005", { day: "2024-06-07", upvotes: 30 }),
    feedRecord("2406.00006", { day: "2024-06-12", upvotes: 2, org: "DeepMind" }),
    feedRecord("2406.00007", { day: "2024-06-05", upvotes: 99 }),
  ]);
  await setStats(store, "2406.00004", { upvotes: 9 });
  await setStats(store, "2406.00007", { hidden: true });
});
afterAll(async () => {
  await store.close();
  await backend.cleanup();
});

describe("GET /papers", () => {
  it("shows today's feed day, most upvoted first, with cards that carry everything", async () => {
    now = new Date("2024-06-04T18:00:00Z"); // past the 17:00 rollover: the feed day is 2024-06-05
    const res = await get("/papers");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toMatch(/style-src 'self'/);
    const html = await pageText(res);
    expect(html).toContain("<h1>Today&#39;s papers<span class=\"subtitle\"> Wednesday, 5 June 2024</span></h1>");
    expect(html).toContain("Wednesday, 5 June 2024");
    // Local votes count (00004: 1 + 9 = 10); the hidden 00007 is left out.
    expect(cardIds(html)).toEqual(["2406.00002", "2406.00004", "2406.00003"]);
    // Card: LaTeX title, first three authors then +N, submitter, organisation link, counts, categories, links, thumbnail.
    expect(html).toMatch(/Attention with <math>.*<\/math> cost/);
    expect(html).toContain("Ada Lovelace, Alan Turing, Grace Hopper +2");
    expect(html).toContain("submitted by AK");
    expect(html).toContain('<a href="/orgs/deepmind">deepmind Research</a>');
    expect(html).toMatch(/▲ <\/span>12<span class="sr-only"> upvotes/);
    expect(html).toMatch(/<a class="comment-count" href="\/papers\/2406.00002#comments"><svg[^>]*>.*<\/svg>3<span class="sr-only"> comments/);
    expect(html).toContain("<li>cs.LG</li>");
    expect(html).toMatch(/<a href="https:\/\/github.com\/x\/2406.00002" rel="noopener nofollow">Code<span class="stars"> ★ 1.2k/);
    expect(html).toContain('href="https://project.example.org"');
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<img src="https://cdn.example.org/t.png" alt=""');
    // An http thumbnail is not loaded: a typographic card stands in.
    expect(html).not.toContain("insecure.example.org");
    expect(html).toMatch(/<a class="cover typo hue-\d+" href="\/papers\/2406.00003"/);
    expect(html).toContain('<span class="typo-initials">SWP</span>');
  });

  it("escapes a <script> title", async () => {
    const html = await pageText(await get("/papers?date=2024-06-05"));
    expect(html).not.toContain("<script>window.pwned");
    expect(html).toContain("&lt;script&gt;window.pwned=1&lt;/script&gt; Robust models");
  });

  it("links the previous and next days that have papers, and offers day, week and month", async () => {
    const html = await pageText(await get("/papers?date=2024-06-05"));
    expect(html).toMatch(/<a rel="prev" href="\/papers\?date=2024-06-03">← 3 Jun 2024/);
    expect(html).toMatch(/<a rel="next" href="\/papers\?date=2024-06-07">7 Jun 2024 →/);
    expect(html).toContain('<a href="/papers?date=2024-06-05" aria-current="page">Day</a>');
    expect(html).toContain('<a href="/papers?week=2024-W23">Week</a>');
    expect(html).toContain('<a href="/papers?month=2024-06">Month</a>');
    expect(html).toMatch(/<label for="pick-date">Go to a day<\/label><input id="pick-date" type="date" name="date" value="2024-06-05"/);
  });

  it("falls back to the latest day with papers when today is empty, saying so", async () => {
    now = new Date("2024-06-09T12:00:00Z");
    const html = await pageText(await get("/papers"));
    expect(html).toContain("Nothing on the feed for today (Sunday, 9 June 2024) yet: showing Friday, 7 June 2024, the latest day with papers.");
    expect(cardIds(html)).toEqual(["2406.00005"]);
    // The home page is the same page.
    expect(cardIds(await pageText(await get("/")))).toEqual(["2406.00005"]);
  });

  it("lists a week and a month with their days, and moves between weeks", async () => {
    const week = await pageText(await get("/papers?week=2024-W23"));
    expect(week).toContain("Week 23 of 2024: 3 Jun 2024 – 9 Jun 2024");
    expect(cardIds(week)).toEqual(["2406.00005", "2406.00002", "2406.00004", "2406.00003", "2406.00001"]);
    expect(week).toContain('<a href="/papers?date=2024-06-05"><span class="day-name">Wed 5 Jun</span><span class="day-count">3 papers</span></a>');
    expect(week).toMatch(/<a rel="next" href="\/papers\?week=2024-W24">/);
    expect(week).not.toContain('rel="prev"');
    const month = await pageText(await get("/papers?month=2024-06"));
    expect(month).toContain("June 2024");
    expect(cardIds(month)).toHaveLength(6);
  });

  it("pages long lists", async () => {
    const html = await pageText(await feedHub(store, { now: () => now, pageSize: 2 }).request("/papers?month=2024-06&page=2"));
    expect(cardIds(html)).toEqual(["2406.00004", "2406.00003"]);
    expect(html).toContain('<a rel="prev" href="/papers?month=2024-06">← Previous page</a>');
    expect(html).toContain('<a rel="next" href="/papers?month=2024-06&amp;page=3">Next page →</a>');
  });

  it.each([
    ["/papers?date=2024-02-30", /date must be a calendar day/],
    ["/papers?date=%3Cscript%3E", /got &quot;&lt;script&gt;&quot;/],
    ["/papers?week=2024-W54", /week must be an ISO week/],
    ["/papers?month=2024-13", /month must be written YYYY-MM/],
    ["/papers?date=2024-06-05&month=2024-06", /only one of date, week or month/],
    ["/papers?page=0", /page must be a whole number/],
  ])("answers %s with a 400 page that says why", async (path, message) => {
    const res = await get(path);
    expect(res.status).toBe(400);
    expect(await pageText(res)).toMatch(message);
  });
});

describe("GET /papers/trending", () => {
  it("orders by decayed interest, hidden papers left out", async () => {
    now = new Date("2024-06-12T12:00:00Z");
    const res = await get("/papers/trending");
    expect(res.status).toBe(200);
    const html = await pageText(res);
    // Ages from 09:00 on each feed day, half-life 48 h:
    // 00005 30·2^(-123/48) ≈ 5.1; 00002 (12 + 6 + √1234)·2^(-171/48) ≈ 4.6; 00006 2·2^(-3/48) ≈ 1.9;
    // 00004 10·2^(-171/48) ≈ 0.85; 00003 7·2^(-171/48) ≈ 0.59; 00001 4·2^(-219/48) ≈ 0.17.
    expect(cardIds(html)).toEqual(["2406.00005", "2406.00002", "2406.00006", "2406.00004", "2406.00003", "2406.00001"]);
    expect(html).toContain("halved every 48 hours");
    // A shorter half-life lets the fresh paper lead.
    const short = await pageText(await feedHub(store, { now: () => now, halfLifeHours: 12 }).request("/papers/trending"));
    expect(cardIds(short)[0]).toBe("2406.00006");
  });
});

describe("GET /orgs/:name", () => {
  it("lists an organisation's papers in any case and its members", async () => {
    await addUser(store, "ada", { org: "DeepMind", displayName: "Ada L." });
    const html = await pageText(await get("/orgs/DEEPMIND"));
    expect(html).toContain("deepmind Research");
    expect(cardIds(html)).toEqual(["2406.00006", "2406.00002"]);
    expect(html).toContain('<a href="/u/ada">Ada L.</a>');
    expect((await get("/orgs/nobody-at-all")).status).toBe(404);
  });
});

describe("other lists", () => {
  it("lists every paper at /papers/latest and sends old home-page cursors there", async () => {
    const html = await pageText(await get("/papers/latest"));
    expect(cardIds(html)).toHaveLength(6);
    expect(cardIds(html)).not.toContain("2406.00007");
    const old = await get("/?cursor=abc");
    expect(old.status).toBe(301);
    expect(old.headers.get("location")).toBe("/papers/latest?cursor=abc");
    expect((await get("/papers/latest?cursor=%25%25")).status).toBe(400);
  });

  it("shows how to import papers when the store is empty", async () => {
    const empty = await backend.open();
    try {
      const html = await pageText(await feedHub(empty, { now: () => now }).request("/papers"));
      expect(html).toContain("No papers yet");
    } finally {
      await empty.close();
    }
  });
});
