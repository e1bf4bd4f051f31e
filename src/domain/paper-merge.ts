// The rules for combining a stored paper with an incoming record of the same paper.
//
// Contract: a newer version replaces an older one, never the reverse; a source
// that does not know versions (Daily Papers, listings) only fills gaps in a
// versioned record; an empty incoming field never erases a stored value.
// Merging the same record twice gives the same result (re-imports change nothing).
import type { HubFacts, Paper, PaperLinks } from "./paper.js";

export type MergeMode = "replace" | "fill" | "keep";

export function mergeMode(existing: Paper, incoming: Paper): MergeMode {
  if (incoming.version != null && existing.version != null) {
    return incoming.version < existing.version ? "keep" : "replace";
  }
  if (incoming.version == null && existing.version != null) return "fill";
  return "replace";
}

const isEmpty = (v: unknown): boolean =>
  v == null || v === "" || (Array.isArray(v) && v.length === 0);

function pick<T>(mode: MergeMode, existing: T, incoming: T): T {
  if (mode === "replace") return isEmpty(incoming) ? existing : incoming;
  if (mode === "fill") return isEmpty(existing) ? incoming : existing;
  return existing;
}

export function mergePaper(existing: Paper | undefined, incoming: Paper): Paper {
  if (!existing) return incoming;
  const mode = mergeMode(existing, incoming);
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
};

/**
 * Hub facts: a paper enters the feed once, so the earliest feed day (with its
 * submitter) is kept; counters and descriptive facts take the incoming snapshot,
 * which is the newer observation, unless it lacks them.
 */
export function mergeHub(existing: HubFacts | null, incoming: Partial<HubFacts> | undefined): HubFacts | null {
  if (!incoming) return existing;
  const base = existing ?? EMPTY_HUB;
  const out: HubFacts = { ...base };
  for (const key of Object.keys(EMPTY_HUB) as (keyof HubFacts)[]) {
    const v = incoming[key];
    if (!isEmpty(v)) (out as unknown as Record<string, unknown>)[key] = v;
  }
  const keepFirstSubmission =
    base.feedDay != null && incoming.feedDay != null && base.feedDay < incoming.feedDay;
  if (keepFirstSubmission) {
    out.feedDay = base.feedDay;
    out.submittedAt = base.submittedAt ?? out.submittedAt;
    out.submittedBy = base.submittedBy ?? out.submittedBy;
  }
  return out;
}
