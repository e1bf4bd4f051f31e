// Serialisers from stored papers to the Daily Papers API's objects (paper, user, organisation, daily item): pure functions, no I/O.
//
// The feed and the MCP server may reuse them. The input is a paper with the
// counts a page shows (imported plus local); hidden papers must already be
// left out by the caller.
import { createHash } from "node:crypto";
import type { FeedUser, Organization, StoredPaper } from "../domain/paper.js";
import type { DailyItem, OrganizationObject, PaperObject, SearchItem, UserObject } from "./schemas.js";

/** A paper with the counts readers see. */
export interface ShownPaper {
  paper: StoredPaper;
  upvotes: number;
  comments: number;
}

/**
 * A 24-hex-digit id like the public hub's, derived from a stable name
 * (SHA-1 of kind and key), so the same author, user or organisation keeps
 * its id across requests and servers without a table of ids.
 */
export function objectId(kind: string, key: string): string {
  return createHash("sha1").update(`${kind}\u0000${key}`).digest("hex").slice(0, 24);
}

/** The instant in toISOString() form (UTC, milliseconds, Z); null when absent or unreadable. */
export function isoInstant(value: string | null | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : null;
}

const midnight = (day: string) => `${day}T00:00:00.000Z`;
/** Links reach clients only as http(s) URLs: a stored `javascript:` or `data:` link is dropped. */
const webUrl = (u: string | null | undefined): string | undefined => (u && /^https?:\/\//i.test(u) ? u : undefined);
/** Avatars may also be paths on the hub they came from (the public hub writes /avatars/…). */
const avatar = (u: string | null | undefined): string => webUrl(u) ?? (u && /^\/[^/\\]/.test(u) ? u : "");

export function toUserObject(u: FeedUser): UserObject {
  return {
    _id: objectId("user", u.name.toLowerCase()),
    name: u.name,
    user: u.name,
    fullname: u.fullname || u.name,
    avatarUrl: avatar(u.avatarUrl),
    type: "user",
    isPro: false,
  };
}

export function toOrganizationObject(o: Organization): OrganizationObject {
  return { _id: objectId("org", o.name.toLowerCase()), name: o.name, fullname: o.fullname || o.name, avatarUrl: avatar(o.avatarUrl) };
}

/**
 * When the paper entered the feed, as the Paper object states it: the
 * submission instant when it falls on the feed day's UTC date, else midnight
 * UTC of the feed day (what the public hub writes), so a client taking the
 * first ten characters always gets the feed day. Absent for papers never on the feed.
 */
export function submittedOnDailyAt(p: StoredPaper): string | null {
  const day = p.hub?.feedDay;
  if (!day) return null;
  const at = isoInstant(p.hub?.submittedAt);
  return at && at.slice(0, 10) === day ? at : midnight(day);
}

/** The fields a daily item repeats at its top level; each only when known. */
function extras(p: StoredPaper) {
  const h = p.hub;
  const githubRepo = webUrl(h?.githubRepo) ?? webUrl(p.links.code);
  const projectPage = webUrl(h?.projectPage) ?? webUrl(p.links.project);
  return {
    ...(h?.aiSummary ? { ai_summary: h.aiSummary } : {}),
    ...(h?.aiKeywords ? { ai_keywords: h.aiKeywords } : {}),
    ...(githubRepo ? { githubRepo } : {}),
    ...(h?.githubStars != null && h.githubStars >= 0 ? { githubStars: Math.trunc(h.githubStars) } : {}),
    ...(projectPage ? { projectPage } : {}),
  };
}

export function toPaperObject(e: ShownPaper): PaperObject {
  const p = e.paper;
  const h = p.hub;
  const onDaily = submittedOnDailyAt(p);
  return {
    id: p.id,
    authors: p.authors.map((a, i) => ({ _id: objectId("author", `${p.id}#${i}`), name: a.name, hidden: false })),
    publishedAt: isoInstant(p.publishedAt) ?? isoInstant(h?.submittedAt) ?? isoInstant(p.createdAt) ?? new Date(0).toISOString(),
    title: p.title,
    summary: p.abstract,
    upvotes: e.upvotes,
    discussionId: h?.discussionId || objectId("discussion", p.id),
    ...(onDaily ? { submittedOnDailyAt: onDaily } : {}),
    ...(h?.submittedBy ? { submittedOnDailyBy: toUserObject(h.submittedBy) } : {}),
    ...extras(p),
    ...(h?.organization ? { organization: toOrganizationObject(h.organization) } : {}),
    numComments: e.comments,
  };
}

export function toDailyItem(e: ShownPaper): DailyItem {
  const paper = toPaperObject(e);
  const h = e.paper.hub;
  const entered = isoInstant(h?.submittedAt) ?? (h?.feedDay ? midnight(h.feedDay) : null) ?? paper.publishedAt;
  return {
    paper,
    publishedAt: entered,
    title: paper.title,
    summary: paper.summary,
    thumbnail: webUrl(h?.thumbnail) ?? "",
    numComments: e.comments,
    submittedBy: paper.submittedOnDailyBy ?? null,
    isAuthorParticipating: false,
    ...(paper.organization ? { organization: paper.organization } : {}),
    upvotes: e.upvotes,
    ...extras(e.paper),
  };
}

export function toSearchItem(e: ShownPaper): SearchItem {
  return { ...toDailyItem(e), id: e.paper.id };
}
