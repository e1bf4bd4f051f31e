// Worker-thread entry: trains a hub's corpus model (corpus-training.ts) from the job it was started with.
import { parentPort, workerData } from "node:worker_threads";
import type { WorkerReply } from "../../../workers/start-worker.js";
import { trainCorpusModel, type CorpusTraining, type CorpusTrainingJob } from "./corpus-training.js";

export type TrainMessage = WorkerReply<CorpusTraining>;

const port = parentPort!;
try {
  const result = trainCorpusModel(workerData as CorpusTrainingJob);
  const buffers = [result.trained.vectors.buffer, result.trained.counts.buffer, ...(result.projection ? [result.projection.matrix.buffer] : [])];
  port.postMessage({ type: "done", value: result } satisfies TrainMessage, buffers as ArrayBuffer[]);
} catch (err) {
  port.postMessage({ type: "error", message: (err as Error).message } satisfies TrainMessage);
}
port.close();
