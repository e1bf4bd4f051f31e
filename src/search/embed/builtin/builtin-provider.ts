// The default, offline embedding provider: SIF sentence vectors over word vectors that ship with Paperboard.
//
// The shipped table (models/paperboard-sif-v1.bin, about 3 MB) was trained by
// scripts/train-builtin-model.ts on 9,500 abstracts of the public Daily Papers
// feed; see that script for the recipe and the README for the measured
// quality. A table trained on the hub's own papers can be added beside it.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { EmbeddingError, type EmbedKind, type EmbeddingProvider } from "../provider.js";
import { EmbedWorker, embedWorkerAvailable } from "./embed-in-worker.js";
import { SifEmbedder, type WeightedTable } from "./sif-embedder.js";
import { readWordVectors, type WordVectors } from "./word-vector-file.js";

export const BUILTIN_MODEL = "paperboard-sif-v1";

/** The shipped table, found relative to this module (src/… in development, dist/… when built: the same depth). */
export function shippedModelPath(name = BUILTIN_MODEL): string {
  return fileURLToPath(new URL(`../../../../models/${name}.bin`, import.meta.url));
}

/** Smaller document batches are embedded in-thread: a few ms of work is not worth posting. */
const WORKER_BATCH = 64;

export class BuiltinEmbeddingProvider implements EmbeddingProvider {
  readonly provider = "builtin" as const;
  readonly batchSize = 512;
  private readonly embedder: SifEmbedder;
  /** Started by the first batch of documents big enough to be worth a thread; null where workers cannot load. */
  private worker: EmbedWorker | null | undefined;

  constructor(
    readonly model: string,
    private readonly tables: WeightedTable[],
    /** Weight of the shipped table: 1 alone, less beside a table learned from the hub's papers. */
    readonly shippedWeight = 1,
  ) {
    this.embedder = new SifEmbedder(tables);
  }

  /**
   * The shipped model, plus a table learned from the hub's own papers when one
   * is given (see corpus-adaptation.ts). A model name of the form
   * `paperboard-sif-v1+corpus-…` names both; its corpus table is read from `corpusDir`.
   */
  static async load(
    opts: { model?: string; modelPath?: string; corpus?: { table: WordVectors; weight?: number; shippedWeight?: number }; corpusDir?: string } = {},
  ): Promise<BuiltinEmbeddingProvider> {
    let name = opts.model ?? BUILTIN_MODEL;
    let corpus = opts.corpus;
    const plus = name.indexOf("+");
    if (plus >= 0) {
      const tableName = name.slice(plus + 1);
      name = name.slice(0, plus);
      const path = opts.corpusDir ? join(opts.corpusDir, `${tableName}.bin`) : null;
      if (!path || !existsSync(path)) throw new EmbeddingError(`the corpus word vectors ${tableName} of builtin model ${opts.model} are missing${path ? ` (${path})` : ""}; run paperboard reindex`);
      const table = await readWordVectors(path);
      corpus = { table, weight: 1 - (table.header.shippedWeight ?? 0.5), shippedWeight: table.header.shippedWeight ?? 0.5 };
    }
    const path = opts.modelPath ?? shippedModelPath(name);
    if (!existsSync(path)) {
      throw new EmbeddingError(`builtin embedding model "${name}" not found at ${path}; the builtin models are ${BUILTIN_MODEL} (reinstall Paperboard if its models/ folder is missing)`);
    }
    const table = await readWordVectors(path);
    const shippedWeight = corpus?.shippedWeight ?? 1;
    const tables: WeightedTable[] = shippedWeight > 0 ? [{ table, weight: shippedWeight }] : [];
    let model = name;
    if (corpus) {
      tables.push({ table: corpus.table, weight: corpus.weight ?? 1 });
      model = `${name}+${corpus.table.header.name}`;
    }
    return new BuiltinEmbeddingProvider(model, tables, shippedWeight);
  }

  async dimensions(): Promise<number> {
    return this.embedder.dims;
  }

  async embed(texts: string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]> {
    // Documents come in batches from the indexer, which overlaps the next batch's embedding with
    // storing this one: on a worker thread the two really run at once. Queries stay here (no hop).
    if (kind === "document" && texts.length >= WORKER_BATCH) {
      if (this.worker === undefined) this.worker = embedWorkerAvailable() ? new EmbedWorker(this.tables, this.embedder.dims) : null;
      if (this.worker) {
        signal?.throwIfAborted();
        return this.worker.embed(texts);
      }
    }
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i++) {
      if (i % 256 === 255) {
        signal?.throwIfAborted();
        await new Promise<void>((r) => setImmediate(r));
      }
      out.push(this.embedder.embed(texts[i]!));
    }
    return out;
  }

  async close(): Promise<void> {
    await this.worker?.close();
    this.worker = undefined;
  }
}
