// Parser for generic JSON lines of papers with common field names (seed exports, BEIR corpora, ad-hoc dumps).
//
// Field mapping is by the first present of several usual names. An id that is
// an arXiv id is normalised (and gives the version); any other id is kept as
// the source's id; no id gives "" and the pipeline derives one from the title.
// When several id fields are present, an arXiv id among them wins. Unparseable
// dates become null rather than rejecting the record.
import { parseJsonLines } from "./read-lines.js";
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from "../../domain/arxiv-id.js";
import type { ParseOptions, ParseResult } from "../../domain/ingest-types.js";
import { isFeedDay } from "../../domain/feed-day.js";
import {
  PAPER_SOURCES,
  emptyPaper,
  type Author,
  type HubFacts,
  type ImportRecord,
  type Organization,
  type PaperLinks,
  type PaperSource,
} from "../../domain/paper.js";
import { cleanText } from "../../domain/title.js";
import {
  FieldError,
  firstKey,
  isObject,
  kindOf,
  optFeedUser,
  optNumber,
  optOrganization,
  optString,
  optStringArray,
  optText,
  parseDate,
  splitNameList,
  type JsonObject,
} from "./record-fields.js";

const ID_KEYS = ["id", "_id", "arxiv_id", "paperId"] as const;
const ABSTRACT_KEYS = ["abstract", "summary", "text"] as const;
const PUBLISHED_KEYS = ["published", "publishedAt", "date"] as const;
const UPDATED_KEYS = ["updated", "updatedAt"] as const;
const JOURNAL_KEYS = ["journalRef", "journal_ref", "journal-ref"] as const;

export function parseGenericJsonl(input: NodeJS.ReadableStream, opts: ParseOptions): AsyncIterable<ParseResult> {
  return parseJsonLines(input, opts.file, mapGeneric);
}

export function mapGeneric(value: unknown): ImportRecord {
  if (!isObject(value)) throw new FieldError(`line is ${kindOf(value)}, not a JSON object`);
  const title = cleanText(optString(value, "title") ?? "");
  const abstractKey = firstKey(value, ABSTRACT_KEYS);
  const abstract = cleanText((abstractKey && optString(value, abstractKey)) || "");
  if (!title && !abstract) throw new FieldError("record has no title and no abstract");

  const { id, version } = idOf(value);
  const paper = emptyPaper(id, "jsonl");
  paper.version = version;
  paper.title = title;
  paper.abstract = abstract;
  paper.authors = authorsOf(value);
  paper.publishedAt = dateOf(value, PUBLISHED_KEYS);
  paper.updatedAt = dateOf(value, UPDATED_KEYS);
  paper.categories = categoriesOf(value);
  paper.primaryCategory = optText(value, "primaryCategory") ?? optText(value, "primary_category") ?? paper.categories[0] ?? null;
  paper.comments = optText(value, "comments");
  const journalKey = firstKey(value, JOURNAL_KEYS);
  paper.journalRef = journalKey ? optText(value, journalKey) : null;
  paper.doi = optText(value, "doi");
  paper.license = optText(value, "license");
  const url = optText(value, "url");
  const arxiv = id !== "" && parseArxivId(id) !== null;
  if (arxiv) paper.links = { abs: arxivAbsUrl(id), pdf: arxivPdfUrl(id) };
  if (url) paper.links.abs = url;

  // `paperboard export` lines carry their version, links, source and hub facts: a lossless round trip
  // (and the way to move a hub from SQLite to PostgreSQL).
  const explicitVersion = optNumber(value, "version");
  if (explicitVersion !== null && Number.isInteger(explicitVersion) && explicitVersion > 0) paper.version = explicitVersion;
  Object.assign(paper.links, linksOf(value));
  const source = optText(value, "source");
  if (source && (PAPER_SOURCES as readonly string[]).includes(source)) paper.source = source as PaperSource;

  const hub: Partial<HubFacts> = isObject(value.hub) ? exportedHub(value.hub) : {};
  const upvotes = optNumber(value, "upvotes");
  if (upvotes !== null) hub.upvotes = upvotes;
  const org = organizationOf(value);
  if (org) hub.organization = org;
  return Object.keys(hub).length ? { paper, hub } : { paper };
}

function linksOf(o: JsonObject): PaperLinks {
  const v = o.links;
  if (v == null) return {};
  if (!isObject(v)) throw new FieldError(`links is ${kindOf(v)}, expected an object`);
  const links: PaperLinks = {};
  for (const k of ["abs", "pdf", "code", "project"] as const) {
    const url = optText(v, k, `links.${k}`);
    if (url) links[k] = url;
  }
  return links;
}

/** The `hub` object of an export line, field by field with type checks. */
function exportedHub(h: JsonObject): Partial<HubFacts> {
  const hub: Partial<HubFacts> = {};
  const day = optText(h, "feedDay", "hub.feedDay");
  if (day) {
    if (!isFeedDay(day)) throw new FieldError(`hub.feedDay "${day}" is not a YYYY-MM-DD date`);
    hub.feedDay = day;
  }
  const submittedAt = parseDate(h.submittedAt);
  if (submittedAt) hub.submittedAt = submittedAt;
  const submittedBy = optFeedUser(h, "submittedBy", "hub.submittedBy");
  if (submittedBy) hub.submittedBy = submittedBy;
  for (const k of ["upvotes", "numComments", "githubStars"] as const) {
    const n = optNumber(h, k, `hub.${k}`);
    if (n !== null) hub[k] = n;
  }
  for (const k of ["githubRepo", "projectPage", "aiSummary", "thumbnail", "discussionId"] as const) {
    const t = optText(h, k, `hub.${k}`);
    if (t) hub[k] = t;
  }
  const org = organizationOf(h);
  if (org) hub.organization = org;
  const keywords = optStringArray(h, "aiKeywords", "hub.aiKeywords");
  if (keywords) hub.aiKeywords = keywords;
  return hub;
}

function idOf(o: JsonObject): { id: string; version: number | null } {
  let fallback = "";
  for (const key of ID_KEYS) {
    const v = o[key];
    if (v == null) continue;
    if (typeof v !== "string" && typeof v !== "number") throw new FieldError(`${key} is ${kindOf(v)}, expected a string`);
    const s = String(v).trim();
    if (!s) continue;
    const arxiv = parseArxivId(s);
    if (arxiv) return arxiv;
    if (!fallback) fallback = s;
  }
  return { id: fallback, version: null };
}

function authorsOf(o: JsonObject): Author[] {
  const v = o.authors;
  if (v == null) return [];
  if (typeof v === "string") return splitNameList(v).map((name) => ({ name }));
  if (!Array.isArray(v)) throw new FieldError(`authors is ${kindOf(v)}, expected an array or a string`);
  const authors: Author[] = [];
  v.forEach((a, i) => {
    if (typeof a === "string") {
      const name = cleanText(a);
      if (name) authors.push({ name });
      return;
    }
    if (!isObject(a)) throw new FieldError(`authors[${i}] is ${kindOf(a)}, expected a string or an object`);
    const name = cleanText(optString(a, "name", `authors[${i}].name`) ?? "");
    if (!name) return;
    const affiliation = optText(a, "affiliation", `authors[${i}].affiliation`);
    authors.push(affiliation ? { name, affiliation } : { name });
  });
  return authors;
}

function dateOf(o: JsonObject, keys: readonly string[]): string | null {
  const key = firstKey(o, keys);
  return key ? parseDate(o[key]) : null;
}

function categoriesOf(o: JsonObject): string[] {
  const v = o.categories;
  if (v == null) return [];
  if (typeof v === "string") return v.split(/\s+/).filter((c) => c !== "");
  if (!Array.isArray(v)) throw new FieldError(`categories is ${kindOf(v)}, expected an array or a string`);
  return v.map((c, i) => {
    if (typeof c !== "string") throw new FieldError(`categories[${i}] is ${kindOf(c)}, expected a string`);
    return c.trim();
  }).filter((c) => c !== "");
}

/** A bare string is the organisation's name; an object follows the Daily Papers shape. */
function organizationOf(o: JsonObject): Organization | null {
  const v = o.organization;
  if (v == null) return null;
  if (typeof v === "string") return v.trim() ? { name: v.trim() } : null;
  if (!isObject(v)) throw new FieldError(`organization is ${kindOf(v)}, expected a string or an object`);
  return optOrganization(o, "organization");
}
