// Guessing an import file's format from the start of its (decompressed) content.
//
// Content decides, not the extension: exports are often misnamed. The head
// should be a few KB (16 KB covers a Kaggle line with a long abstract); a
// first JSON line cut off by the head limit is judged by its field names.
// Null means "not sure": the caller should ask for an explicit format.
import type { ImportFormat } from "../domain/ingest-types.js";
import { feedDayFromFileName } from "./formats/hf-daily.js";
import { looksLikeListing } from "./formats/listing.js";
import { isObject, type JsonObject } from "./formats/record-fields.js";

const ATOM_NS = "http://www.w3.org/2005/Atom";
const FEED_ELEMENT = /<(?:[\w-]+:)?feed[\s>]/;
const OAI_ELEMENT = /<(?:[\w-]+:)?OAI-PMH[\s>]/;
const PAPER_KEY = /["']paper["']\s*:/;
const MAPPABLE_KEYS = ["title", "abstract", "summary", "text"];

export function detectFormat(head: string, fileName: string): ImportFormat | null {
  const text = head.replace(/^\uFEFF/, "").trimStart();
  if (text === "") return null;
  const first = text[0];
  if (first === "<") return detectXml(text);
  if (first === "[") {
    if (PAPER_KEY.test(text)) return "hf-daily";
    // An empty day from the API is "[]"; a YYYY-MM-DD.json name says whose it is.
    return feedDayFromFileName(fileName) && /^\[\s*\]?\s*$/.test(text) ? "hf-daily" : null;
  }
  if (first === "{") return detectJsonObject(text);
  return looksLikeListing(text) ? "listing" : null;
}

function detectXml(text: string): ImportFormat | null {
  if (OAI_ELEMENT.test(text)) return "arxiv-oai";
  if (FEED_ELEMENT.test(text) && text.includes(ATOM_NS)) return "arxiv-atom";
  return null;
}

function detectJsonObject(text: string): ImportFormat | null {
  const nl = text.indexOf("\n");
  const firstLine = nl === -1 ? text : text.slice(0, nl);
  let obj: JsonObject | null = null;
  try {
    const v: unknown = JSON.parse(firstLine);
    obj = isObject(v) ? v : null;
  } catch {
    obj = null;
  }
  if (obj) {
    if ("status" in obj && Array.isArray(obj.data)) return "hf-daily";
    if ("versions" in obj && ("authors_parsed" in obj || "submitter" in obj)) return "kaggle";
    return MAPPABLE_KEYS.some((k) => k in obj) ? "jsonl" : null;
  }
  if (nl !== -1) {
    // A pretty-printed object spanning lines: only the wrapped Daily Papers response is known.
    return text.includes('"status"') && text.includes('"data"') ? "hf-daily" : null;
  }
  // One line longer than the head: judge by the field names seen so far.
  if (firstLine.includes('"submitter"') && (firstLine.includes('"versions"') || firstLine.includes('"journal-ref"'))) {
    return "kaggle";
  }
  if (firstLine.includes('"status"') && firstLine.includes('"data"')) return "hf-daily";
  return MAPPABLE_KEYS.some((k) => firstLine.includes(`"${k}"`)) ? "jsonl" : null;
}
