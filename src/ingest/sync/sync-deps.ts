// What every sync job needs from its caller: where records go, where progress is kept, how to reach the remotes.
import type { RecordSink, SyncStateStore } from "../../domain/ingest-types.js";
import type { PoliteHttp } from "./polite-http.js";

export interface SyncUrls {
  /** OAI-PMH base URL (ListRecords). */
  arxivOai: string;
  /** arXiv API query endpoint (Atom). */
  arxivApi: string;
  /** Hugging Face hub origin; `/api/daily_papers` is appended. */
  hfApi: string;
}

export const DEFAULT_SYNC_URLS: SyncUrls = {
  arxivOai: "https://export.arxiv.org/oai2",
  arxivApi: "https://export.arxiv.org/api/query",
  hfApi: "https://huggingface.co",
};

export interface SyncLog {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * `http` carries the pacing of one remote: give arXiv jobs a PoliteHttp with
 * minIntervalMs >= 3000 and share it between the OAI and API jobs (same host).
 */
export interface SyncDeps {
  sink: RecordSink;
  state: SyncStateStore;
  http: PoliteHttp;
  urls: SyncUrls;
  log?: SyncLog;
  signal?: AbortSignal;
}
