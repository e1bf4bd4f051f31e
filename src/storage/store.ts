// The storage interface every backend implements; services depend on this, never on SQL.
import type { SyncStateStore } from "../domain/ingest-types.js";
import type { ImportRecord, StoredPaper } from "../domain/paper.js";
import type { LexicalIndex } from "./lexical-index.js";
import type { PreparedRecord } from "./paper-rows.js";
import type { VectorStore } from "./vector-store.js";
import type { Kysely } from "kysely";
import type { Database } from "./schema.js";

export type UpsertOutcome = "inserted" | "updated" | "unchanged";

export interface ListPapersOptions {
  limit: number;
  /** Keyset cursor from a previous page (opaque). */
  cursor?: string;
}

export interface PaperPage {
  papers: StoredPaper[];
  /** Cursor for the next page, or null at the end. */
  nextCursor: string | null;
}

export interface StoreCapabilities {
  readonly dialect: "sqlite" | "postgres";
  /** Most bind parameters one statement may carry. */
  readonly maxParams: number;
  /** The syntax LexicalSearch.match is written in. */
  readonly lexicalSyntax: "fts5" | "tsquery";
}

export interface Store extends SyncStateStore {
  readonly capabilities: StoreCapabilities;
  /** Full-text search over the papers, in this database's own engine. */
  readonly lexical: LexicalIndex;
  /** Dense vectors of the papers per embedding model, for semantic search. */
  readonly vectors: VectorStore;
  /** The database, for the repositories of other capabilities (accounts, community) that live beside this store. */
  readonly db: Kysely<Database>;
  /**
   * Upserts a batch atomically (all or nothing) and reports, per record in
   * order, whether it inserted, changed or left the stored paper as it was.
   * Records with an empty id are matched by normalised title, else given `titleId`.
   */
  upsertPapers(records: ImportRecord[]): Promise<UpsertOutcome[]>;
  /** The same for records already turned into column values (see prepareRecord), e.g. on a parse worker. */
  upsertPrepared(records: PreparedRecord[]): Promise<UpsertOutcome[]>;
  getPaper(id: string): Promise<StoredPaper | null>;
  /** The papers with these ids, in the order given; unknown ids are left out. */
  getPapers(ids: string[]): Promise<StoredPaper[]>;
  /** Papers newest first by publication date (then id), keyset-paged. */
  listPapers(opts: ListPapersOptions): Promise<PaperPage>;
  countPapers(): Promise<number>;
  /** About `count` papers spread evenly over the store (fewer when it holds fewer), without reading the rest. */
  samplePapers(count: number): Promise<StoredPaper[]>;
  /** Every paper in id order, read in pages so memory stays flat. */
  streamPapers(pageSize?: number): AsyncIterable<StoredPaper>;
  close(): Promise<void>;
}
