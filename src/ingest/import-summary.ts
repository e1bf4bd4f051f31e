// Import totals: the empty summary and adding one run's (or page's) totals into another.
import type { ImportSummary } from "../domain/ingest-types.js";

export function emptySummary(): ImportSummary {
  return { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
}

/** Adds `part` into `total` in place and returns `total`. */
export function addSummary(total: ImportSummary, part: ImportSummary): ImportSummary {
  total.read += part.read;
  total.inserted += part.inserted;
  total.updated += part.updated;
  total.unchanged += part.unchanged;
  total.rejected += part.rejected;
  for (const e of part.errors) total.errors.push(e);
  return total;
}
