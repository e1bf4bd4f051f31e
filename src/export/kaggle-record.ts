// A paper as a line of the Kaggle arXiv metadata snapshot, the format `paperboard import --format kaggle` reads back.
//
// The snapshot holds arXiv's bibliographic record only: papers without an
// arXiv id cannot be written, and hub facts (feed day, upvotes, organisation)
// have no place in it (use the jsonl export for a lossless copy). Versions
// are rebuilt from what the store knows: v1 at publication, and the latest
// version at the last update.
import { parseArxivId } from "../domain/arxiv-id.js";
import type { Paper } from "../domain/paper.js";
import { familyWithParticle, parsePersonName } from "./person-name.js";

export interface KaggleRecord {
  id: string;
  submitter: string | null;
  authors: string;
  title: string;
  comments: string | null;
  "journal-ref": string | null;
  doi: string | null;
  "report-no": string | null;
  categories: string;
  license: string | null;
  abstract: string;
  versions: Array<{ version: string; created: string }>;
  update_date: string | null;
  authors_parsed: string[][];
}

/** Null for a paper without an arXiv id. */
export function toKaggleRecord(p: Paper): KaggleRecord | null {
  const arxiv = parseArxivId(p.id);
  if (!arxiv) return null;
  const categories = p.primaryCategory ? [p.primaryCategory, ...p.categories.filter((c) => c !== p.primaryCategory)] : p.categories;
  const versions: KaggleRecord["versions"] = [];
  if (p.publishedAt) versions.push({ version: "v1", created: new Date(p.publishedAt).toUTCString() });
  const latest = p.version ?? 1;
  if (latest > 1 && (p.updatedAt ?? p.publishedAt)) versions.push({ version: `v${latest}`, created: new Date((p.updatedAt ?? p.publishedAt)!).toUTCString() });
  return {
    id: arxiv.id,
    submitter: null,
    authors: p.authors.map((a) => a.name).join(", "),
    title: p.title,
    comments: p.comments,
    "journal-ref": p.journalRef,
    doi: p.doi,
    "report-no": null,
    categories: categories.join(" "),
    license: p.license,
    abstract: p.abstract,
    versions,
    update_date: (p.updatedAt ?? p.publishedAt)?.slice(0, 10) ?? null,
    authors_parsed: p.authors.map((a) => parsedName(a.name)),
  };
}

/** [family, given, suffix], the snapshot's split; an organisation is all family. */
function parsedName(raw: string): string[] {
  const n = parsePersonName(raw);
  return n.kind === "literal" ? [n.literal, "", ""] : [familyWithParticle(n), n.given, n.suffix];
}
