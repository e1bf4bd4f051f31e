// The "onnx" embedding provider: a sentence-embedding model run in-process by @huggingface/transformers on onnxruntime-node.
import { existsSync, statSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import path from "node:path";
import type { FeatureExtractionPipeline, env as transformersEnv } from "@huggingface/transformers";
import { EmbeddingError, type EmbedKind, type EmbeddingProvider } from "./provider.js";

export type OnnxPooling = "mean" | "cls";
type TransformersEnv = typeof transformersEnv;

export interface OnnxProviderOptions {
  /** A Hugging Face model id ("Xenova/all-MiniLM-L6-v2") or a path to a local model folder. */
  model: string;
  /** Where hub models are looked for and downloaded to, as <cacheDir>/<owner>/<name>/. */
  cacheDir: string;
  allowDownload: boolean;
  /** Texts per model run; default 32. */
  batchSize?: number;
  queryPrefix?: string;
  documentPrefix?: string;
  /** Default: the model's sentence-transformers 1_Pooling/config.json (cls when it says so), else mean. */
  pooling?: OnnxPooling;
  /** Longer texts are truncated to this many tokens (never past the tokenizer's own limit); default 512. */
  maxTokens?: number;
}

/**
 * ONNX weight files by preference, with the transformers.js dtype that selects
 * each. The int8-quantized export is preferred: on CPU it is several times
 * faster and a quarter of the size, and its vectors rank almost identically.
 */
const WEIGHTS: ReadonlyArray<{ dtype: "q8" | "fp32" | "int8" | "uint8"; file: string }> = [
  { dtype: "q8", file: "onnx/model_quantized.onnx" },
  { dtype: "fp32", file: "onnx/model.onnx" },
  { dtype: "int8", file: "onnx/model_int8.onnx" },
  { dtype: "uint8", file: "onnx/model_uint8.onnx" },
];
const REQUIRED_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json"];
const POOLING_CONFIG = "1_Pooling/config.json";

/** Where a model lives on disk: a folder named by the user, or the download cache's copy of a hub model. */
interface ModelLocation {
  /** What transformers.js is given: an absolute folder path or a hub id. */
  ref: string;
  dir: string;
  isFolder: boolean;
}

interface Loaded {
  extractor: FeatureExtractionPipeline;
  pooling: OnnxPooling;
}

export class OnnxEmbeddingProvider implements EmbeddingProvider {
  readonly provider = "onnx" as const;
  readonly model: string;
  readonly batchSize: number;
  private readonly opts: OnnxProviderOptions;
  private loading: Promise<Loaded> | undefined;
  private dims: number | undefined;

  constructor(opts: OnnxProviderOptions) {
    this.opts = opts;
    this.model = opts.model;
    this.batchSize = opts.batchSize ?? 32;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) {
      throw new EmbeddingError(`onnx embedding provider: batchSize must be a positive integer, got ${opts.batchSize}`);
    }
  }

  async dimensions(): Promise<number> {
    if (this.dims === undefined) await this.embed(["dimensions probe"], "document");
    return this.dims!;
  }

  async embed(texts: string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const { extractor, pooling } = await this.load();
    const prefix = (kind === "query" ? this.opts.queryPrefix : this.opts.documentPrefix) ?? "";
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += this.batchSize) {
      signal?.throwIfAborted();
      const batch = texts.slice(start, start + this.batchSize).map((t) => prefix + t);
      let data: Float32Array;
      let width: number;
      try {
        const tensor = await extractor(batch, { pooling, normalize: true });
        data = tensor.data as Float32Array;
        width = tensor.dims[1]!;
      } catch (err) {
        throw new EmbeddingError(`onnx embedding model "${this.model}" failed to embed: ${brief(err)}`, { cause: err });
      }
      for (let i = 0; i < batch.length; i++) out.push(data.slice(i * width, (i + 1) * width));
      this.dims = width;
    }
    return out;
  }

  async close(): Promise<void> {
    const loading = this.loading;
    this.loading = undefined;
    if (!loading) return;
    const loaded = await loading.catch(() => undefined);
    await loaded?.extractor.dispose();
  }

  /** Loads once; a failed load is forgotten so a later call retries (e.g. after the model folder is put in place). */
  private load(): Promise<Loaded> {
    this.loading ??= this.doLoad().catch((err: unknown) => {
      this.loading = undefined;
      throw err;
    });
    return this.loading;
  }

  private async doLoad(): Promise<Loaded> {
    const where = locate(this.opts.model, this.opts.cacheDir);
    const weights = WEIGHTS.find((w) => existsSync(path.join(where.dir, w.file)));
    const missing = REQUIRED_FILES.filter((f) => !existsSync(path.join(where.dir, f)));
    const complete = weights !== undefined && missing.length === 0;
    if (!complete && (where.isFolder || !this.opts.allowDownload)) {
      const absent = weights ? missing : [...missing, "onnx/model.onnx (or onnx/model_quantized.onnx)"];
      const why = where.isFolder ? "" : " and downloads are off";
      throw this.unavailable(where, `${absent.join(", ")} not found in ${where.dir}${why}`);
    }

    const transformers = await import("@huggingface/transformers");
    // transformers.js reads these globals in places that ignore per-call options
    // (its tokenizer-file probe passes no options at all), so they must be set
    // here, not only passed to pipeline(): otherwise "offline" still probes the hub.
    // They are process-wide; a process runs one onnx provider. The hub is only
    // allowed when files are missing, so a complete local model never costs a request.
    const { env } = transformers;
    env.allowLocalModels = true;
    env.allowRemoteModels = !complete && this.opts.allowDownload;
    env.cacheDir = this.opts.cacheDir;
    // A hub id is looked for as <localModelPath>/<id>/ before the hub, so a hand-placed copy in the cache dir is found.
    if (!where.isFolder) env.localModelPath = this.opts.cacheDir;

    // When nothing is on disk yet, the dtype decides which file is fetched: try the preferred ones in order.
    const dtypes = weights ? [weights.dtype] : (["q8", "fp32"] as const);
    let extractor: FeatureExtractionPipeline | undefined;
    for (const [i, dtype] of dtypes.entries()) {
      try {
        extractor = await transformers.pipeline("feature-extraction", where.ref, {
          dtype,
          device: "cpu",
          cache_dir: this.opts.cacheDir,
          local_files_only: !env.allowRemoteModels,
        });
        break;
      } catch (err) {
        const fileMissing = err instanceof Error && err.name === "ModelFileNotFoundError";
        if (fileMissing && i < dtypes.length - 1) continue;
        if (complete) {
          throw new EmbeddingError(`onnx embedding model "${this.model}" failed to load from ${where.dir}: ${brief(err)}`, { cause: err });
        }
        throw this.unavailable(where, `downloading it into ${where.dir} failed (${brief(err)})`, { downloading: true, cause: err });
      }
    }

    const tokenizerConfig = extractor!.tokenizer._tokenizerConfig as { model_max_length?: number };
    tokenizerConfig.model_max_length = Math.min(tokenizerConfig.model_max_length ?? Infinity, this.opts.maxTokens ?? 512);

    const pooling = this.opts.pooling ?? (await this.modelPooling(where, env.allowRemoteModels ? env : undefined));
    return { extractor: extractor!, pooling };
  }

  /**
   * The pooling the model was trained with, from sentence-transformers' 1_Pooling/config.json.
   * transformers.js does not fetch that file, so when downloading we fetch it
   * into the cache ourselves (through its env.fetch): later offline runs must
   * pool the same way, or their vectors would not match the stored ones.
   */
  private async modelPooling(where: ModelLocation, hub: Pick<TransformersEnv, "fetch" | "remoteHost"> | undefined): Promise<OnnxPooling> {
    const file = path.join(where.dir, POOLING_CONFIG);
    let text: string | undefined;
    if (existsSync(file)) {
      text = await readFile(file, "utf8");
    } else if (hub !== undefined) {
      const url = `${hub.remoteHost.replace(/\/$/, "")}/${where.ref}/resolve/main/${POOLING_CONFIG}`;
      const res = (await hub.fetch(url).catch(() => undefined)) as Response | undefined;
      if (res?.ok) {
        text = await res.text();
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, text);
      }
    }
    if (text === undefined) return "mean";
    try {
      return (JSON.parse(text) as { pooling_mode_cls_token?: boolean }).pooling_mode_cls_token === true ? "cls" : "mean";
    } catch (err) {
      throw new EmbeddingError(`onnx embedding model "${this.model}": ${file} is not valid JSON`, { cause: err });
    }
  }

  private unavailable(where: ModelLocation, what: string, opts: { downloading?: boolean; cause?: unknown } = {}): EmbeddingError {
    const fix = where.isFolder
      ? `Put the model folder (config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx) at ${where.dir}, or point PAPERBOARD_EMBEDDING_MODEL at a folder that has them.`
      : opts.downloading
        ? `Check that this machine is online and the model id exists on the Hugging Face hub, put the model folder at ${where.dir}, or set PAPERBOARD_EMBEDDING_MODEL to a local model folder.`
        : `Put the model folder at ${where.dir}, set PAPERBOARD_EMBEDDING_MODEL to a local model folder, or set PAPERBOARD_EMBEDDING_ALLOW_DOWNLOAD=true while online.`;
    return new EmbeddingError(`onnx embedding model "${this.model}" is not available: ${what}. ${fix}`, { cause: opts.cause });
  }
}

/**
 * A model is a local folder when it is written as a path (absolute, ./, ../, ~)
 * or names a folder that exists; anything else is a hub id. Folders are handed
 * to transformers.js as absolute paths, which it never mistakes for hub ids.
 */
function locate(model: string, cacheDir: string): ModelLocation {
  const expanded = model.startsWith("~/") ? path.join(homedir(), model.slice(2)) : model;
  const pathLike = path.isAbsolute(expanded) || /^\.{1,2}[\\/]/.test(expanded) || expanded !== model;
  const isDir = existsSync(expanded) && statSync(expanded).isDirectory();
  if (pathLike || isDir || !/^([\w.-]+\/)?[\w.-]+$/.test(model)) {
    const dir = path.resolve(expanded);
    return { ref: dir, dir, isFolder: true };
  }
  return { ref: model, dir: path.join(cacheDir, model), isFolder: false };
}

/** First line of an error's message, short enough for a log line; the full error stays as `cause`. */
function brief(err: unknown): string {
  const msg = err instanceof Error ? err.message : String(err);
  const line = msg.split("\n")[0]!.trim();
  return line.length > 200 ? `${line.slice(0, 197)}...` : line;
}
