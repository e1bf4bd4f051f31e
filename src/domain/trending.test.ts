import { describe, expect, it } from "vitest";
import type { HubFacts } from "./paper.js";
import { trendingScore } from "./trending.js";

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
