// Owns the search indexes of a hub: the lexical index, the vector index of the active embedding model, and model changes.
//
// The embedding model in the configuration may differ from the one whose
// vectors the store holds (the active model). Then search keeps using the
// active model's index, with that model as the query embedder, until
// `paperboard reindex` has built the configured one beside it and switched;
// a running server notices the switch on its next catch-up.
import { join } from "node:path";
import type { Config } from "../config/config.js";
import type { Logger } from "../logging/logger.js";
import type { EmbeddingModelRow } from "../storage/vector-store.js";
import type { Store } from "../storage/store.js";
import { BUILTIN_MODEL, BuiltinEmbeddingProvider, shippedModelPath } from "./embed/builtin/builtin-provider.js";
import { CorpusAdaptation, MAX_TRAINING_PAPERS } from "./embed/builtin/corpus-adaptation.js";
import { readWordVectors } from "./embed/builtin/word-vector-file.js";
import { createEmbeddingProvider } from "./embed/create-provider.js";
import { modelKey, type EmbeddingProvider } from "./embed/provider.js";
import { HYBRID_LEXICAL_WEIGHT, SearchService } from "./search-service.js";
import { SemanticIndex } from "./vector/semantic-index.js";
import { PostingsIndex } from "./postings/postings-index.js";
import { PostingsSource } from "../storage/postings-source.js";

export type EngineConfig = Parameters<typeof createEmbeddingProvider>[0] & Partial<Pick<Config, "searchLexicalWeight" | "searchRerank" | "trendingHalfLifeHours">>;

export interface EngineStatus {
  /** The model whose vectors search uses; null when semantic search is off. */
  activeModel: string | null;
  /** The model the configuration names. */
  configuredModel: string;
  /** The configured model differs from the active one: run `paperboard reindex`. */
  reindexNeeded: boolean;
  vectors: number;
  /** Papers waiting for the lexical index and for a vector. */
  pendingLexical: number;
  pendingVectors: number;
  /** Why semantic search is off, when it is. */
  problem: string | null;
}

export interface CatchUpProgress {
  /** lexical: the database's full-text index; postings: the in-memory ranking index; vectors: embeddings. */
  stage: "lexical" | "postings" | "vectors";
  done: number;
  pending: number;
}

export class SearchEngine {
  readonly service: SearchService;
  private index: SemanticIndex | null = null;
  private problem: string | null = null;
  private configured: EmbeddingProvider | null = null;
  private readonly adaptation: CorpusAdaptation;
  /** The postings index that ranks full-text searches (SQLite hubs; see postings/postings-index.ts). */
  private postings: PostingsIndex | null = null;
  /**
   * Whether the postings index holds (nearly) every paper: loaded so from its files, or after a
   * complete catch-up. Until then FTS5 ranks, so a first build or a rebuild (a new index format)
   * never answers from part of the papers.
   */
  private postingsReady = false;

  private constructor(
    private readonly store: Store,
    private readonly config: EngineConfig,
    private readonly log: Logger,
  ) {
    this.service = new SearchService(store, {
      semantic: () => this.index,
      postings: () => (this.postingsReady ? this.postings : null),
      lexicalWeight: () => this.lexicalWeight(),
      ...(config.searchRerank !== undefined ? { rerank: config.searchRerank } : {}),
      // The search page's trending sort decays like the trending page.
      ...(config.trendingHalfLifeHours !== undefined ? { trendingHalfLifeHours: config.trendingHalfLifeHours } : {}),
    });
    this.adaptation = new CorpusAdaptation(this.modelsDir);
  }

  /**
   * The configured weight, else 0.4, raised towards 0.65 as the builtin model
   * leans on word vectors learned from the hub's own papers: learned from a
   * few thousand abstracts they are weaker than the shipped ones (SciFact
   * train, corpus vectors: hybrid nDCG@10 0.682 at 0.4, 0.703 at 0.6).
   */
  private lexicalWeight(): number {
    if (this.config.searchLexicalWeight !== undefined) return this.config.searchLexicalWeight;
    const p = this.index?.provider;
    return p instanceof BuiltinEmbeddingProvider ? HYBRID_LEXICAL_WEIGHT + 0.25 * (1 - p.shippedWeight) : HYBRID_LEXICAL_WEIGHT;
  }

  /** The builtin provider with its default model adapts to the hub's papers (corpus-adaptation.ts); other models are used as configured. */
  private get adapts(): boolean {
    return this.config.embeddingProvider === "builtin" && (this.config.embeddingModel ?? BUILTIN_MODEL) === BUILTIN_MODEL;
  }

  static async open(store: Store, config: EngineConfig, log: Logger): Promise<SearchEngine> {
    const engine = new SearchEngine(store, config, log);
    if (store.capabilities.lexicalSyntax === "fts5") {
      const postings = await PostingsIndex.open(join(config.dataDir, "postings"), { log });
      engine.postings = postings;
      // Papers added since the files were written are read at the next catch-up; a partial build is not used.
      engine.postingsReady = postings.size() > 0 && postings.size() >= 0.99 * (await store.countPapers());
    }
    await engine.refresh();
    return engine;
  }

  /** Where the hub's own word-vector tables live (corpus-adaptation.ts). */
  private get modelsDir(): string {
    return join(this.config.dataDir, "models");
  }

  private get vectorDir(): string {
    return join(this.config.dataDir, "vectors");
  }

  semantic(): SemanticIndex | null {
    return this.index;
  }

  /** The configured provider, made once; a failure (model missing, server down) is kept as the problem and retried next time. */
  private async configuredProvider(): Promise<EmbeddingProvider> {
    if (!this.configured) {
      this.configured = this.adapts
        ? await BuiltinEmbeddingProvider.load({ model: await this.adaptation.modelName(BUILTIN_MODEL), corpusDir: this.modelsDir })
        : await createEmbeddingProvider(this.config);
    }
    return this.configured;
  }

  /** A provider able to embed queries for the stored model `row`, or null when only a reindex can help. */
  private async providerFor(row: EmbeddingModelRow, configured: EmbeddingProvider): Promise<EmbeddingProvider | null> {
    if (row.key === modelKey(configured)) return configured;
    if (row.provider === "builtin") return BuiltinEmbeddingProvider.load({ model: row.model, corpusDir: this.modelsDir });
    if (row.provider === this.config.embeddingProvider) return createEmbeddingProvider({ ...this.config, embeddingModel: row.model });
    return null;
  }

  /** (Re)opens the vector index of the active model; called at start and before each catch-up. */
  async refresh(): Promise<void> {
    try {
      const configured = await this.configuredProvider();
      const active = (await this.store.vectors.models()).find((m) => m.state === "active");
      if (this.index && active && this.index.key === active.key) return;
      if (!active) {
        this.index = await SemanticIndex.open(this.store, configured, { dir: this.vectorDir, log: this.log, state: "active" });
      } else {
        const provider = await this.providerFor(active, configured);
        if (!provider) {
          this.index = null;
          this.problem = `the stored vectors were made by ${active.key}, which this configuration cannot run; run \`paperboard reindex\` to build ${modelKey(configured)}`;
          this.log.warn({ active: active.key, configured: modelKey(configured) }, this.problem);
          return;
        }
        if (active.key !== modelKey(configured)) {
          this.log.warn(
            { active: active.key, configured: modelKey(configured) },
            "the embedding model changed: search keeps using the old model's vectors until `paperboard reindex` has built the new ones",
          );
        }
        this.index = await SemanticIndex.open(this.store, provider, { dir: this.vectorDir, log: this.log, state: "active" });
      }
      this.problem = null;
    } catch (err) {
      this.configured = null;
      this.index = null;
      this.problem = `semantic search is off: ${(err as Error).message}`;
      this.log.warn({ err: (err as Error).message }, "semantic search is off");
    }
  }

  /** Indexes new and changed papers: the text indexes and the corpus-model decision at once, then their vectors; returns how many of each. */
  async catchUp(opts: { signal?: AbortSignal; onProgress?: (p: CatchUpProgress) => void } = {}): Promise<{ lexical: number; vectors: number }> {
    // Three jobs read the new papers and write different things, so they run at once: the
    // full-text index (on SQLite, a big catch-up indexes on a worker thread with its own
    // connection), the postings index on this thread, and the decision whether the hub needs word
    // vectors of its own (its training on a worker thread). On two cores that turns the 204 s the
    // three took one after another at 1M papers into 94-105 s. The vectors come last: the
    // decision may change the model that makes them.
    const pendingLexical = opts.onProgress ? await this.store.lexical.pending() : 0;
    const [lexical, , modelChanged] = await settled([
      this.store.lexical.catchUp({
        ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (n) => opts.onProgress?.({ stage: "lexical", done: n, pending: Math.max(0, pendingLexical - n) }),
      }),
      this.catchUpPostings(opts),
      this.decideCorpus(),
    ]);
    let vectors = 0;
    if (modelChanged && !opts.signal?.aborted) {
      if (this.configured && this.configured !== this.index?.provider) await this.configured.close();
      this.configured = null;
      const r = await this.reindex({
        ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (done, pending) => opts.onProgress?.({ stage: "vectors", done, pending }),
      });
      vectors += r.embedded;
    }
    await this.refresh();
    if (this.index) {
      vectors += await this.index.catchUp({
        ...(opts.signal ? { signal: opts.signal } : {}),
        onProgress: (done, pending) => opts.onProgress?.({ stage: "vectors", done, pending }),
      });
    }
    return { lexical, vectors };
  }

  private async catchUpPostings(opts: { signal?: AbortSignal; onProgress?: (p: CatchUpProgress) => void }): Promise<void> {
    if (!this.postings) return;
    const pending = opts.onProgress ? (await this.store.countPapers()) - this.postings.size() : 0;
    await this.postings.catchUp(new PostingsSource(this.store.db), {
      ...(opts.signal ? { signal: opts.signal } : {}),
      onProgress: (n) => opts.onProgress?.({ stage: "postings", done: n, pending: Math.max(0, pending - n) }),
    });
    if (!opts.signal?.aborted) this.postingsReady = true;
  }

  /**
   * When the hub has grown enough (corpus-adaptation.ts), re-decides whether it needs word vectors
   * of its own; true when that changes the builtin model, whose vectors the caller then rebuilds
   * beside the current ones and switches to, as `reindex` does.
   */
  private async decideCorpus(): Promise<boolean> {
    if (!this.adapts) return false;
    const total = await this.store.countPapers();
    if (!(await this.adaptation.due(total))) return false;
    const before = await this.adaptation.modelName(BUILTIN_MODEL);
    const shipped = await readWordVectors(shippedModelPath());
    const state = await this.adaptation.decide(await this.store.samplePapers(MAX_TRAINING_PAPERS), total, shipped);
    const after = await this.adaptation.modelName(BUILTIN_MODEL);
    this.log.info({ papers: total, coverage: state.coverage, shippedWeight: state.shippedWeight, model: after }, "checked how well the builtin word vectors cover this hub's papers");
    return after !== before;
  }

  async status(): Promise<EngineStatus> {
    let configuredModel = `${this.config.embeddingProvider}:${this.config.embeddingModel ?? "(default)"}`;
    try {
      configuredModel = modelKey(await this.configuredProvider());
    } catch {
      // the problem is reported below
    }
    const active = this.index?.key ?? null;
    return {
      activeModel: active,
      configuredModel,
      reindexNeeded: active !== null && active !== configuredModel,
      vectors: this.index?.size() ?? 0,
      pendingLexical: await this.store.lexical.pending(),
      pendingVectors: this.index ? await this.index.pending() : 0,
      problem: this.problem,
    };
  }

  /**
   * Builds vectors of the configured model beside the active ones, then makes
   * it active (the old vectors are deleted). Search keeps working on the old
   * index meanwhile, here and in a running server. Interrupted, it resumes
   * where it stopped next time. Returns how many papers it embedded.
   */
  async reindex(opts: { signal?: AbortSignal; onProgress?: (done: number, pending: number) => void } = {}): Promise<{ model: string; embedded: number; switched: boolean }> {
    const provider = await this.configuredProvider();
    const building = await SemanticIndex.open(this.store, provider, { dir: this.vectorDir, log: this.log, state: "building" });
    const embedded = await building.catchUp({ ...(opts.signal ? { signal: opts.signal } : {}), ...(opts.onProgress ? { onProgress: opts.onProgress } : {}) });
    if (opts.signal?.aborted) return { model: building.key, embedded, switched: false };
    const row = await building.row();
    let switched = false;
    if (row && row.state !== "active") {
      await this.store.vectors.activate(building.key);
      switched = true;
      const old = this.index;
      this.index = building;
      if (old && old.key !== building.key) await old.removeFile();
    } else this.index = building;
    return { model: building.key, embedded, switched };
  }

  async close(): Promise<void> {
    await this.index?.save();
    await this.index?.provider.close();
    if (this.configured && this.configured !== this.index?.provider) await this.configured.close();
  }
}

/** Awaits every promise, then returns their values or throws the first failure: none is left running unobserved. */
async function settled<T extends readonly unknown[]>(promises: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(promises);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as unknown as T;
}
