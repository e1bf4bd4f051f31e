// arXiv identifiers: recognising, normalising and splitting off the version.
//
// New-style ids are YYMM.NNNN (2007-2014) or YYMM.NNNNN (2015-); old-style ids
// are archive(.subject)/YYMMNNN, e.g. hep-th/9901001 or math.GT/0309136.

const NEW_ID = /^(\d{4}\.\d{4,5})(?:v(\d+))?$/;
const OLD_ID = /^([a-z][a-z-]*(?:\.[A-Z]{2})?\/\d{7})(?:v(\d+))?$/i;
const URL_PREFIX = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\//i;

export interface ArxivId {
  /** Id without version. */
  id: string;
  /** Version number, or null when the input had none. */
  version: number | null;
}

/**
 * Parses an arXiv id in any common spelling: bare, with `arXiv:` prefix,
 * with a version suffix, or as an abs/pdf URL. Returns null if it is not one.
 */
export function parseArxivId(input: string): ArxivId | null {
  let s = input.trim();
  s = s.replace(URL_PREFIX, "");
  s = s.replace(/^arxiv:/i, "");
  s = s.replace(/[?#].*$/, "").replace(/\/$/, "").replace(/\.pdf$/i, "");
  const m = NEW_ID.exec(s) ?? OLD_ID.exec(s);
  if (!m || !m[1]) return null;
  const id = m[1].includes("/") ? normaliseOldStyle(m[1]) : m[1];
  return { id, version: m[2] ? Number(m[2]) : null };
}

/** Archive names are lower case; the subject class after the dot is upper case (math.GT). */
function normaliseOldStyle(id: string): string {
  const [archive = "", num = ""] = id.split("/");
  const [name = "", subject] = archive.split(".");
  return `${name.toLowerCase()}${subject ? "." + subject.toUpperCase() : ""}/${num}`;
}

export function isArxivId(input: string): boolean {
  return parseArxivId(input) !== null;
}

export function arxivAbsUrl(id: string): string {
  return `https://arxiv.org/abs/${id}`;
}

export function arxivPdfUrl(id: string): string {
  return `https://arxiv.org/pdf/${id}`;
}
