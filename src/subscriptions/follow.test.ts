import { describe, expect, it } from "vitest";
import { describeFollow, followKey, parseFollowSpec } from "./follow.js";

describe("follows", () => {
  it("parses the CLI's --follow forms", () => {
    expect(parseFollowSpec("trending")).toEqual({ kind: "trending" });
    expect(parseFollowSpec("search:state  space models")).toEqual({ kind: "search", q: "state space models", after: null, before: null, category: null, hasCode: false });
    expect(parseFollowSpec("author:Yann LeCun")).toEqual({ kind: "author", name: "Yann LeCun" });
    expect(parseFollowSpec("category:cs.CL")).toEqual({ kind: "category", category: "cs.cl" });
    expect(parseFollowSpec("org:meta-ai")).toEqual({ kind: "organisation", name: "meta-ai" });
    expect(() => parseFollowSpec("everything")).toThrow(/cannot follow/);
    expect(() => parseFollowSpec("category:not a category")).toThrow(/arXiv category/);
    expect(() => parseFollowSpec("search:")).toThrow(/needs words or a filter/);
  });

  it("keys follows that select the same papers alike, and describes them", () => {
    expect(followKey(parseFollowSpec("author:yann lecun"))).toBe(followKey(parseFollowSpec("author:Yann  LeCun")));
    expect(followKey(parseFollowSpec("search:diffusion"))).not.toBe(followKey(parseFollowSpec("search:Diffusion models")));
    expect(describeFollow(parseFollowSpec("search:state space models"))).toBe("your search 'state space models'");
    expect(describeFollow({ kind: "search", q: "", after: null, before: null, category: "cs.cl", hasCode: true })).toBe("your search 'cs.cl, with code'");
  });
});
