// Worker-thread entry: trains corpus word vectors (train-word-vectors.ts) on the documents it was started with.
import { parentPort, workerData } from "node:worker_threads";
import { trainWordVectors, type TrainOptions, type TrainedWordVectors } from "./train-word-vectors.js";

export interface TrainJob {
  docs: string[][];
  options: Omit<TrainOptions, "onStage">;
}

export type TrainMessage = { type: "done"; trained: TrainedWordVectors } | { type: "error"; message: string };

const job = workerData as TrainJob;
const port = parentPort!;
try {
  const trained = trainWordVectors(job.docs, job.options);
  port.postMessage({ type: "done", trained } satisfies TrainMessage, [trained.vectors.buffer as ArrayBuffer, trained.counts.buffer as ArrayBuffer]);
} catch (err) {
  port.postMessage({ type: "error", message: (err as Error).message } satisfies TrainMessage);
}
port.close();
