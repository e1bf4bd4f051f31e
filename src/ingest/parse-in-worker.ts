// Parsing a file on a worker thread, so parsing and writing to the store overlap on two cores.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { ImportFormat, ParseOptions } from "../domain/ingest-types.js";
import type { PreparedResult } from "./import-pipeline.js";
import type { ParentMessage, ParseJob, WorkerMessage } from "./parse-worker.js";

const WORKER_JS = new URL("./parse-worker.js", import.meta.url);
const WORKER_TS = new URL("./parse-worker.ts", import.meta.url);

/**
 * Whether the worker entry can be loaded here: the compiled .js (npm start,
 * npx paperboard), or the .ts source when a TypeScript loader such as tsx is
 * active (npm run dev). Otherwise callers parse on the main thread.
 */
export function workerAvailable(): boolean {
  if (existsSync(fileURLToPath(WORKER_JS))) return true;
  return process.execArgv.some((a) => a.includes("tsx")) && existsSync(fileURLToPath(WORKER_TS));
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
  const worker = existsSync(fileURLToPath(WORKER_JS))
    ? new Worker(WORKER_JS, { workerData: job })
    : // Running from TypeScript sources (tsx): a worker does not inherit the loader, so register it first.
      new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_TS.href)}); });`, {
        eval: true,
        workerData: job,
      });
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
