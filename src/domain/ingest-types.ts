// The contract between format parsers and the import pipeline.
import { PAPER_SOURCES, type ImportRecord, type PaperSource } from "./paper.js";

/** Where in the input a record was found: a line (1-based) or an entry index (0-based). */
export interface RecordLocation {
  file: string;
  line?: number;
  index?: number;
}

export type ParseResult =
  | { ok: true; record: ImportRecord; at: RecordLocation }
  | { ok: false; reason: string; at: RecordLocation };

/** Each import format is also the source recorded on the papers it brings. */
export type ImportFormat = PaperSource;
export const IMPORT_FORMATS: readonly ImportFormat[] = PAPER_SOURCES;

/** Options every parser receives. */
export interface ParseOptions {
  /** Name used in error locations (usually the file path). */
  file: string;
  /** Feed-day rules for Daily Papers entries. */
  feed?: FeedDayRule;
  /** Authoritative feed day (e.g. the date the API was asked for). */
  feedDay?: string;
}

/** How a submission timestamp maps to a feed day. */
export interface FeedDayRule {
  /** IANA time zone, e.g. "UTC" or "America/New_York". */
  timeZone: string;
  /** Hour (0-23) in that zone at which the feed rolls over to the next day. */
  rolloverHour: number;
}

/** A parser turns a byte stream into results, in input order, in constant memory. */
export type Parser = (input: NodeJS.ReadableStream, opts: ParseOptions) => AsyncIterable<ParseResult>;

/** Page-level facts an OAI-PMH ListRecords response carries besides its records. */
export interface OaiPageMeta {
  /** Token for the next page; null or empty string when the list is complete. */
  resumptionToken: string | null;
  completeListSize?: number;
  cursor?: number;
  /** An OAI-PMH <error code="...">, e.g. noRecordsMatch (an empty, valid answer) or badResumptionToken. */
  error?: { code: string; message: string };
}

/** Page-level facts an arXiv API Atom feed carries (opensearch elements). */
export interface AtomPageMeta {
  totalResults?: number;
  startIndex?: number;
  itemsPerPage?: number;
}

/** Totals of one import run. `rejected` counts records reported in `errors`. */
export interface ImportSummary {
  read: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  errors: Array<{ at: RecordLocation; reason: string }>;
}

/** Where parsed results go: the import pipeline (batched, idempotent upserts into the store). */
export interface RecordSink {
  importResults(results: AsyncIterable<ParseResult>, opts?: { signal?: AbortSignal }): Promise<ImportSummary>;
}

/** Persistent key/value state for sync jobs (e.g. last successful harvest per source). */
export interface SyncStateStore {
  getSyncState(key: string): Promise<string | null>;
  setSyncState(key: string, value: string): Promise<void>;
}
