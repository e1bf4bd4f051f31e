// Importing files: open (plain or gzip), detect or take the format, parse, and feed the pipeline; one summary per run.
import { stat } from "node:fs/promises";
import { ValidationError } from "../domain/errors.js";
import type { FeedDayRule, ImportFormat, ImportSummary } from "../domain/ingest-types.js";
import { IMPORT_FORMATS } from "../domain/ingest-types.js";
import { detectFormat } from "./detect-format.js";
import { feedDayFromFileName } from "./formats/hf-daily.js";
import { parsers } from "./formats/index.js";
import type { ImportPipeline } from "./import-pipeline.js";
import { addSummary, emptySummary } from "./import-summary.js";
import { openInput, peekText } from "./open-input.js";
import { parseFileInWorker, parseWorkerAvailable } from "./parse-in-worker.js";

export interface ImportFilesOptions {
  format?: ImportFormat | undefined;
  feed: FeedDayRule;
  signal?: AbortSignal;
  /** Called as bytes of the (compressed) input are read, with the running total over all files. */
  onBytes?: (bytesRead: number) => void;
  /** Parse on a worker thread when one can be started (the CLI does; in-process callers may not). */
  worker?: boolean;
  /** Called when a file starts. */
  onFile?: (file: string, format: ImportFormat) => void;
}

export function parseFormat(value: string): ImportFormat {
  if ((IMPORT_FORMATS as readonly string[]).includes(value)) return value as ImportFormat;
  throw new ValidationError(`unknown format "${value}"; expected one of ${IMPORT_FORMATS.join(", ")}`);
}

export async function totalSize(files: string[]): Promise<number> {
  let n = 0;
  for (const f of files) n += (await stat(f)).size;
  return n;
}

/**
 * Imports the files in order. A file that cannot be opened or whose format
 * cannot be told is reported as one rejected entry and the run goes on with
 * the next file, so every valid record still lands.
 */
export async function importFiles(files: string[], pipeline: ImportPipeline, opts: ImportFilesOptions): Promise<ImportSummary> {
  const total = emptySummary();
  let bytesBefore = 0;
  for (const file of files) {
    if (opts.signal?.aborted) break;
    let format: ImportFormat;
    try {
      await stat(file);
      const detected = opts.format ?? detectFormat(await peekText(file, 64 * 1024), file);
      if (!detected) throw new Error(`cannot tell the format from the content; pass --format (one of ${IMPORT_FORMATS.join(", ")})`);
      format = detected;
    } catch (err) {
      addSummary(total, fileError(file, err));
      continue;
    }
    opts.onFile?.(file, format);
    let bytes = 0;
    const onBytes = (n: number) => {
      bytes = n;
      opts.onBytes?.(bytesBefore + n);
    };
    const feedDay = format === "hf-daily" ? feedDayFromFileName(file) : undefined;
    const parseOpts = { file, feed: opts.feed, ...(feedDay ? { feedDay } : {}) };
    const signal = opts.signal ? { signal: opts.signal } : {};
    const summary =
      opts.worker && parseWorkerAvailable()
        ? await pipeline.importPrepared(parseFileInWorker(file, format, parseOpts, { onBytes }), signal)
        : await pipeline.importResults(parsers[format](await openInput(file, { onBytes }), parseOpts), signal);
    bytesBefore += bytes;
    addSummary(total, summary);
  }
  return total;
}

function fileError(file: string, err: unknown): ImportSummary {
  const message = (err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message;
  return { ...emptySummary(), read: 1, rejected: 1, errors: [{ at: { file }, reason: message }] };
}
