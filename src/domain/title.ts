// Title normalisation for de-duplicating papers that have no id.
import { createHash } from "node:crypto";

/**
 * The key under which two titles count as the same paper: Unicode-folded,
 * lower case, LaTeX commands and punctuation dropped, whitespace collapsed.
 */
export function normaliseTitle(title: string): string {
  return title
    // LaTeX accent macros (\"o, \'{e}) reduce to the bare letter, as accented letters do below.
    .replace(/\\[^a-zA-Z\s]/g, "")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\\[a-z]+\s*/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** Collapses runs of whitespace (arXiv wraps titles and abstracts at ~80 columns). */
export function cleanText(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * The id given to a paper that arrives without one: the first 12 hex digits
 * of sha1 of the lower-cased title, so the same title always gets the same id
 * whichever source brings it.
 */
export function titleId(title: string): string {
  return createHash("sha1").update(cleanText(title).toLowerCase()).digest("hex").slice(0, 12);
}
