// How import and sync commands report an ImportSummary: rejections on stderr, totals as JSON or one line.
import type { ImportSummary } from "../domain/ingest-types.js";

const SHOWN_ERRORS = 20;

export function formatLocation(at: { file: string; line?: number; index?: number }): string {
  if (at.line !== undefined) return `${at.file}:${at.line}`;
  if (at.index !== undefined) return `${at.file} entry ${at.index}`;
  return at.file;
}

/** The first rejections, one a line on stderr, and how many more there were. */
export function printRejections(summary: ImportSummary): void {
  const shown = summary.errors.slice(0, SHOWN_ERRORS);
  for (const e of shown) process.stderr.write(`rejected: ${formatLocation(e.at)}: ${e.reason}\n`);
  if (summary.rejected > shown.length) process.stderr.write(`rejected: … and ${summary.rejected - shown.length} more\n`);
}

export function summaryTotals(s: ImportSummary) {
  return { read: s.read, inserted: s.inserted, updated: s.updated, unchanged: s.unchanged, rejected: s.rejected };
}

/** Every kept rejection as a flat `{file, line | index, reason}` object, for JSON output. */
export function summaryErrors(s: ImportSummary): Array<Record<string, unknown>> {
  return s.errors.map((e) => ({ ...e.at, reason: e.reason }));
}

export function totalsLine(s: ImportSummary): string {
  return `read ${s.read}, inserted ${s.inserted}, updated ${s.updated}, unchanged ${s.unchanged}, rejected ${s.rejected}`;
}
