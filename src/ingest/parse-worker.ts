// Worker-thread entry: opens one import file, runs its parser, and posts results back in flow-controlled batches.
import { parentPort, workerData } from "node:worker_threads";
import type { ImportFormat, ParseOptions } from "../domain/ingest-types.js";
import { parsers } from "./formats/index.js";
import { prepareResults, type PreparedResult } from "./import-pipeline.js";
import { openInput } from "./open-input.js";

export interface ParseJob {
  file: string;
  format: ImportFormat;
  options: ParseOptions;
  batchSize: number;
}

/** Messages the worker posts to its parent. */
export type WorkerMessage =
  | { type: "results"; results: PreparedResult[]; bytes: number }
  | { type: "done"; bytes: number }
  | { type: "error"; message: string };

/** Messages the parent posts: `credit` allows one more batch in flight; `stop` ends the parse early. */
export type ParentMessage = { type: "credit" } | { type: "stop" };

async function run(job: ParseJob): Promise<void> {
  const port = parentPort!;
  // Flow control: at most `credits` batches wait in the parent's queue, so a
  // fast parser cannot fill memory ahead of a slower store. 16 batches of 500
  // records smooth out the store's bursts (one commit per 2,000 records);
  // with 4 both threads sat idle a fifth of the time.
  let credits = 16;
  let stopped = false;
  let wake: (() => void) | null = null;
  port.on("message", (m: ParentMessage) => {
    if (m.type === "credit") credits++;
    else stopped = true;
    wake?.();
    wake = null;
  });
  let bytes = 0;
  const input = await openInput(job.file, { onBytes: (n) => (bytes = n) });
  let batch: PreparedResult[] = [];
  const send = async () => {
    while (credits === 0 && !stopped) await new Promise<void>((r) => (wake = r));
    if (stopped) return;
    credits--;
    // Prepared records are flat arrays of primitives, which structured clone copies cheaply
    // (measured: ~6% faster overall than sending the batch as one JSON string).
    port.postMessage({ type: "results", results: batch, bytes } satisfies WorkerMessage);
    batch = [];
  };
  // Records are prepared (encoded into column values) here too, off the thread that writes.
  for await (const r of prepareResults(parsers[job.format](input, job.options))) {
    batch.push(r);
    if (batch.length >= job.batchSize) await send();
    if (stopped) break;
  }
  if (batch.length > 0) await send();
  port.postMessage({ type: "done", bytes } satisfies WorkerMessage);
}

run(workerData as ParseJob).catch((err: unknown) => {
  parentPort!.postMessage({ type: "error", message: (err as Error).message ?? String(err) } satisfies WorkerMessage);
});
