import { describe, expect, it } from "vitest";
import { EMPTY_HUB, mergeHub, mergeMode, mergePaper } from "./paper-merge.js";
import { emptyPaper, type HubFacts, type Paper } from "./paper.js";

function paper(over: Partial<Paper> = {}): Paper {
  return {
    ...emptyPaper("2407.21783", "arxiv-oai"),
    version: 1,
    title: "Original title",
    abstract: "Original abstract.",
    authors: [{ name: "Ada Lovelace" }],
    categories: ["cs.CL"],
    primaryCategory: "cs.CL",
    publishedAt: "2024-07-31T17:00:00.000Z",
    updatedAt: "2024-07-31T17:00:00.000Z",
    comments: "10 pages",
    journalRef: null,
    doi: null,
    license: "http://creativecommons.org/licenses/by/4.0/",
    links: { abs: "https://arxiv.org/abs/2407.21783" },
    ...over,
  };
}

function hub(over: Partial<HubFacts> = {}): HubFacts {
  return { ...EMPTY_HUB, ...over };
}

/** Hub facts without bookkeeping fields that mergeHub maintains itself (e.g. lastListedDay). */
function facts(h: HubFacts | null): Record<string, unknown> | null {
  if (!h) return h;
  const { lastListedDay: _ignored, ...rest } = h as HubFacts & { lastListedDay?: unknown };
  return rest;
}

describe("mergeMode", () => {
  it.each([
    [1, 2, "replace"],
    [2, 2, "replace"],
    [3, 2, "keep"],
    [2, null, "fill"],
    [null, 2, "replace"],
    [null, null, "replace"],
  ] as const)("existing v%s, incoming v%s -> %s", (ev, iv, mode) => {
    expect(mergeMode(paper({ version: ev }), paper({ version: iv }))).toBe(mode);
  });
});

describe("mergePaper", () => {
  it("returns the incoming record when nothing is stored", () => {
    const inc = paper();
    expect(mergePaper(undefined, inc)).toBe(inc);
  });

  it("a newer version replaces the stored fields", () => {
    const existing = paper({ version: 1 });
    const incoming = paper({
      version: 2,
      title: "Revised title",
      abstract: "Revised abstract.",
      authors: [{ name: "Ada Lovelace" }, { name: "Charles Babbage" }],
      categories: ["cs.CL", "cs.LG"],
      updatedAt: "2024-08-15T10:00:00.000Z",
      publishedAt: "2024-08-15T10:00:00.000Z",
      comments: "12 pages",
      doi: "10.1000/xyz",
      source: "arxiv-atom",
    });
    const merged = mergePaper(existing, incoming);
    expect(merged).toEqual({
      ...incoming,
      publishedAt: "2024-07-31T17:00:00.000Z",
    });
    expect(merged.version).toBe(2);
    expect(merged.source).toBe("arxiv-atom");
  });

  it("an older version keeps the stored record unchanged", () => {
    const existing = paper({ version: 3, title: "v3 title" });
    const merged = mergePaper(existing, paper({ version: 2, title: "v2 title", doi: "10.1/old" }));
    expect(merged).toEqual(existing);
    expect(merged.title).toBe("v3 title");
    expect(merged.doi).toBeNull();
  });

  it("a versionless record only fills gaps", () => {
    const existing = paper({ version: 2, doi: null, journalRef: null, links: { abs: "https://arxiv.org/abs/2407.21783" } });
    const incoming: Paper = {
      ...emptyPaper("2407.21783", "hf-daily"),
      title: "Different title from the hub",
      abstract: "Hub abstract.",
      authors: [{ name: "Someone Else" }],
      doi: "10.1000/filled",
      journalRef: "Nature 1 (2024)",
      publishedAt: "2024-07-01T00:00:00.000Z",
      links: { abs: "https://hf.co/papers/2407.21783", code: "https://github.com/a/b" },
    };
    const merged = mergePaper(existing, incoming);
    expect(merged).toEqual({
      ...existing,
      doi: "10.1000/filled",
      journalRef: "Nature 1 (2024)",
      links: { abs: "https://arxiv.org/abs/2407.21783", code: "https://github.com/a/b" },
    });
    expect(merged.version).toBe(2);
    expect(merged.source).toBe("arxiv-oai");
  });

  it("a versionless record fills an empty title/abstract/authors", () => {
    const existing = paper({ version: 1, title: "", abstract: "", authors: [], categories: [] });
    const incoming = paper({ version: null, title: "Hub title", abstract: "Hub abstract", authors: [{ name: "X" }], categories: ["cs.AI"] });
    const merged = mergePaper(existing, incoming);
    expect(merged.title).toBe("Hub title");
    expect(merged.abstract).toBe("Hub abstract");
    expect(merged.authors).toEqual([{ name: "X" }]);
    expect(merged.categories).toEqual(["cs.AI"]);
    expect(merged.version).toBe(1);
  });

  it("empty incoming fields never erase stored values, even from a newer version", () => {
    const existing = paper({ version: 1, doi: "10.1/keep", journalRef: "JR", links: { abs: "A", pdf: "P", code: "C" } });
    const incoming: Paper = { ...emptyPaper("2407.21783", "arxiv-atom"), version: 2, title: "New title" };
    const merged = mergePaper(existing, incoming);
    expect(merged).toEqual({ ...existing, version: 2, title: "New title", source: "arxiv-atom" });
  });

  it("empty incoming fields never erase stored values in a versionless merge", () => {
    const existing = paper({ version: null, doi: "10.1/keep" });
    const incoming: Paper = { ...emptyPaper("2407.21783", "listing"), title: "Listing title" };
    const merged = mergePaper(existing, incoming);
    expect(merged).toEqual({ ...existing, title: "Listing title", source: "listing" });
  });

  it("publishedAt never moves later, but may move earlier", () => {
    const v1 = paper({ version: 1, publishedAt: "2024-07-31T17:00:00.000Z" });
    expect(mergePaper(v1, paper({ version: 2, publishedAt: "2024-09-01T00:00:00.000Z" })).publishedAt).toBe(
      "2024-07-31T17:00:00.000Z",
    );
    expect(mergePaper(v1, paper({ version: 2, publishedAt: "2024-07-01T00:00:00.000Z" })).publishedAt).toBe(
      "2024-07-01T00:00:00.000Z",
    );
    // A versionless source with a later date cannot move it either.
    expect(mergePaper(v1, paper({ version: null, publishedAt: "2024-09-01T00:00:00.000Z" })).publishedAt).toBe(
      "2024-07-31T17:00:00.000Z",
    );
    // A missing date is filled; a missing incoming date keeps the stored one.
    expect(mergePaper(paper({ publishedAt: null }), paper({ version: 2, publishedAt: "2024-08-01T00:00:00.000Z" })).publishedAt).toBe(
      "2024-08-01T00:00:00.000Z",
    );
    expect(mergePaper(v1, paper({ version: 2, publishedAt: null })).publishedAt).toBe("2024-07-31T17:00:00.000Z");
  });

  it("merges links key by key", () => {
    const existing = paper({ version: 1, links: { abs: "abs-1", code: "code-1" } });
    const newer = mergePaper(existing, paper({ version: 2, links: { pdf: "pdf-2", code: "code-2" } }));
    expect(newer.links).toEqual({ abs: "abs-1", pdf: "pdf-2", code: "code-2" });

    const filled = mergePaper(existing, paper({ version: null, links: { abs: "abs-x", project: "proj-x" } }));
    expect(filled.links).toEqual({ abs: "abs-1", code: "code-1", project: "proj-x" });

    const emptyLink = mergePaper(existing, paper({ version: 2, links: { code: "" } }));
    expect(emptyLink.links).toEqual({ abs: "abs-1", code: "code-1" });
  });

  it("does not mutate its inputs", () => {
    const existing = paper({ version: 1, links: { abs: "a" } });
    const incoming = paper({ version: 2, title: "T2", links: { pdf: "p" } });
    const before = structuredClone([existing, incoming]);
    mergePaper(existing, incoming);
    expect([existing, incoming]).toEqual(before);
  });

  describe("is idempotent: merging the same record twice equals merging once", () => {
    const existing = paper({ version: 2, doi: null, links: { abs: "abs-1" }, publishedAt: "2024-07-31T17:00:00.000Z" });
    const cases: [string, Paper][] = [
      ["newer", paper({ version: 3, title: "v3", doi: "10.1/x", links: { pdf: "pdf-3" }, publishedAt: "2024-07-01T00:00:00.000Z" })],
      ["same version", paper({ version: 2, abstract: "", comments: "revised" })],
      ["older", paper({ version: 1, title: "v1" })],
      ["versionless", { ...emptyPaper("2407.21783", "hf-daily"), title: "hub", doi: "10.1/y", links: { code: "c" } }],
      ["versionless into versionless", paper({ version: null, title: "other" })],
    ];
    it.each(cases)("%s", (_name, incoming) => {
      const once = mergePaper(existing, incoming);
      const twice = mergePaper(once, incoming);
      expect(twice).toEqual(once);
      const fromNull = mergePaper(paper({ version: null }), incoming);
      expect(mergePaper(fromNull, incoming)).toEqual(fromNull);
    });
  });
});

describe("mergeHub", () => {
  const alice = { name: "alice" };
  const bob = { name: "bob" };

  it("returns the existing facts when there is no incoming snapshot", () => {
    const existing = hub({ feedDay: "2024-06-03", upvotes: 5 });
    expect(mergeHub(existing, undefined)).toBe(existing);
    expect(mergeHub(null, undefined)).toBeNull();
  });

  it("starts from empty facts when nothing is stored", () => {
    expect(facts(mergeHub(null, { feedDay: "2024-06-03", upvotes: 3, submittedBy: alice }))).toEqual(
      facts(hub({ feedDay: "2024-06-03", upvotes: 3, submittedBy: alice })),
    );
    expect(EMPTY_HUB.feedDay).toBeNull();
    expect(EMPTY_HUB.upvotes).toBeNull();
  });

  it("keeps the earliest feed day and its submitter when a later one arrives", () => {
    const existing = hub({ feedDay: "2024-06-03", submittedAt: "2024-06-02T17:05:00.000Z", submittedBy: alice, upvotes: 10 });
    const merged = mergeHub(existing, {
      feedDay: "2024-06-05",
      submittedAt: "2024-06-04T18:00:00.000Z",
      submittedBy: bob,
      upvotes: 12,
    });
    expect(facts(merged)).toEqual(facts({ ...existing, upvotes: 12 }));
  });

  it("moves to an earlier feed day with that day's submitter", () => {
    const existing = hub({ feedDay: "2024-06-05", submittedAt: "2024-06-04T18:00:00.000Z", submittedBy: bob });
    const merged = mergeHub(existing, { feedDay: "2024-06-03", submittedAt: "2024-06-02T17:05:00.000Z", submittedBy: alice });
    expect(merged?.feedDay).toBe("2024-06-03");
    expect(merged?.submittedAt).toBe("2024-06-02T17:05:00.000Z");
    expect(merged?.submittedBy).toEqual(alice);
  });

  it("counters and descriptive facts take the incoming snapshot, even when lower", () => {
    const existing = hub({ feedDay: "2024-06-03", upvotes: 100, numComments: 7, githubStars: 50, aiSummary: "old", aiKeywords: ["a"] });
    const merged = mergeHub(existing, { upvotes: 40, numComments: 0, githubStars: 55, aiSummary: "new", aiKeywords: ["b", "c"] });
    expect(facts(merged)).toEqual(
      facts({ ...existing, upvotes: 40, numComments: 0, githubStars: 55, aiSummary: "new", aiKeywords: ["b", "c"] }),
    );
  });

  it("a re-listing on the same day replaces the counters with the new snapshot", () => {
    const existing = mergeHub(null, { feedDay: "2024-06-03", submittedBy: alice, upvotes: 10, numComments: 2 });
    const merged = mergeHub(existing, { feedDay: "2024-06-03", submittedBy: alice, upvotes: 4, numComments: 3 });
    expect(merged?.upvotes).toBe(4);
    expect(merged?.numComments).toBe(3);
    expect(merged?.feedDay).toBe("2024-06-03");
  });

  it("missing, null or empty incoming facts keep the stored ones", () => {
    const existing = hub({
      feedDay: "2024-06-03",
      submittedBy: alice,
      upvotes: 9,
      organization: { name: "org" },
      githubRepo: "https://github.com/a/b",
      aiKeywords: ["x"],
      thumbnail: "t.png",
    });
    const merged = mergeHub(existing, { upvotes: null, githubRepo: "", aiKeywords: [], thumbnail: undefined });
    expect(facts(merged)).toEqual(facts(existing));
  });

  it("is idempotent and does not mutate its inputs", () => {
    const existing = hub({ feedDay: "2024-06-03", submittedBy: alice, upvotes: 1 });
    const incoming: Partial<HubFacts> = { feedDay: "2024-06-04", submittedBy: bob, upvotes: 2 };
    const snapshot = structuredClone([existing, incoming]);
    const once = mergeHub(existing, incoming);
    expect(mergeHub(once, incoming)).toEqual(once);
    expect([existing, incoming]).toEqual(snapshot);
    expect(EMPTY_HUB).toEqual(hub());
  });
});
