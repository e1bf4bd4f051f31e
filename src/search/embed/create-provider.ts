// Builds the embedding provider the configuration names (builtin, onnx or http).
import { join } from "node:path";
import type { Config } from "../../config/config.js";
import { ConfigError } from "../../domain/errors.js";
import { BuiltinEmbeddingProvider } from "./builtin/builtin-provider.js";
import { HttpEmbeddingProvider } from "./http-provider.js";
import { OnnxEmbeddingProvider } from "./onnx-provider.js";
import type { EmbeddingProvider } from "./provider.js";

export const DEFAULT_ONNX_MODEL = "Xenova/all-MiniLM-L6-v2";

type EmbeddingConfig = Pick<
  Config,
  | "dataDir"
  | "embeddingProvider"
  | "embeddingModel"
  | "embeddingUrl"
  | "embeddingApiKey"
  | "embeddingDimensions"
  | "embeddingBatchSize"
  | "embeddingQueryPrefix"
  | "embeddingDocumentPrefix"
  | "embeddingCacheDir"
  | "embeddingAllowDownload"
  | "embeddingTimeoutMs"
>;

const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

export async function createEmbeddingProvider(c: EmbeddingConfig): Promise<EmbeddingProvider> {
  const prefixes = defined({ queryPrefix: c.embeddingQueryPrefix, documentPrefix: c.embeddingDocumentPrefix });
  switch (c.embeddingProvider) {
    case "builtin":
      return BuiltinEmbeddingProvider.load(defined({ model: c.embeddingModel }));
    case "onnx":
      return new OnnxEmbeddingProvider({
        model: c.embeddingModel ?? DEFAULT_ONNX_MODEL,
        cacheDir: c.embeddingCacheDir ?? join(c.dataDir, "models"),
        allowDownload: c.embeddingAllowDownload,
        batchSize: c.embeddingBatchSize,
        ...prefixes,
      });
    case "http":
      if (!c.embeddingUrl) throw new ConfigError("embeddingProvider http needs embeddingUrl (PAPERBOARD_EMBEDDING_URL), e.g. http://127.0.0.1:11434/v1");
      if (!c.embeddingModel) throw new ConfigError("embeddingProvider http needs embeddingModel (PAPERBOARD_EMBEDDING_MODEL), the server's model name");
      return new HttpEmbeddingProvider({
        url: c.embeddingUrl,
        model: c.embeddingModel,
        batchSize: c.embeddingBatchSize,
        timeoutMs: c.embeddingTimeoutMs,
        ...defined({ apiKey: c.embeddingApiKey, dimensions: c.embeddingDimensions }),
        ...prefixes,
      });
  }
}
