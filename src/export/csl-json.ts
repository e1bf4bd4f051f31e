// CSL-JSON for papers: the citation items citeproc, Pandoc and Zotero read, one per paper.
//
// An arXiv paper is typed "article" (CSL's type for preprints and working
// papers, as Zotero exports them) with arXiv as publisher and the id as
// number, which CSL styles print as "arXiv:2407.21783".
import { arxivAbsUrl, parseArxivId } from "../domain/arxiv-id.js";
import type { Paper } from "../domain/paper.js";
import { uniqueCiteKeys } from "./cite-keys.js";
import { parsePersonName } from "./person-name.js";

export type CslName =
  | { family: string; given?: string; "non-dropping-particle"?: string; suffix?: string }
  | { literal: string };

export interface CslItem {
  id: string;
  type: "article";
  title: string;
  author: CslName[];
  issued?: { "date-parts": [[number, number, number]] };
  abstract?: string;
  URL?: string;
  DOI?: string;
  publisher?: string;
  number?: string;
  genre?: string;
  keyword?: string;
  note?: string;
}

export function toCslItem(p: Paper, key: string): CslItem {
  const arxiv = parseArxivId(p.id);
  const item: CslItem = { id: key, type: "article", title: p.title, author: p.authors.map((a) => cslName(a.name)) };
  const date = p.publishedAt ? new Date(p.publishedAt) : null;
  if (date && !Number.isNaN(date.getTime())) item.issued = { "date-parts": [[date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]] };
  if (p.abstract) item.abstract = p.abstract;
  const url = arxiv ? arxivAbsUrl(arxiv.id) : p.links.abs;
  if (url) item.URL = url;
  if (p.doi) item.DOI = p.doi;
  if (arxiv) {
    item.publisher = "arXiv";
    item.number = `arXiv:${arxiv.id}`;
    item.genre = "Preprint";
  }
  if (p.categories.length) item.keyword = p.categories.join(", ");
  if (p.journalRef) item.note = p.journalRef;
  return item;
}

/** A CSL-JSON array of these papers (duplicates once), ids unique within it. */
export function toCslJson(papers: readonly Paper[]): CslItem[] {
  const keys = uniqueCiteKeys(papers);
  const seen = new Set<string>();
  return papers.filter((p) => !seen.has(p.id) && seen.add(p.id)).map((p) => toCslItem(p, keys.get(p.id)!));
}

function cslName(raw: string): CslName {
  const n = parsePersonName(raw);
  if (n.kind === "literal") return { literal: n.literal };
  return {
    family: n.family,
    ...(n.given ? { given: n.given } : {}),
    ...(n.particle ? { "non-dropping-particle": n.particle } : {}),
    ...(n.suffix ? { suffix: n.suffix } : {}),
  };
}
