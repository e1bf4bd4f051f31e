// Worker-thread entry: catches the FTS5 index up over its own connection to the database file, reporting progress.
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerReply } from "../../workers/start-worker.js";
import { openSqlite } from "./sqlite-connection.js";
import { SqliteLexicalIndex } from "./sqlite-lexical-index.js";

export interface FtsJob {
  file: string;
  batchSize?: number;
}

/** From the worker: papers indexed so far, then the total; or why it failed. */
export type FtsMessage = WorkerReply<number, number>;

const job = workerData as FtsJob;
const port = parentPort!;
const stop = new AbortController();
port.on("message", (m: "stop") => {
  if (m === "stop") stop.abort();
});
const { db } = openSqlite(job.file);
try {
  const indexed = await new SqliteLexicalIndex(db).catchUp({
    ...(job.batchSize !== undefined ? { batchSize: job.batchSize } : {}),
    signal: stop.signal,
    onProgress: (n) => port.postMessage({ type: "progress", progress: n } satisfies FtsMessage),
  });
  port.postMessage({ type: "done", value: indexed } satisfies FtsMessage);
} catch (err) {
  port.postMessage({ type: "error", message: (err as Error).message } satisfies FtsMessage);
} finally {
  await db.destroy();
  port.close();
}
