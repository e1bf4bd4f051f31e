// The default, offline embedding provider: SIF sentence vectors over word vectors that ship with Paperboard.
//
// The shipped table (models/paperboard-sif-v1.bin, about 3 MB) was trained by
// scripts/train-builtin-model.ts on 9,500 abstracts of the public Daily Papers
// feed; see that script for the recipe and the README for the measured
// quality. A table trained on the hub's own papers can be added beside it.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { EmbeddingError, type EmbedKind, type EmbeddingProvider } from "../provider.js";
import { SifEmbedder, type WeightedTable } from "./sif-embedder.js";
import { readWordVectors, type WordVectors } from "./word-vector-file.js";

export const BUILTIN_MODEL = "paperboard-sif-v1";

/** The shipped table, found relative to this module (src/… in development, dist/… when built: the same depth). */
export function shippedModelPath(name = BUILTIN_MODEL): string {
  return fileURLToPath(new URL(`../../../../models/${name}.bin`, import.meta.url));
}

export class BuiltinEmbeddingProvider implements EmbeddingProvider {
  readonly provider = "builtin" as const;
  readonly batchSize = 512;
  private readonly embedder: SifEmbedder;

  constructor(
    readonly model: string,
    tables: WeightedTable[],
  ) {
    this.embedder = new SifEmbedder(tables);
  }

  /** The shipped model, plus a table learned from the hub's own papers when one is given. */
  static async load(opts: { model?: string; modelPath?: string; corpus?: { table: WordVectors; weight?: number } } = {}): Promise<BuiltinEmbeddingProvider> {
    const name = opts.model ?? BUILTIN_MODEL;
    const path = opts.modelPath ?? shippedModelPath(name);
    if (!existsSync(path)) {
      throw new EmbeddingError(`builtin embedding model "${name}" not found at ${path}; the builtin models are ${BUILTIN_MODEL} (reinstall Paperboard if its models/ folder is missing)`);
    }
    const table = await readWordVectors(path);
    const tables: WeightedTable[] = [{ table, weight: 1 }];
    let model = name;
    if (opts.corpus) {
      tables.push({ table: opts.corpus.table, weight: opts.corpus.weight ?? 1 });
      model = `${name}+${opts.corpus.table.header.name}`;
    }
    return new BuiltinEmbeddingProvider(model, tables);
  }

  async dimensions(): Promise<number> {
    return this.embedder.dims;
  }

  async embed(texts: string[], _kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]> {
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

  async close(): Promise<void> {}
}
