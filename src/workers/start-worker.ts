// Starting a worker thread from a module beside the caller: the compiled .js when built, the .ts source under tsx.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";

/** A worker entry module, named by the URL of its compiled .js; its .ts source sits at the same place. */
export interface WorkerEntry {
  js: URL;
  ts: URL;
}

/** The entry `name` (without extension) beside the module whose `import.meta.url` is `base`. */
export function workerEntry(name: string, base: string): WorkerEntry {
  return { js: new URL(`./${name}.js`, base), ts: new URL(`./${name}.ts`, base) };
}

/**
 * Whether the entry can be loaded here: the compiled .js (npm start, npx paperboard), or the .ts
 * source when a TypeScript loader such as tsx is active (npm run dev, the tests). Otherwise callers
 * do the work on their own thread.
 */
export function workerAvailable(entry: WorkerEntry): boolean {
  if (existsSync(fileURLToPath(entry.js))) return true;
  return process.execArgv.some((a) => a.includes("tsx")) && existsSync(fileURLToPath(entry.ts));
}

export function startWorker(entry: WorkerEntry, workerData: unknown): Worker {
  if (existsSync(fileURLToPath(entry.js))) return new Worker(entry.js, { workerData });
  // Running from TypeScript sources (tsx): a worker does not inherit the loader, so it registers it first.
  return new Worker(`import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.ts.href)}); });`, {
    eval: true,
    workerData,
  });
}

/** What a one-job worker posts: any number of progress messages, then its answer or why it failed. */
export type WorkerReply<T, P = never> = { type: "progress"; progress: P } | { type: "done"; value: T } | { type: "error"; message: string };

/**
 * The answer of a worker started for one job, passing its progress on. A failure inside it, an
 * uncaught error or an exit before answering rejects, the message naming `task`.
 */
export function workerAnswer<T, P = never>(worker: Worker, task: string, onProgress?: (p: P) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
    };
    worker.on("message", (m: WorkerReply<T, P>) => {
      if (m.type === "progress") onProgress?.(m.progress);
      else if (m.type === "done") settle(() => resolve(m.value));
      else settle(() => reject(new Error(`${task} failed: ${m.message}`)));
    });
    worker.on("error", (err) => settle(() => reject(new Error(`${task} failed: ${err.message}`))));
    worker.on("exit", (code) => settle(() => reject(new Error(`${task} stopped (worker exit code ${code})`))));
  });
}
