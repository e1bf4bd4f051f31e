// Test doubles for the store side of sync jobs: an in-memory RecordSink and SyncStateStore.
import type { ImportSummary, ParseResult, RecordSink, SyncStateStore } from "../../../domain/ingest-types.js";
import type { ImportRecord } from "../../../domain/paper.js";

/** Upserts by paper id, counting inserted/updated/unchanged like the real pipeline. */
export class MemorySink implements RecordSink {
  readonly records = new Map<string, ImportRecord>();

  async importResults(results: AsyncIterable<ParseResult>): Promise<ImportSummary> {
    const s: ImportSummary = { read: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0, errors: [] };
    for await (const r of results) {
      s.read += 1;
      if (!r.ok) {
        s.rejected += 1;
        s.errors.push({ at: r.at, reason: r.reason });
        continue;
      }
      const before = this.records.get(r.record.paper.id);
      if (!before) s.inserted += 1;
      else if (JSON.stringify(before) === JSON.stringify(r.record)) s.unchanged += 1;
      else s.updated += 1;
      this.records.set(r.record.paper.id, r.record);
    }
    return s;
  }
}

export class MemoryState implements SyncStateStore {
  readonly values = new Map<string, string>();
  readonly writes: Array<[string, string]> = [];

  async getSyncState(key: string): Promise<string | null> {
    return this.values.get(key) ?? null;
  }

  async setSyncState(key: string, value: string): Promise<void> {
    this.values.set(key, value);
    this.writes.push([key, value]);
  }
}
