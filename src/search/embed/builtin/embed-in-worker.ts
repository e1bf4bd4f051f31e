// Embedding document batches on a worker thread, so the indexer writes and inserts one batch while the next is embedded.
import type { Worker } from "node:worker_threads";
import { startWorker, workerAvailable, workerEntry } from "../../../workers/start-worker.js";
import type { EmbedRequest, EmbedResponse } from "./embed-worker.js";
import type { WeightedTable } from "./sif-embedder.js";

const ENTRY = workerEntry("embed-worker", import.meta.url);

/** Whether the embedder can run on a worker thread here (see start-worker.ts). */
export function embedWorkerAvailable(): boolean {
  return workerAvailable(ENTRY);
}

export class EmbedWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (v: Float32Array) => void; reject: (e: Error) => void }>();
  private nextId = 0;
  private failure: Error | null = null;

  /** Starts a worker holding a copy of the tables (tens of MB, copied once). */
  constructor(tables: WeightedTable[], private readonly dims: number) {
    this.worker = startWorker(ENTRY, tables);
    // An idle embedder must not keep the process alive; a busy one must (someone awaits its answer).
    this.worker.unref();
    this.worker.on("message", (m: EmbedResponse) => {
      const w = this.waiting.get(m.id);
      this.waiting.delete(m.id);
      if (this.waiting.size === 0) this.worker.unref();
      if (!w) return;
      if ("error" in m) w.reject(new Error(m.error));
      else w.resolve(m.vectors);
    });
    const fail = (err: Error) => {
      this.failure = err;
      for (const w of this.waiting.values()) w.reject(err);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`embedding worker stopped (exit code ${code})`)));
  }

  /** One unit vector per text, in order: views into one buffer. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    const flat = await new Promise<Float32Array>((resolve, reject) => {
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, texts } satisfies EmbedRequest);
    });
    return Array.from(texts, (_, i) => flat.subarray(i * this.dims, (i + 1) * this.dims));
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}
