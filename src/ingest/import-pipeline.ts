// The import pipeline: batches parsed records into atomic, idempotent store upserts and keeps the run's totals.
import type { ImportSummary, ParseResult, RecordLocation, RecordSink } from "../domain/ingest-types.js";
import { ID, TITLE_KEY, prepareRecord, type PreparedRecord } from "../storage/paper-rows.js";
import type { Store } from "../storage/store.js";
import { emptySummary } from "./import-summary.js";

/** A parse result whose record is already in column form (see prepareRecord). */
export type PreparedResult = { ok: true; prepared: PreparedRecord; at: RecordLocation } | { ok: false; reason: string; at: RecordLocation };

/** Turns parse results into prepared results; runs wherever it is iterated (the parse worker, or here). */
export async function* prepareResults(results: AsyncIterable<ParseResult>): AsyncGenerator<PreparedResult> {
  for await (const r of results) yield r.ok ? { ok: true, prepared: prepareRecord(r.record), at: r.at } : r;
}

/** A record with neither an id nor a usable title cannot be told apart from any other: reject it. */
function unidentifiable(p: PreparedRecord): string | null {
  return p.paper[ID] || p.paper[TITLE_KEY] ? null : "record has neither an id nor a title";
}

export interface PipelineOptions {
  /** Records per transaction; bigger batches are faster, smaller lose less work to a crash. */
  batchSize?: number;
  /** Called after every committed batch with the running totals. */
  onProgress?: (summary: ImportSummary) => void;
  /** Called for each rejected record as it is found. */
  onReject?: (error: ImportSummary["errors"][number]) => void;
  /** Most errors kept in the summary (all are counted); protects memory on a hopeless file. */
  maxErrorsKept?: number;
}

export class ImportPipeline implements RecordSink {
  private readonly batchSize: number;

  constructor(
    private readonly store: Store,
    private readonly opts: PipelineOptions = {},
  ) {
    this.batchSize = opts.batchSize ?? 2000;
  }

  importResults(results: AsyncIterable<ParseResult>, opts: { signal?: AbortSignal } = {}): Promise<ImportSummary> {
    return this.importPrepared(prepareResults(results), opts);
  }

  /**
   * Consumes results until the iterator ends or the signal aborts. Every
   * committed batch is complete, so an interrupted run leaves the store
   * consistent and a re-run finishes the work (upserts are idempotent).
   */
  async importPrepared(results: AsyncIterable<PreparedResult>, opts: { signal?: AbortSignal } = {}): Promise<ImportSummary> {
    const summary = emptySummary();
    const maxKept = this.opts.maxErrorsKept ?? 10_000;
    let batch: PreparedRecord[] = [];
    const flush = async () => {
      if (batch.length === 0) return;
      const outcomes = await this.store.upsertPrepared(batch);
      for (const o of outcomes) summary[o]++;
      batch = [];
      this.opts.onProgress?.(summary);
      // Let the event loop turn between batches: signals (Ctrl-C), timers and,
      // in the server, HTTP requests would otherwise wait for the whole import.
      await new Promise<void>((resolve) => setImmediate(resolve));
    };
    for await (const r of results) {
      summary.read++;
      const reason = r.ok ? unidentifiable(r.prepared) : r.reason;
      if (reason !== null) {
        summary.rejected++;
        const error = { at: r.at, reason };
        if (summary.errors.length < maxKept) summary.errors.push(error);
        this.opts.onReject?.(error);
      } else if (r.ok) {
        batch.push(r.prepared);
        if (batch.length >= this.batchSize) await flush();
      }
      if (opts.signal?.aborted) break;
    }
    await flush();
    return summary;
  }
}
