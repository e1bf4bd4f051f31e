// Every paper of the store as lines: `jsonl` (the stored papers with their hub facts, lossless) or `kaggle` (the arXiv snapshot's format).
import type { Store } from "../storage/store.js";
import { toKaggleRecord } from "./kaggle-record.js";

export const BULK_FORMATS = ["jsonl", "kaggle"] as const;
export type BulkFormat = (typeof BULK_FORMATS)[number];

export interface BulkCounts {
  written: number;
  /** Papers the format cannot hold (kaggle: no arXiv id). */
  skipped: number;
}

/**
 * Lines ending in "\n", read from the store page by page so memory stays
 * flat; `counts` is filled in as they go. jsonl lines re-import with
 * `paperboard import --format jsonl`, kaggle lines with `--format kaggle`.
 */
export async function* exportLines(store: Pick<Store, "streamPapers">, format: BulkFormat, counts: BulkCounts = { written: 0, skipped: 0 }): AsyncGenerator<string> {
  for await (const p of store.streamPapers()) {
    const record = format === "jsonl" ? p : toKaggleRecord(p);
    if (record === null) {
      counts.skipped += 1;
      continue;
    }
    counts.written += 1;
    yield `${JSON.stringify(record)}\n`;
  }
}

export function isBulkFormat(s: string): s is BulkFormat {
  return (BULK_FORMATS as readonly string[]).includes(s);
}
