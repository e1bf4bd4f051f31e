// Parser for Daily Papers API responses (`/api/daily_papers`): a JSON array of entries or `{status, date, count, data: [...]}`.
//
// Each entry carries the paper (bibliographic record) and the hub's facts about
// it on the feed. The feed day is, in order of trust: the day the caller says
// the response is for (opts.feedDay), the UTC date of paper.submittedOnDailyAt,
// then the feed-day rule applied to the entry's own publishedAt (the time it
// was put on the feed).
import { basename } from "node:path";
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from "../../domain/arxiv-id.js";
import { feedDayOf, isFeedDay } from "../../domain/feed-day.js";
import type { FeedDayRule, ParseOptions, ParseResult } from "../../domain/ingest-types.js";
import { emptyPaper, type HubFacts, type ImportRecord } from "../../domain/paper.js";
import { cleanText } from "../../domain/title.js";
import { readJsonArray } from "./json-array-reader.js";
import {
  FieldError,
  isObject,
  kindOf,
  optArray,
  optNumber,
  optFeedUser,
  optObject,
  optOrganization,
  optString,
  optStringArray,
  optText,
  parseDate,
  type JsonObject,
} from "./record-fields.js";

/** The Daily Papers feed rolls over at 17:00 UTC unless configured otherwise. */
const DEFAULT_FEED_RULE: FeedDayRule = { timeZone: "UTC", rolloverHour: 17 };

export async function* parseHfDaily(input: NodeJS.ReadableStream, opts: ParseOptions): AsyncIterable<ParseResult> {
  for await (const item of readJsonArray(input, { wrapperKey: "data" })) {
    if (!item.ok) {
      yield { ok: false, reason: item.message, at: { file: opts.file, index: item.index } };
      return;
    }
    const at = { file: opts.file, index: item.index };
    try {
      yield { ok: true, record: mapEntry(item.value, opts), at };
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      yield { ok: false, reason: err.message, at };
    }
  }
}

const FEED_FILE = /^(\d{4}-\d{2}-\d{2})\.json(?:\.gz)?$/;

/** The feed day named by a response file called `YYYY-MM-DD.json` (or `.json.gz`), else undefined. */
export function feedDayFromFileName(path: string): string | undefined {
  const m = FEED_FILE.exec(basename(path));
  return m && isFeedDay(m[1]!) ? m[1] : undefined;
}

function mapEntry(entry: unknown, opts: ParseOptions): ImportRecord {
  if (typeof entry === "string") throw new FieldError("entry is a string (Python repr?), not a JSON object");
  if (!isObject(entry)) throw new FieldError(`entry is ${kindOf(entry)}, not a JSON object`);
  const p = optObject(entry, "paper", "paper");
  if (!p) throw new FieldError("entry has no paper object");

  const rawId = optText(p, "id", "paper.id");
  if (!rawId) throw new FieldError("entry has no paper.id");
  const title = cleanText(optString(p, "title", "paper.title") ?? optString(entry, "title") ?? "");
  if (!title) throw new FieldError(`entry ${rawId} has no title`);

  const arxiv = parseArxivId(rawId);
  const id = arxiv?.id ?? rawId;
  const githubRepo = optText(p, "githubRepo", "paper.githubRepo");
  const projectPage = optText(p, "projectPage", "paper.projectPage");

  const paper = emptyPaper(id, "hf-daily");
  paper.title = title;
  paper.abstract = cleanText(optString(p, "summary", "paper.summary") ?? optString(entry, "summary") ?? "");
  paper.authors = authorsOf(p);
  paper.publishedAt = parseDate(optString(p, "publishedAt", "paper.publishedAt"));
  if (arxiv) paper.links = { abs: arxivAbsUrl(id), pdf: arxivPdfUrl(id) };
  if (githubRepo) paper.links.code = githubRepo;
  if (projectPage) paper.links.project = projectPage;

  const submittedAt = parseDate(optString(entry, "publishedAt"));
  const hub: Partial<HubFacts> = {
    feedDay: feedDayFor(opts, optString(p, "submittedOnDailyAt", "paper.submittedOnDailyAt"), submittedAt),
    submittedAt,
    submittedBy: optFeedUser(entry, "submittedBy", "submittedBy") ?? optFeedUser(p, "submittedOnDailyBy", "paper.submittedOnDailyBy"),
    upvotes: optNumber(p, "upvotes", "paper.upvotes"),
    numComments: optNumber(entry, "numComments"),
    organization: optOrganization(entry, "organization", "organization") ?? optOrganization(p, "organization", "paper.organization"),
    githubRepo,
    githubStars: optNumber(p, "githubStars", "paper.githubStars"),
    projectPage,
    aiSummary: optText(p, "ai_summary", "paper.ai_summary"),
    aiKeywords: optStringArray(p, "ai_keywords", "paper.ai_keywords"),
    thumbnail: optText(entry, "thumbnail") ?? optText(entry, "mediaUrl"),
    discussionId: optText(p, "discussionId", "paper.discussionId"),
  };
  return { paper, hub };
}

function authorsOf(p: JsonObject): ImportRecord["paper"]["authors"] {
  const list = optArray(p, "authors", "paper.authors") ?? [];
  const authors = [];
  for (let i = 0; i < list.length; i++) {
    const a = list[i];
    if (!isObject(a)) throw new FieldError(`paper.authors[${i}] is ${kindOf(a)}, expected an object`);
    const name = optText(a, "name", `paper.authors[${i}].name`);
    // Hidden authors are still authors of the paper; only nameless entries are dropped.
    if (name) authors.push({ name: cleanText(name) });
  }
  return authors;
}

function feedDayFor(opts: ParseOptions, submittedOnDailyAt: string | null, submittedAt: string | null): string | null {
  if (opts.feedDay) return opts.feedDay;
  const onDaily = parseDate(submittedOnDailyAt);
  if (onDaily) return onDaily.slice(0, 10);
  return submittedAt ? feedDayOf(new Date(submittedAt), opts.feed ?? DEFAULT_FEED_RULE) : null;
}

