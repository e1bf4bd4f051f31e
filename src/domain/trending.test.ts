import { describe, expect, it } from "vitest";
import type { HubFacts } from "./paper.js";
import { enteredAt, rankTrending, trendingScore, trendingScoreOf } from "./trending.js";

const now = new Date("2024-06-10T12:00:00Z");
const hub = (over: Partial<HubFacts>): HubFacts =>
  ({ feedDay: null, submittedAt: null, submittedBy: null, upvotes: null, numComments: null, organization: null, githubRepo: null, githubStars: null,
    projectPage: null, aiSummary: null, aiKeywords: null, thumbnail: null, discussionId: null, lastListedDay: null, ...over });

describe("trendingScore", () => {
  it("is upvotes + 2·comments + √stars, halved every half-life", () => {
    const p = { publishedAt: null, hub: hub({ upvotes: 10, numComments: 3, githubStars: 16, submittedAt: "2024-06-10T12:00:00Z" }) };
    expect(trendingScore(p, { now })).toBeCloseTo(20, 10);
    const older = { ...p, hub: { ...p.hub, submittedAt: "2024-06-08T12:00:00Z" } };
    expect(trendingScore(older, { now })).toBeCloseTo(10, 10);
    expect(trendingScore(older, { now, halfLifeHours: 24 })).toBeCloseTo(5, 10);
    // The hub's own votes and comments add to the imported counts: (10 + 2) + 2·(3 + 1) + 4 = 24.
    expect(trendingScore(p, { now }, { upvotes: 2, comments: 1 })).toBeCloseTo(24, 10);
  });
  it("falls back to the feed day, then the publication date, and scores 0 without any interest", () => {
    expect(trendingScore({ publishedAt: null, hub: hub({ upvotes: 4, feedDay: "2024-06-08" }) }, { now })).toBeCloseTo(4 * 2 ** (-60 / 48), 10);
    expect(trendingScore({ publishedAt: "2024-06-10T12:00:00Z", hub: hub({ upvotes: 4 }) }, { now })).toBeCloseTo(4, 10);
    expect(trendingScore({ publishedAt: "2024-06-10T12:00:00Z", hub: null }, { now })).toBe(0);
  });
  it("never rises with age and never goes negative", () => {
    let last = Infinity;
    for (let h = 0; h < 500; h += 7) {
      const s = trendingScore({ publishedAt: null, hub: hub({ upvotes: 3, submittedAt: new Date(now.getTime() - h * 3_600_000).toISOString() }) }, { now });
      expect(s).toBeLessThanOrEqual(last);
      expect(s).toBeGreaterThanOrEqual(0);
      last = s;
    }
  });
});

describe("rankTrending", () => {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000).toISOString();
  const c = (id: string, upvotes: number, comments: number, hoursAgo: number | null, stars: number | null = null) =>
    ({ id, upvotes, comments, stars, since: hoursAgo === null ? null : at(hoursAgo) });

  it("orders by score, then upvotes, then newer, then id", () => {
    const items = [
      c("d", 4, 0, 0), // 4
      c("a", 4, 2, 48), // (4 + 4) / 2 = 4, same upvotes as d but older
      c("b", 2, 1, 0), // 4, fewer upvotes
      c("h", 8, 0, 48), // 4, most upvotes
      c("e", 4, 0, 0), // 4, same as d: id decides
      c("c", 40, 0, 240), // 40 / 32 = 1.25
      c("f", 0, 0, 0), // 0
      c("g", 0, 0, null, 9), // √9 = 3, undated: a year old, ~0
    ];
    expect(rankTrending(items, { now }).map((x) => x.id)).toEqual(["h", "d", "e", "a", "b", "c", "g", "f"]);
    // The input order never matters.
    expect(rankTrending([...items].reverse(), { now }).map((x) => x.id)).toEqual(["h", "d", "e", "a", "b", "c", "g", "f"]);
  });

  it("weighs age by the configured half-life", () => {
    const items = [c("old-popular", 30, 0, 72), c("fresh", 10, 0, 0)];
    // 48 h: 30 · 2^-1.5 ≈ 10.6 > 10
    expect(rankTrending(items, { now }).map((x) => x.id)).toEqual(["old-popular", "fresh"]);
    // 24 h: 30 · 2^-3 = 3.75 < 10
    expect(rankTrending(items, { now, halfLifeHours: 24 }).map((x) => x.id)).toEqual(["fresh", "old-popular"]);
    expect(rankTrending(items, { now, halfLifeHours: 24 })[1]!.score).toBeCloseTo(3.75, 10);
  });

  it("counts what the page shows: local and imported counts together", () => {
    expect(trendingScoreOf({ upvotes: 3, comments: 2, stars: 16, since: now.toISOString() }, { now })).toBeCloseTo(11, 10);
    expect(enteredAt({ publishedAt: "2024-01-01T00:00:00Z", hub: hub({ feedDay: "2024-06-08" }) })).toBe("2024-06-08T00:00:00Z");
  });
});
