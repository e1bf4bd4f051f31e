// Worker-thread entry: opens one import file, runs its parser, and posts results back in flow-controlled batches.
import { parentPort, workerData } from "node:worker_threads";
import type { ImportFormat, ParseOptions, ParseResult } from "../domain/ingest-types.js";
import { parsers } from "./formats/index.js";
import { openInput } from "./open-input.js";

export interface ParseJob {
  file: string;
  format: ImportFormat;
  options: ParseOptions;
  batchSize: number;
}

/** Messages the worker posts to its parent. */
export type WorkerMessage =
  | { type: "results"; results: ParseResult[]; bytes: number }
  | { type: "done"; bytes: number }
  | { type: "error"; message: string };

/** Messages the parent posts: `credit` allows one more batch in flight; `stop` ends the parse early. */
export type ParentMessage = { type: "credit" } | { type: "stop" };

async function run(job: ParseJob): Promise<void> {
  const port = parentPort!;
  // Flow control: at most `credits` batches wait in the parent's queue, so a
  // fast parser cannot fill memory ahead of a slower store.
  let credits = 4;
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
  let batch: ParseResult[] = [];
  const send = async () => {
    while (credits === 0 && !stopped) await new Promise<void>((r) => (wake = r));
    if (stopped) return;
    credits--;
    port.postMessage({ type: "results", results: batch, bytes } satisfies WorkerMessage);
    batch = [];
  };
  for await (const r of parsers[job.format](input, job.options)) {
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
