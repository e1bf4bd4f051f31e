// Conversion between domain papers/hub facts and their table rows.
import type { Selectable } from "kysely";
import { mergeHub } from "../domain/paper-merge.js";
import type { HubFacts, ImportRecord, Paper, PaperSource, StoredPaper } from "../domain/paper.js";
import { normaliseTitle } from "../domain/title.js";
import type { PaperHubTable, PapersTable } from "./schema.js";

export type PaperRow = Selectable<PapersTable>;
export type HubRow = Selectable<PaperHubTable>;
type PaperFields = Omit<PaperRow, "seq" | "created_at" | "modified_at">;
type HubFields = Omit<HubRow, "modified_at">;

/** Column order of a prepared paper row; the row bookkeeping columns follow them on write. */
export const PAPER_COLUMNS = [
  "id", "version", "title", "abstract", "authors", "author_names", "categories", "primary_category", "published_at", "updated_at",
  "comments", "journal_ref", "doi", "license", "abs_url", "pdf_url", "code_url", "project_url", "source", "title_key",
] as const satisfies readonly (keyof PaperFields)[];
export const PAPER_ROW_COLUMNS = [...PAPER_COLUMNS, "created_at", "modified_at"] as const;
/** Every column a read returns (Postgres also has a generated search column, never read back). */
export const PAPER_READ_COLUMNS = ["seq", ...PAPER_ROW_COLUMNS] as const;
export const HUB_COLUMNS = [
  "paper_id", "feed_day", "submitted_at", "submitted_by", "upvotes", "num_comments", "organization", "org_name",
  "github_repo", "github_stars", "project_page", "ai_summary", "ai_keywords", "thumbnail", "discussion_id", "last_listed_day",
] as const satisfies readonly (keyof HubFields)[];
export const HUB_ROW_COLUMNS = [...HUB_COLUMNS, "modified_at"] as const;
export const ID = 0;
export const TITLE = 2;
export const TITLE_KEY = PAPER_COLUMNS.length - 1;

/**
 * A record already turned into column values, so the costly part of writing
 * (JSON encoding, title normalisation) can run off the write path, e.g. on
 * the parse worker. `paper` follows PAPER_COLUMNS; its id may be "" (matched
 * by title on write). `hub` follows HUB_COLUMNS: the incoming hub facts merged
 * over nothing, or null when the record brings none.
 */
export interface PreparedRecord {
  paper: unknown[];
  hub: unknown[] | null;
}

export function prepareRecord(rec: ImportRecord): PreparedRecord {
  const f = paperToFields(rec.paper);
  const hub = rec.hub ? hubToFields(rec.paper.id, mergeHub(null, rec.hub)!) : null;
  return { paper: PAPER_COLUMNS.map((c) => f[c]), hub: hub ? HUB_COLUMNS.map((c) => hub[c]) : null };
}

export function preparedPaper(values: unknown[]): Paper {
  return rowToPaper(Object.fromEntries(PAPER_COLUMNS.map((c, i) => [c, values[i]])) as unknown as PaperFields);
}

export function preparedHub(values: unknown[]): HubFacts {
  return rowToHub(Object.fromEntries(HUB_COLUMNS.map((c, i) => [c, values[i]])) as unknown as HubFields);
}

export function paperToFields(p: Paper): PaperFields {
  return {
    id: p.id,
    version: p.version,
    title: p.title,
    abstract: p.abstract,
    authors: JSON.stringify(p.authors),
    author_names: p.authors.map((a) => a.name).join(", "),
    categories: JSON.stringify(p.categories),
    primary_category: p.primaryCategory,
    published_at: p.publishedAt,
    updated_at: p.updatedAt,
    comments: p.comments,
    journal_ref: p.journalRef,
    doi: p.doi,
    license: p.license,
    abs_url: p.links.abs ?? null,
    pdf_url: p.links.pdf ?? null,
    code_url: p.links.code ?? null,
    project_url: p.links.project ?? null,
    source: p.source,
    title_key: normaliseTitle(p.title),
  };
}

export function rowToPaper(r: PaperFields): Paper {
  const links: Paper["links"] = {};
  if (r.abs_url) links.abs = r.abs_url;
  if (r.pdf_url) links.pdf = r.pdf_url;
  if (r.code_url) links.code = r.code_url;
  if (r.project_url) links.project = r.project_url;
  return {
    id: r.id,
    version: r.version == null ? null : Number(r.version),
    title: r.title,
    abstract: r.abstract,
    authors: JSON.parse(r.authors),
    categories: JSON.parse(r.categories),
    primaryCategory: r.primary_category,
    publishedAt: r.published_at,
    updatedAt: r.updated_at,
    comments: r.comments,
    journalRef: r.journal_ref,
    doi: r.doi,
    license: r.license,
    links,
    source: r.source as PaperSource,
  };
}

const json = (v: unknown): string | null => (v == null ? null : JSON.stringify(v));
const parse = <T>(v: string | null): T | null => (v == null ? null : (JSON.parse(v) as T));

export function hubToFields(paperId: string, h: HubFacts): HubFields {
  return {
    paper_id: paperId,
    feed_day: h.feedDay,
    submitted_at: h.submittedAt,
    submitted_by: json(h.submittedBy),
    upvotes: h.upvotes,
    num_comments: h.numComments,
    organization: json(h.organization),
    org_name: h.organization?.name ?? null,
    github_repo: h.githubRepo,
    github_stars: h.githubStars,
    project_page: h.projectPage,
    ai_summary: h.aiSummary,
    ai_keywords: json(h.aiKeywords),
    thumbnail: h.thumbnail,
    discussion_id: h.discussionId,
    last_listed_day: h.lastListedDay,
  };
}

export function rowToHub(r: HubFields): HubFacts {
  const num = (v: number | null) => (v == null ? null : Number(v));
  return {
    feedDay: r.feed_day,
    submittedAt: r.submitted_at,
    submittedBy: parse(r.submitted_by),
    upvotes: num(r.upvotes),
    numComments: num(r.num_comments),
    organization: parse(r.organization),
    githubRepo: r.github_repo,
    githubStars: num(r.github_stars),
    projectPage: r.project_page,
    aiSummary: r.ai_summary,
    aiKeywords: parse(r.ai_keywords),
    thumbnail: r.thumbnail,
    discussionId: r.discussion_id,
    lastListedDay: r.last_listed_day,
  };
}

export function toStoredPaper(p: PaperRow, h: HubRow | null | undefined): StoredPaper {
  return {
    ...rowToPaper(p),
    hub: h ? rowToHub(h) : null,
    createdAt: p.created_at,
    modifiedAt: p.modified_at,
  };
}

/** True when two rows would store the same values in every column but the `ignore`d ones. */
export function sameFields<T extends object>(a: T, b: T, ignore?: ReadonlySet<string>): boolean {
  for (const k of Object.keys(a) as (keyof T)[]) {
    if (ignore?.has(k as string)) continue;
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (x == null && y == null) continue;
    // Integers may come back from a driver as strings or bigints.
    if (typeof x !== "object" && typeof y !== "object" && String(x) === String(y)) continue;
    return false;
  }
  return true;
}
