// Parsing a file on a worker thread, so parsing and writing to the store overlap on two cores.
import type { ImportFormat, ParseOptions } from "../domain/ingest-types.js";
import type { PreparedResult } from "./import-pipeline.js";
import type { ParentMessage, ParseJob, WorkerMessage } from "./parse-worker.js";
import { startWorker, workerAvailable, workerEntry } from "../workers/start-worker.js";

const ENTRY = workerEntry("parse-worker", import.meta.url);

/** Whether the parser can run on a worker thread here; otherwise callers parse on the main thread. */
export function parseWorkerAvailable(): boolean {
  return workerAvailable(ENTRY);
}

/**
 * The same results, in the same order, as running the parser in-process and preparing its records. A
 * failure inside the worker (an unreadable file, a stream error) surfaces
 * here as a thrown error; breaking out of the loop stops the worker.
 */
export async function* parseFileInWorker(
  file: string,
  format: ImportFormat,
  options: ParseOptions,
  opts: { onBytes?: (n: number) => void; batchSize?: number } = {},
): AsyncGenerator<PreparedResult> {
  const job: ParseJob = { file, format, options, batchSize: opts.batchSize ?? 500 };
  const worker = startWorker(ENTRY, job);
  const queue: WorkerMessage[] = [];
  let wake: (() => void) | null = null;
  let exited = false;
  const push = (m: WorkerMessage) => {
    queue.push(m);
    wake?.();
    wake = null;
  };
  worker.on("message", push);
  worker.on("error", (err) => push({ type: "error", message: err.message }));
  worker.on("exit", () => {
    exited = true;
    wake?.();
    wake = null;
  });
  try {
    for (;;) {
      while (queue.length === 0) {
        if (exited) throw new Error(`parser worker for ${file} stopped unexpectedly`);
        await new Promise<void>((r) => (wake = r));
      }
      const m = queue.shift()!;
      if (m.type === "error") throw new Error(m.message);
      opts.onBytes?.(m.bytes);
      if (m.type === "done") return;
      worker.postMessage({ type: "credit" } satisfies ParentMessage);
      yield* m.results;
    }
  } finally {
    if (!exited) {
      worker.postMessage({ type: "stop" } satisfies ParentMessage);
      await worker.terminate();
    }
  }
}
