// The serialisers against the contracts written from the issue: field names, optional facts, ISO instants, stable ids, safe links.
import { describe, expect, it } from "vitest";
import { emptyPaper, type HubFacts, type StoredPaper } from "../domain/paper.js";
import { isoInstant, objectId, submittedOnDailyAt, toDailyItem, toOrganizationObject, toPaperObject, toSearchItem, toUserObject } from "./daily-papers-shapes.js";
import { DailyItemSchema, OrganizationSchema, PaperSchema, SearchItemSchema, UserSchema } from "./schemas.js";

const hub = (h: Partial<HubFacts>): HubFacts => ({
  feedDay: null, submittedAt: null, submittedBy: null, upvotes: null, numComments: null, organization: null, githubRepo: null, githubStars: null,
  projectPage: null, aiSummary: null, aiKeywords: null, thumbnail: null, discussionId: null, lastListedDay: null, ...h,
});
const stored = (p: Partial<StoredPaper> = {}): StoredPaper => ({
  ...emptyPaper("2407.21783", "arxiv-atom"),
  title: "The Llama 3 Herd of Models",
  abstract: "Modern AI systems.",
  authors: [{ name: "Abhimanyu Dubey" }, { name: "Abhinav Jauhri" }],
  publishedAt: "2024-07-31T17:54:27Z",
  hub: null,
  createdAt: "2024-08-01T00:00:00.000Z",
  modifiedAt: "2024-08-01T00:00:00.000Z",
  ...p,
});

describe("toPaperObject", () => {
  it("gives only the always-present fields for a paper the feed never saw", () => {
    const o = PaperSchema.parse(toPaperObject({ paper: stored(), upvotes: 0, comments: 0 }));
    expect(Object.keys(o)).toEqual(["id", "authors", "publishedAt", "title", "summary", "upvotes", "discussionId", "numComments"]);
    expect(o.publishedAt).toBe("2024-07-31T17:54:27.000Z");
    expect(o.authors.map((a) => Object.keys(a))).toEqual([["_id", "name", "hidden"], ["_id", "name", "hidden"]]);
    expect(new Set(o.authors.map((a) => a._id)).size).toBe(2);
    expect(o.discussionId).toMatch(/^[0-9a-f]{24}$/);
  });

  it("adds every known hub fact, with users and organisations in their shapes", () => {
    const paper = stored({
      links: { code: "https://github.com/meta-llama/llama3" },
      hub: hub({
        feedDay: "2024-08-01",
        submittedAt: "2024-08-01T03:10:00.5Z",
        submittedBy: { name: "akhaliq", fullname: "AK", avatarUrl: "/avatars/ak.svg" },
        organization: { name: "meta-llama", fullname: "Meta Llama", avatarUrl: "https://cdn.example.org/m.png" },
        githubStars: 2500,
        projectPage: "https://llama.meta.com",
        aiSummary: "A family of models.",
        aiKeywords: ["LLM"],
        discussionId: "66aa",
      }),
    });
    const o = PaperSchema.parse(toPaperObject({ paper, upvotes: 7, comments: 2 }));
    expect(o).toMatchObject({
      upvotes: 7,
      numComments: 2,
      discussionId: "66aa",
      submittedOnDailyAt: "2024-08-01T03:10:00.500Z",
      submittedOnDailyBy: { name: "akhaliq", user: "akhaliq", fullname: "AK", avatarUrl: "/avatars/ak.svg", type: "user", isPro: false },
      organization: { name: "meta-llama", fullname: "Meta Llama", avatarUrl: "https://cdn.example.org/m.png" },
      githubRepo: "https://github.com/meta-llama/llama3",
      githubStars: 2500,
      projectPage: "https://llama.meta.com",
      ai_summary: "A family of models.",
      ai_keywords: ["LLM"],
    });
  });

  it("never passes on a link that is not http(s)", () => {
    const paper = stored({ links: { code: "javascript:alert(1)", project: "data:text/html,x" }, hub: hub({ thumbnail: "javascript:x", submittedBy: { name: "x", avatarUrl: "javascript:y" } }) });
    const item = toDailyItem({ paper, upvotes: 0, comments: 0 });
    expect(item.githubRepo).toBeUndefined();
    expect(item.projectPage).toBeUndefined();
    expect(item.thumbnail).toBe("");
    expect(item.submittedBy?.avatarUrl).toBe("");
  });

  it("falls back to the stored date when arXiv gives none, always as toISOString() writes it", () => {
    expect(toPaperObject({ paper: stored({ publishedAt: null }), upvotes: 0, comments: 0 }).publishedAt).toBe("2024-08-01T00:00:00.000Z");
    expect(isoInstant("2024-06-05T09:00:00+02:00")).toBe("2024-06-05T07:00:00.000Z");
    expect(isoInstant("nonsense")).toBeNull();
  });
});

describe("submittedOnDailyAt", () => {
  it("is the submission when it falls on the feed day's date, else the feed day's midnight UTC", () => {
    expect(submittedOnDailyAt(stored({ hub: hub({ feedDay: "2024-06-05", submittedAt: "2024-06-05T09:00:00Z" }) }))).toBe("2024-06-05T09:00:00.000Z");
    expect(submittedOnDailyAt(stored({ hub: hub({ feedDay: "2024-06-06", submittedAt: "2024-06-05T18:00:00Z" }) }))).toBe("2024-06-06T00:00:00.000Z");
    expect(submittedOnDailyAt(stored({ hub: hub({ feedDay: "2024-06-06" }) }))).toBe("2024-06-06T00:00:00.000Z");
    expect(submittedOnDailyAt(stored({ hub: hub({ submittedAt: "2024-06-05T18:00:00Z" }) }))).toBeNull();
  });
});

describe("toDailyItem", () => {
  it("repeats the paper's title, summary, counts and facts at the top level", () => {
    const paper = stored({ hub: hub({ feedDay: "2024-08-01", githubRepo: "https://github.com/a/b", githubStars: 3, aiSummary: "S", aiKeywords: ["k"], projectPage: "https://p.example.org" }) });
    const item = DailyItemSchema.parse(toDailyItem({ paper, upvotes: 5, comments: 1 }));
    expect(item).toMatchObject({ title: item.paper.title, summary: item.paper.summary, upvotes: 5, numComments: 1, publishedAt: "2024-08-01T00:00:00.000Z", submittedBy: null });
    for (const k of ["ai_summary", "ai_keywords", "githubRepo", "githubStars", "projectPage"] as const) expect(item[k]).toEqual(item.paper[k]);
    expect(SearchItemSchema.parse(toSearchItem({ paper, upvotes: 5, comments: 1 })).id).toBe("2407.21783");
  });

  it("is refused by the contract when a field is misnamed, missing or not an ISO instant", () => {
    const item = toDailyItem({ paper: stored(), upvotes: 0, comments: 0 });
    expect(DailyItemSchema.safeParse({ ...item, numcomments: 0 }).success).toBe(false);
    const { thumbnail: _t, ...noThumbnail } = item;
    expect(DailyItemSchema.safeParse(noThumbnail).success).toBe(false);
    expect(DailyItemSchema.safeParse({ ...item, publishedAt: "2024-07-31T17:54:27Z" }).success).toBe(false);
  });
});

describe("users and organisations", () => {
  it("derive stable 24-hex ids from their names, case-blind", () => {
    const a = UserSchema.parse(toUserObject({ name: "Alice" }));
    expect(a).toEqual({ _id: objectId("user", "alice"), name: "Alice", user: "Alice", fullname: "Alice", avatarUrl: "", type: "user", isPro: false });
    expect(toUserObject({ name: "alice" })._id).toBe(a._id);
    expect(objectId("user", "bob")).not.toBe(a._id);
    expect(OrganizationSchema.parse(toOrganizationObject({ name: "acme" }))).toEqual({ _id: objectId("org", "acme"), name: "acme", fullname: "acme", avatarUrl: "" });
  });
});
