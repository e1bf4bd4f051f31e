// The rules for combining a stored paper with an incoming record of the same paper.
//
// Contract: a newer version replaces an older one, never the reverse; a source
// that does not know versions (Daily Papers, listings) only fills gaps in a
// versioned record; an empty incoming field never erases a stored value.
// Merging the same record twice gives the same result (re-imports change nothing).
import type { HubFacts, Paper, PaperLinks } from "./paper.js";

export type MergeMode = "replace" | "fill" | "keep";

/**
 * `olderListing`: the incoming record comes from a feed listing older than one
 * already merged (see HubFacts.lastListedDay). Without versions, the listing
 * day is the only order two observations have, so an older one only fills gaps.
 */
export function mergeMode(existing: Paper, incoming: Paper, olderListing = false): MergeMode {
  if (incoming.version != null && existing.version != null) {
    return incoming.version < existing.version ? "keep" : "replace";
  }
  if (incoming.version == null && (existing.version != null || olderListing)) return "fill";
  return "replace";
}

const isEmpty = (v: unknown): boolean =>
  v == null || v === "" || (Array.isArray(v) && v.length === 0);

function pick<T>(mode: MergeMode, existing: T, incoming: T): T {
  if (mode === "replace") return isEmpty(incoming) ? existing : incoming;
  if (mode === "fill") return isEmpty(existing) ? incoming : existing;
  return existing;
}

export function mergePaper(existing: Paper | undefined, incoming: Paper, olderListing = false): Paper {
  if (!existing) return incoming;
  const mode = mergeMode(existing, incoming, olderListing);
  if (mode === "keep") return existing;
  const links: PaperLinks = {};
  for (const k of ["abs", "pdf", "code", "project"] as const) {
    const v = pick(mode, existing.links[k], incoming.links[k]);
    if (v) links[k] = v;
  }
  return {
    id: existing.id,
    version: pick(mode, existing.version, incoming.version),
    title: pick(mode, existing.title, incoming.title),
    abstract: pick(mode, existing.abstract, incoming.abstract),
    authors: pick(mode, existing.authors, incoming.authors),
    categories: pick(mode, existing.categories, incoming.categories),
    primaryCategory: pick(mode, existing.primaryCategory, incoming.primaryCategory),
    // The first publication date never moves later: v1's date stays the published date.
    publishedAt: earliest(existing.publishedAt, incoming.publishedAt, mode),
    updatedAt: pick(mode, existing.updatedAt, incoming.updatedAt),
    comments: pick(mode, existing.comments, incoming.comments),
    journalRef: pick(mode, existing.journalRef, incoming.journalRef),
    doi: pick(mode, existing.doi, incoming.doi),
    license: pick(mode, existing.license, incoming.license),
    links,
    source: mode === "replace" ? incoming.source : existing.source,
  };
}

function earliest(a: string | null, b: string | null, mode: MergeMode): string | null {
  if (a && b && mode === "replace") return a < b ? a : b;
  return pick(mode, a, b);
}

export const EMPTY_HUB: HubFacts = {
  feedDay: null,
  submittedAt: null,
  submittedBy: null,
  upvotes: null,
  numComments: null,
  organization: null,
  githubRepo: null,
  githubStars: null,
  projectPage: null,
  aiSummary: null,
  aiKeywords: null,
  thumbnail: null,
  discussionId: null,
  lastListedDay: null,
};

/**
 * Hub facts: a paper enters the feed once, so the earliest feed day (with its
 * submitter) is kept. Counters and descriptive facts come from the newest
 * listing: an incoming record listed on an older day than one already seen
 * only fills gaps. This makes re-imports and out-of-order imports idempotent.
 */
/** True when `incoming` was listed on a feed day before the newest listing `existing` has seen. */
export function isOlderListing(existing: HubFacts | null, incoming: Partial<HubFacts> | undefined): boolean {
  const day = incoming?.feedDay;
  return day != null && existing?.lastListedDay != null && day < existing.lastListedDay;
}

export function mergeHub(existing: HubFacts | null, incoming: Partial<HubFacts> | undefined): HubFacts | null {
  if (!incoming) return existing;
  const base = existing ?? EMPTY_HUB;
  const day = incoming.feedDay ?? null;
  const older = isOlderListing(base, incoming);
  const out: HubFacts = { ...base };
  for (const key of Object.keys(EMPTY_HUB) as (keyof HubFacts)[]) {
    if (key === "lastListedDay") continue;
    const v = incoming[key];
    if (!isEmpty(v) && (!older || isEmpty(base[key]))) (out as unknown as Record<string, unknown>)[key] = v;
  }
  if (base.feedDay != null && day != null && base.feedDay < day) {
    out.feedDay = base.feedDay;
    out.submittedAt = base.submittedAt ?? out.submittedAt;
    out.submittedBy = base.submittedBy ?? out.submittedBy;
  } else if (base.feedDay != null && day != null && day < base.feedDay) {
    // An earlier listing found later: it is the first submission.
    out.feedDay = day;
    out.submittedAt = incoming.submittedAt ?? base.submittedAt;
    out.submittedBy = incoming.submittedBy ?? base.submittedBy;
  }
  out.lastListedDay = day != null && (base.lastListedDay == null || day > base.lastListedDay) ? day : base.lastListedDay;
  return out;
}
