// The one interface every embedding provider implements: texts in, unit-length vectors out.

/** Queries and documents may be embedded differently (instruction prefixes, query expansion). */
export type EmbedKind = "query" | "document";

export const EMBEDDING_PROVIDERS = ["builtin", "onnx", "http"] as const;
export type EmbeddingProviderName = (typeof EMBEDDING_PROVIDERS)[number];

export interface EmbeddingProvider {
  readonly provider: EmbeddingProviderName;
  /** The model as configured (a builtin model name, a Hugging Face model id or folder, a server's model name). */
  readonly model: string;
  /** Largest number of texts it wants in one embed() call; callers split bigger batches. */
  readonly batchSize: number;
  /**
   * Vector length. Providers whose length is only known from the model learn
   * it on the first embed() call; call that (or dimensions()) first.
   */
  dimensions(): Promise<number>;
  /**
   * One vector per text, in order, each of length dimensions() and unit
   * length (L2 norm 1, or all zeros for a text with nothing to embed).
   * Throws EmbeddingError naming the provider, model and what went wrong.
   */
  embed(texts: string[], kind: EmbedKind, signal?: AbortSignal): Promise<Float32Array[]>;
  close(): Promise<void>;
}

/** Identifies the vectors a provider makes: stored with each vector so a model change is detected. */
export function modelKey(p: Pick<EmbeddingProvider, "provider" | "model">): string {
  return `${p.provider}:${p.model}`;
}

export class EmbeddingError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "EmbeddingError";
  }
}

/** The text a paper is embedded from: its title, then its abstract. */
export function paperText(p: { title: string; abstract: string }): string {
  return p.abstract ? `${p.title}. ${p.abstract}` : p.title;
}

/** Scales a vector to unit length in place (a zero vector stays zero) and returns it. */
export function normalise(v: Float32Array): Float32Array {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  if (s > 0) {
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < v.length; i++) v[i]! *= inv;
  }
  return v;
}
