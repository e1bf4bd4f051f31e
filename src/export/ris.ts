// RIS for papers: one record per paper, `TAG  - value` lines, CRLF line ends as the format's specification asks.
//
// RIS has no preprint type; UNPB (unpublished work) is the nearest, and what
// reference managers map to a manuscript or preprint. Values are one line
// each: newlines inside an abstract would start a line without a tag.
import { arxivAbsUrl, arxivPdfUrl, parseArxivId } from "../domain/arxiv-id.js";
import type { Paper } from "../domain/paper.js";
import { uniqueCiteKeys } from "./cite-keys.js";
import { familyWithParticle, parsePersonName } from "./person-name.js";

const EOL = "\r\n";

export function toRis(p: Paper, key: string): string {
  const arxiv = parseArxivId(p.id);
  const lines: Array<[string, string | null | undefined]> = [
    ["TY", arxiv ? "UNPB" : "GEN"],
    ["ID", key],
    ["TI", p.title],
    ...p.authors.map((a): [string, string] => ["AU", risName(a.name)]),
    ["PY", p.publishedAt?.slice(0, 4)],
    ["DA", p.publishedAt ? p.publishedAt.slice(0, 10).replaceAll("-", "/") : null],
    ["AB", p.abstract],
    ...p.categories.map((c): [string, string] => ["KW", c]),
    ["DO", p.doi],
    ["UR", arxiv ? arxivAbsUrl(arxiv.id) : p.links.abs],
    ["L1", arxiv ? arxivPdfUrl(arxiv.id) : p.links.pdf],
    ["PB", arxiv ? "arXiv" : null],
    ["AN", arxiv ? `arXiv:${arxiv.id}` : null],
    ["N1", p.journalRef],
    ["N1", p.comments],
  ];
  const body = lines
    .map(([tag, v]) => [tag, oneLine(v ?? "")] as const)
    .filter(([, v]) => v !== "")
    .map(([tag, v]) => `${tag}  - ${v}`);
  // The end tag carries no value but keeps its trailing space: `ER  - `.
  return [...body, "ER  - "].join(EOL) + EOL;
}

/** A RIS file of these papers (duplicates once), records separated by a blank line. */
export function toRisFile(papers: readonly Paper[]): string {
  const keys = uniqueCiteKeys(papers);
  const seen = new Set<string>();
  return papers
    .filter((p) => !seen.has(p.id) && seen.add(p.id))
    .map((p) => toRis(p, keys.get(p.id)!))
    .join(EOL);
}

/** RIS writes authors "Family, Given, Suffix"; an organisation as it is. */
function risName(raw: string): string {
  const n = parsePersonName(raw);
  if (n.kind === "literal") return n.literal;
  return [familyWithParticle(n), n.given, n.suffix].filter(Boolean).join(", ");
}

function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
