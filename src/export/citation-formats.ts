// The citation formats a paper or a list can be downloaded in, by file extension: BibTeX, RIS, CSL-JSON.
import type { Paper } from "../domain/paper.js";
import { toBibtexFile } from "./bibtex.js";
import { toCslJson } from "./csl-json.js";
import { toRisFile } from "./ris.js";

export const CITATION_FORMATS = ["bib", "ris", "csl.json"] as const;
export type CitationFormat = (typeof CITATION_FORMATS)[number];

export interface CitationWriter {
  contentType: string;
  render(papers: readonly Paper[]): string;
}

export const CITATION_WRITERS: Record<CitationFormat, CitationWriter> = {
  bib: { contentType: "application/x-bibtex; charset=utf-8", render: toBibtexFile },
  ris: { contentType: "application/x-research-info-systems; charset=utf-8", render: toRisFile },
  "csl.json": { contentType: "application/vnd.citationstyles.csl+json; charset=utf-8", render: (papers) => `${JSON.stringify(toCslJson(papers), null, 2)}\n` },
};

export function isCitationFormat(s: string): s is CitationFormat {
  return (CITATION_FORMATS as readonly string[]).includes(s);
}
