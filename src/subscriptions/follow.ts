// What a subscription follows: the trending digest, the personal selection, a saved search, an author, a category or an organisation.
import { FieldError } from "../domain/errors.js";

export const FOLLOW_KINDS = ["trending", "for-you", "search", "author", "category", "organisation"] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];

/** A saved search: the query and the filters of the search page (sort and mode are the page's; alerts use their own). */
export interface SavedSearch {
  q: string;
  after: string | null;
  before: string | null;
  category: string | null;
  hasCode: boolean;
}

export type Follow =
  | { kind: "trending" }
  | { kind: "for-you" }
  | ({ kind: "search" } & SavedSearch)
  | { kind: "author"; name: string }
  | { kind: "category"; category: string }
  | { kind: "organisation"; name: string };

const CATEGORY = /^[a-z][a-z-]*(\.[a-z][a-z-]*)?$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_QUERY = 250;
const MAX_NAME = 100;

/** Collapses runs of white space, so "state  space" and "state space" are one follow. */
const tidy = (s: string) => s.trim().replace(/\s+/g, " ");

/** Checks and normalises a follow; a FieldError names the `follow` field. */
export function readFollow(f: Follow): Follow {
  const bad = (message: string) => new FieldError("follow", message);
  switch (f.kind) {
    case "trending":
    case "for-you":
      return { kind: f.kind };
    case "search": {
      const q = tidy(f.q);
      if (q.length > MAX_QUERY) throw bad(`A saved search has at most ${MAX_QUERY} characters.`);
      const category = f.category ? tidy(f.category).toLowerCase() : null;
      if (category && !CATEGORY.test(category)) throw bad(`"${category.slice(0, 40)}" is not an arXiv category such as cs.LG.`);
      for (const d of [f.after, f.before]) if (d && !DAY.test(d)) throw bad(`Dates are written YYYY-MM-DD (got "${d.slice(0, 20)}").`);
      const s: Follow = { kind: "search", q, after: f.after || null, before: f.before || null, category, hasCode: !!f.hasCode };
      if (!q && !s.after && !s.before && !category && !s.hasCode) throw bad("A saved search needs words or a filter.");
      return s;
    }
    case "author":
    case "organisation": {
      const name = tidy(f.name);
      if (!name || name.length > MAX_NAME) throw bad(`Give a name of 1 to ${MAX_NAME} characters.`);
      return { kind: f.kind, name };
    }
    case "category": {
      const category = tidy(f.category).toLowerCase();
      if (!CATEGORY.test(category)) throw bad(`"${category.slice(0, 40)}" is not an arXiv category such as cs.CL.`);
      return { kind: "category", category };
    }
  }
}

/**
 * `trending`, `for-you`, `search:QUERY`, `author:NAME`, `category:CAT` or
 * `org:NAME` (also `organisation:NAME`), as the CLI's --follow takes them.
 */
export function parseFollowSpec(spec: string): Follow {
  const i = spec.indexOf(":");
  const head = (i < 0 ? spec : spec.slice(0, i)).trim().toLowerCase();
  const rest = i < 0 ? "" : spec.slice(i + 1);
  const f: Follow | null =
    head === "trending" && i < 0 ? { kind: "trending" }
    : head === "for-you" && i < 0 ? { kind: "for-you" }
    : head === "search" ? { kind: "search", q: rest, after: null, before: null, category: null, hasCode: false }
    : head === "author" ? { kind: "author", name: rest }
    : head === "category" || head === "cat" ? { kind: "category", category: rest }
    : head === "org" || head === "organisation" || head === "organization" ? { kind: "organisation", name: rest }
    : null;
  if (!f) throw new FieldError("follow", `cannot follow "${spec}": use trending, for-you, search:QUERY, author:NAME, category:CAT or org:NAME`);
  return readFollow(f);
}

/** The canonical text of a follow: equal for follows that select the same papers (names and categories in any case). */
export function followKey(f: Follow): string {
  switch (f.kind) {
    case "trending":
    case "for-you":
      return f.kind;
    case "search": {
      const u = new URLSearchParams();
      u.set("q", f.q);
      if (f.after) u.set("after", f.after);
      if (f.before) u.set("before", f.before);
      if (f.category) u.set("category", f.category);
      if (f.hasCode) u.set("code", "1");
      return `search:${u}`;
    }
    case "author":
    case "organisation":
      return `${f.kind}:${f.name.toLowerCase()}`;
    case "category":
      return `category:${f.category}`;
  }
}

/** What the subscription brings, for pages, mails and the CLI: "trending papers", "your search 'x'". */
export function describeFollow(f: Follow): string {
  switch (f.kind) {
    case "trending":
      return "trending papers";
    case "for-you":
      return "papers picked for you";
    case "search":
      return `your search '${searchLabel(f)}'`;
    case "author":
      return `new papers by ${f.name}`;
    case "category":
      return `new papers in ${f.category}`;
    case "organisation":
      return `new papers from ${f.name}`;
  }
}

/** The words of a saved search, else its filters: "state space models", "cs.CL, with code". */
export function searchLabel(s: SavedSearch): string {
  if (s.q) return s.q;
  const parts = [s.category, s.hasCode ? "with code" : null, s.after ? `after ${s.after}` : null, s.before ? `before ${s.before}` : null];
  return parts.filter(Boolean).join(", ");
}

/** Follow parameters as stored (the kind has its own column). */
export function followParams(f: Follow): string {
  const { kind: _kind, ...params } = f;
  return JSON.stringify(params);
}

export function followFrom(kind: string, params: string): Follow {
  if (!(FOLLOW_KINDS as readonly string[]).includes(kind)) throw new Error(`unknown follow kind ${kind}`);
  return { kind, ...(JSON.parse(params) as object) } as Follow;
}
