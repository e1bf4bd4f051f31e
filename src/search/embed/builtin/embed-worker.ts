// Worker-thread entry: a SifEmbedder over the tables it was started with, embedding batches of texts posted to it.
import { parentPort, workerData } from "node:worker_threads";
import { SifEmbedder, type WeightedTable } from "./sif-embedder.js";

/** A batch to embed; the answer carries the same id. */
export interface EmbedRequest {
  id: number;
  texts: string[];
}

/** texts.length × dims floats, row-major, transferred (not copied) back. */
export type EmbedResponse = { id: number; vectors: Float32Array } | { id: number; error: string };

const embedder = new SifEmbedder(workerData as WeightedTable[]);
const port = parentPort!;
port.on("message", ({ id, texts }: EmbedRequest) => {
  try {
    const vectors = new Float32Array(texts.length * embedder.dims);
    for (let i = 0; i < texts.length; i++) vectors.set(embedder.embed(texts[i]!), i * embedder.dims);
    port.postMessage({ id, vectors } satisfies EmbedResponse, [vectors.buffer]);
  } catch (err) {
    port.postMessage({ id, error: (err as Error).message } satisfies EmbedResponse);
  }
});
