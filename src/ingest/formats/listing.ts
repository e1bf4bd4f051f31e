// Parser for the Daily Papers listing as plain text (the page copied as text): header, then title / abstract / metadata blocks.
//
// The text is a sequence of blocks separated by blank lines. After the page
// header (fixed lines and a listing date such as "Mar 12") each paper is a
// title block, an abstract block and, for some papers, a metadata block:
//
//     "  • 5 authors" or an organisation line ("pathwaycom Pathway")
//     "·"
//     "Mar 19, 2024 2"   (publication date, year optional, then optional upvotes)
//
// Papers carry no id here: records have paper.id "" and the pipeline derives
// one from the title. The author count has no place in the record and is dropped.
import { readLines } from "./read-lines.js";
import type { ParseOptions, ParseResult, RecordLocation } from "../../domain/ingest-types.js";
import { emptyPaper, type HubFacts, type ImportRecord } from "../../domain/paper.js";
import { cleanText } from "../../domain/title.js";
import { monthIndex, parseDate } from "./record-fields.js";

const HEADER_LINES = new Set([
  "new",
  "Get trending papers in your email inbox!",
  "Subscribe",
  "Daily Papers",
  "byAK and the research community",
]);
/** "Mar 12", "Mar 19, 2024", "Sep 30 21", "Mar 19, 2024 2": month, day, optional year, optional upvotes. */
const DATE_LINE = /^([A-Z][a-z]{2}) (\d{1,2})(?:, (\d{4}))?(?: (\d+))?$/;
const AUTHORS_LINE = /^•\s*\d+\s+authors?$/;
const DOT = "·";

interface Block {
  lines: string[];
  line: number;
}

interface Pending {
  title: string;
  abstract: string | null;
  at: RecordLocation;
}

export async function* parseListing(input: NodeJS.ReadableStream, opts: ParseOptions): AsyncIterable<ParseResult> {
  let inHeader = true;
  let pending: Pending | null = null;

  function* onBlock(block: Block): Generator<ParseResult> {
    const at = { file: opts.file, line: block.line };
    if (inHeader && block.lines.length === 1 && isHeaderLine(block.lines[0]!)) return;
    inHeader = false;
    if (isMetadata(block.lines)) {
      if (!pending) {
        yield { ok: false, reason: `metadata block "${block.lines.join(" ")}" has no paper before it`, at };
        return;
      }
      const paper = pending;
      pending = null;
      yield withMetadata(paper, block.lines, at);
      return;
    }
    const text = cleanText(block.lines.join(" "));
    if (pending && pending.abstract === null) {
      pending.abstract = text;
      return;
    }
    if (pending) yield plain(pending);
    pending = { title: text, abstract: null, at };
  }

  const lines = readLines(input);
  let n = 0;
  let block: Block | null = null;
  for await (const raw of lines) {
    n++;
    const text = n === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (text.trim() === "") {
      if (block) yield* onBlock(block);
      block = null;
    } else if (block) {
      block.lines.push(text);
    } else {
      block = { lines: [text], line: n };
    }
  }
  if (block) yield* onBlock(block);
  if (pending) yield plain(pending);
}

function isHeaderLine(line: string): boolean {
  const t = line.trim();
  return HEADER_LINES.has(t) || DATE_LINE.test(t);
}

function isMetadata(lines: string[]): boolean {
  return lines.some((l) => {
    const t = l.trim();
    return t === DOT || t.startsWith("•");
  });
}

function record(p: Pending, hub?: Partial<HubFacts>): ImportRecord {
  const paper = emptyPaper("", "listing");
  paper.title = p.title;
  paper.abstract = p.abstract ?? "";
  return hub ? { paper, hub } : { paper };
}

function plain(p: Pending): ParseResult {
  return { ok: true, record: record(p), at: p.at };
}

/** Metadata lines: author count and/or organisation, the "·" separator, then the date line. */
function withMetadata(p: Pending, lines: string[], blockAt: RecordLocation): ParseResult {
  const trimmed = lines.map((l) => l.trim());
  const dot = trimmed.indexOf(DOT);
  const before = dot === -1 ? trimmed : trimmed.slice(0, dot);
  const after = dot === -1 ? [] : trimmed.slice(dot + 1);
  const hub: Partial<HubFacts> = {};
  let publishedAt: string | null = null;

  for (const l of before) {
    if (AUTHORS_LINE.test(l)) continue;
    if (l.startsWith("•")) return { ok: false, reason: `unrecognised metadata line "${l}"`, at: blockAt };
    hub.organization = { name: l };
  }
  if (after.length > 1) return { ok: false, reason: `unexpected lines after the date: "${after.slice(1).join(" / ")}"`, at: blockAt };
  if (after.length === 1) {
    const m = DATE_LINE.exec(after[0]!);
    if (!m || monthIndex(m[1]!) === undefined) {
      return { ok: false, reason: `unrecognised date line "${after[0]}" (expected e.g. "Mar 19, 2024 2")`, at: blockAt };
    }
    if (m[3]) publishedAt = parseDate(`${m[1]} ${m[2]}, ${m[3]}`);
    if (m[4]) hub.upvotes = Number(m[4]);
  }
  const rec = record(p, Object.keys(hub).length ? hub : undefined);
  rec.paper.publishedAt = publishedAt;
  return { ok: true, record: rec, at: p.at };
}

/** True when the text opens like a listing page: at least two of the fixed header lines among its first lines. */
export function looksLikeListing(head: string): boolean {
  let seen = 0;
  let checked = 0;
  for (const line of head.split("\n")) {
    const t = line.trim();
    if (t === "") continue;
    if (HEADER_LINES.has(t)) seen++;
    if (++checked >= 8 || seen >= 2) break;
  }
  return seen >= 2;
}
