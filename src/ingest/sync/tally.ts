// Counting what passes through a parse, so pagers can tell a short or empty page.
import type { ParseResult } from "../../domain/ingest-types.js";

/** What passed through a `tally`-wrapped parse: entries seen and the ids of valid records. */
export interface Tally {
  entries: number;
  ids: string[];
}

/**
 * Passes results through unchanged while counting them, so a pager can tell
 * an empty or short page without a second parse. The sink decides what to
 * keep; every entry (valid or not) counts towards the page size.
 */
export async function* tally(results: AsyncIterable<ParseResult>, into: Tally): AsyncIterable<ParseResult> {
  for await (const r of results) {
    into.entries += 1;
    if (r.ok) into.ids.push(r.record.paper.id);
    yield r;
  }
}
