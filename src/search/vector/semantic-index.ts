// Dense-vector search over the papers for one embedding model: vectors in the store, a persisted ANN index in memory.
//
// The store is the truth (every vector with the model that made it, see
// storage/vector-store.ts); the ANN file under <dataDir>/vectors is a cache
// that remembers the newest write generation it holds, so a restart loads it
// and reads only what was written since. A missing, stale or corrupt file is
// rebuilt from the store.
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { hasFilters, type LexicalFilters } from "../../storage/lexical-index.js";
import type { EmbeddingModelRow, PaperText } from "../../storage/vector-store.js";
import type { Store } from "../../storage/store.js";
import { modelKey, paperText, type EmbeddingProvider } from "../embed/provider.js";
import { storeFilters, type PostingsIndex } from "../postings/postings-index.js";
import { AnnVectorIndex } from "./ann-index.js";
import type { VectorHit, VectorIndex } from "./vector-index.js";

export interface SemanticHit {
  id: string;
  seq: number;
  score: number;
}

export interface CatchUpOptions {
  batchSize?: number;
  onProgress?: (embedded: number, pending: number) => void;
  signal?: AbortSignal;
}

interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

/**
 * What one search of a request leaves for the next (hybrid's feedback round searches twice with
 * the same filters): the vectors it read, and the candidates a widened graph walk found passing.
 */
export interface SearchMemo {
  /** Vectors read for exact scoring, by seq. */
  vectors: Map<number, Float32Array>;
  /**
   * Set when the first search had to walk the graph WIDE_FACTOR·k deep to find k papers passing
   * its filters: those it found. A later search scores these exactly instead of walking that deep
   * again (at 1M papers a 3,200-deep walk costs 20-50 ms); it re-orders the first search's
   * papers rather than finding others, which for a filter passing so few of the neighbours is
   * where they are.
   */
  pool: number[] | null;
  /**
   * The papers passing the filters the postings index knows, when at most the exact-search cap
   * (null: more); undefined until asked. Finding that a filter passes more means scanning papers'
   * dates and categories (5-10 ms at 1M for a category), so it is asked once a request.
   */
  listed?: number[] | null;
  /** The sampled share of papers passing those filters; undefined until asked. */
  share?: number;
}

export function searchMemo(): SearchMemo {
  return { vectors: new Map(), pool: null };
}

/** Graph walks for filtered searches: first FIRST_FACTOR·k deep, then once WIDE_FACTOR·k. */
const FIRST_FACTOR = 4;
const WIDE_FACTOR = 32;

/** Batches read from the store at once; the reads are consistent only between writes, so each read ends the overlap once. */
const READ_BATCHES = 8;

/** Filters whose matches number at most this are searched exactly (they are listed, then scored one by one). */
const EXACT_FILTER_CAP = 5_000;
/**
 * A filter whose sampled share (2,000 papers) puts it above this many times the cap is not
 * listed. A filter at twice the cap shows about 20 passing samples at 1M papers (more in a smaller
 * hub), too many for the sample to put it under the cap by chance.
 */
const LIST_SHARE_MARGIN = 2;

export class SemanticIndex {
  readonly key: string;
  private ann: VectorIndex | null = null;
  private annGen = 0;
  private dirty = false;

  private constructor(
    private readonly store: Store,
    readonly provider: EmbeddingProvider,
    private readonly dir: string,
    private readonly log: Logger | null,
    private readonly exactFilterCap: number,
  ) {
    this.key = modelKey(provider);
  }

  /**
   * Opens the index of this provider's model: created 'active' in a hub without
   * one, else 'building' beside the active one (see `paperboard reindex`).
   */
  static async open(
    store: Store,
    provider: EmbeddingProvider,
    opts: { dir: string; log?: Logger; state?: "active" | "building"; exactFilterCap?: number },
  ): Promise<SemanticIndex> {
    const index = new SemanticIndex(store, provider, opts.dir, opts.log ?? null, opts.exactFilterCap ?? EXACT_FILTER_CAP);
    const dims = await provider.dimensions();
    await store.vectors.ensureModel({ key: index.key, provider: provider.provider, model: provider.model, dims }, opts.state ?? "active");
    await index.loadAnn(dims);
    return index;
  }

  async row(): Promise<EmbeddingModelRow | null> {
    return (await this.store.vectors.models()).find((m) => m.key === this.key) ?? null;
  }

  get annPath(): string {
    return join(this.dir, `${this.key.replace(/[^A-Za-z0-9._-]+/g, "_")}.usearch`);
  }

  private async loadAnn(dims: number): Promise<void> {
    const stored = await this.store.vectors.count(this.key);
    try {
      const { index, meta } = await AnnVectorIndex.load(this.annPath, { dims });
      if (meta.key === this.key && typeof meta.gen === "number") {
        this.ann = index;
        this.annGen = meta.gen;
        await this.readSince(this.annGen);
        // Deletes do not show up as new gens; a count mismatch means the file missed some.
        if (this.ann.size() === stored) return;
        this.log?.warn({ file: this.annPath, inFile: this.ann.size(), stored }, "vector index file out of step with the store; rebuilding it");
      }
    } catch (err) {
      if (stored > 0) this.log?.warn({ file: this.annPath, err: (err as Error).message }, "rebuilding the vector index from the store");
    }
    this.ann = AnnVectorIndex.create(dims);
    this.annGen = 0;
    await this.readSince(0);
    if (stored > 0) await this.save();
  }

  private async readSince(gen: number): Promise<void> {
    const top = await this.store.vectors.maxGen(this.key);
    if (top <= gen && gen > 0) return;
    for await (const page of this.store.vectors.readVectors(this.key, gen > 0 ? { sinceGen: gen } : {})) {
      this.ann!.upsert(
        page.map((v) => v.seq),
        page.map((v) => v.vector),
      );
      this.dirty = true;
    }
    this.annGen = top;
  }

  /** Writes the ANN file if it changed since it was last written. */
  async save(): Promise<void> {
    if (!this.ann || !this.dirty) return;
    await mkdir(this.dir, { recursive: true });
    await this.ann.save(this.annPath, { key: this.key, gen: this.annGen });
    this.dirty = false;
  }

  size(): number {
    return this.ann?.size() ?? 0;
  }

  async pending(): Promise<number> {
    return this.store.vectors.pending(this.key);
  }

  /**
   * Embeds what the store holds but this index does not yet (new papers, changed texts); returns how many.
   *
   * Papers are read READ_BATCHES batches at a time, and the next batch is embedded while this one
   * is written and inserted into the graph (the builtin provider embeds on a worker thread, so the
   * two run at once). Each batch is still written to the store before the graph takes it and before
   * the watermark passes it, so an interrupted catch-up resumes where it stopped.
   */
  async catchUp(opts: CatchUpOptions = {}): Promise<number> {
    const batch = opts.batchSize ?? Math.max(64, this.provider.batchSize);
    const stopped = () => opts.signal?.aborted === true;
    let done = 0;
    let pending = opts.onProgress ? await this.pending() : 0;
    let queue: PaperText[][] = [];
    const read = async () => {
      const papers = await this.store.vectors.nextBatch(this.key, batch * READ_BATCHES);
      for (let i = 0; i < papers.length; i += batch) queue.push(papers.slice(i, i + batch));
    };
    const embed = (papers: PaperText[]) => {
      const p = this.provider.embed(papers.map(paperText), "document", opts.signal);
      p.catch(() => {}); // awaited below, unless the catch-up stops first
      return p;
    };
    try {
      if (!stopped()) await read();
      let embedding = queue.length > 0 ? embed(queue[0]!) : null;
      while (embedding && !stopped()) {
        const papers = queue.shift()!;
        const vectors = await embedding;
        embedding = queue.length > 0 && !stopped() ? embed(queue[0]!) : null;
        const rows = papers.map((p, i) => ({ seq: p.seq, vector: vectors[i]! }));
        // Queued papers sit below the watermark and fresh ones come by seq, so the batch's last seq is the new watermark.
        this.annGen = await this.store.vectors.writeVectors(this.key, rows, { advanceTo: Math.max(...papers.map((p) => p.seq)) });
        if (!embedding && !stopped()) {
          await read();
          embedding = queue.length > 0 ? embed(queue[0]!) : null;
        }
        this.ann!.upsert(
          rows.map((r) => r.seq),
          vectors,
        );
        this.dirty = true;
        done += papers.length;
        pending = Math.max(0, pending - papers.length);
        opts.onProgress?.(done, pending);
      }
    } finally {
      if (done > 0) await this.save();
    }
    return done;
  }

  /**
   * Nearest papers to a vector, passing the filters, best first. With the
   * postings index (SQLite hubs), date and category filters are decided and
   * hits named from memory; without it, or for the filters only the store
   * knows (authors, organisations, code), the store is asked.
   */
  async searchVector(
    query: Float32Array,
    k: number,
    filters?: LexicalFilters,
    exclude?: number,
    postings?: PostingsIndex | null,
    /** Shared by the searches of one request with the same filters (see SearchMemo); a fresh one by default. */
    memo: SearchMemo = searchMemo(),
  ): Promise<SemanticHit[]> {
    if (!this.ann || this.ann.size() === 0) return [];
    // A zero vector (the builtin model knows none of the query's words) has no meaning to search by:
    // every paper would be an equally bad "nearest" one, so a nonsense query finds nothing, not everything.
    if (!query.some((x) => x !== 0)) return [];
    const inMemory = postings && filters && !hasFilters(storeFilters(filters)) ? postings.filter(filters) : null;
    const others = (seqs: number[]) => (exclude === undefined ? seqs : seqs.filter((s) => s !== exclude));
    let hits: VectorHit[];
    if (memo.pool && filters && hasFilters(filters)) {
      hits = await this.exactAmong(query, k, others(memo.pool), memo);
    } else if (inMemory) {
      if (memo.listed === undefined) {
        // Listing scans every paper the dates leave (5-10 ms at 1M) only to learn there are too many;
        // a sampled share well above the cap says so first (0.4 ms).
        memo.share = postings!.passShare(filters!);
        memo.listed = memo.share * postings!.size() > LIST_SHARE_MARGIN * this.exactFilterCap ? null : postings!.matching(filters!, this.exactFilterCap);
      }
      const listed = memo.listed;
      hits = listed
        ? await this.exactAmong(query, k, others(listed), memo)
        : await this.nearestPassing(
            query,
            k,
            (labels) => labels.filter((label) => label !== exclude && inMemory(label)),
            memo,
            memo.share!,
          );
    } else if (filters && hasFilters(filters)) {
      const allowed = await this.store.vectors.matchingSeqs(filters, this.exactFilterCap);
      if (allowed !== null) {
        hits = await this.exactAmong(query, k, others(allowed), memo);
      } else {
        // Filters matching many papers: over-fetch, check the candidates in the store.
        hits = await this.nearestPassing(
          query,
          k,
          async (labels) => {
            const ok = await this.store.vectors.filterSeqs(others(labels), filters);
            return labels.filter((l) => ok.has(l));
          },
          memo,
        );
      }
    } else {
      hits = this.ann.search(query, exclude === undefined ? k : k + 1).filter((h) => h.label !== exclude).slice(0, k);
    }
    return this.named(hits, postings ?? null);
  }

  /**
   * For a filter passing more papers than are scored exactly: the nearest
   * candidates, the passing ones kept by `passing`, widened once when too few
   * pass. The work is bounded (at most WIDE_FACTOR·k candidates), so a filter
   * passing under a few percent of a query's neighbourhood may return fewer
   * than k: growing the search until k pass took 13-18 s at 1M papers for
   * filters passing 0.5-1%. A widened walk leaves what passed in the memo.
   */
  private async nearestPassing(
    query: Float32Array,
    k: number,
    passing: (labels: number[]) => number[] | Promise<number[]>,
    memo: SearchMemo,
    /** About what share of all papers pass, when known: the first walk goes deep enough for k of them. */
    share?: number,
  ): Promise<VectorHit[]> {
    let hits: VectorHit[] = [];
    // A filter passing 14% of the papers needs a walk of about 1.5·k/0.14 = 11·k, where trying 4·k
    // first and then 32·k cost two walks, the second three times deeper (measured 25-40 ms at 1M).
    // A first walk within a quarter of the wide one would leave the wide one little more to find, when
    // it falls short (a filter of 5.5% at 1M: walks of 2,800 then 3,200 nodes, 21 ms, both finding none).
    const wanted = share === undefined ? FIRST_FACTOR : share <= 0 ? WIDE_FACTOR : Math.max(FIRST_FACTOR, Math.ceil(1.5 / share));
    const first = wanted >= 0.75 * WIDE_FACTOR ? WIDE_FACTOR : wanted;
    for (const factor of first < WIDE_FACTOR ? [first, WIDE_FACTOR] : [WIDE_FACTOR]) {
      const cands = this.ann!.search(query, k * factor);
      const ok = new Set(await passing(cands.map((h) => h.label)));
      const kept = cands.filter((h) => ok.has(h.label));
      hits = kept.slice(0, k);
      if (factor === WIDE_FACTOR) memo.pool = kept.map((h) => h.label);
      if (hits.length >= k || cands.length < k * factor) break;
    }
    return hits;
  }

  /** Hits with their papers' ids: from the postings index where it has them, else from the store. */
  private async named(hits: VectorHit[], postings: PostingsIndex | null): Promise<SemanticHit[]> {
    const known = new Map<number, string>();
    const unknown: number[] = [];
    for (const h of hits) {
      const id = postings?.idOf(h.label) ?? null;
      if (id === null) unknown.push(h.label);
      else known.set(h.label, id);
    }
    if (unknown.length > 0) for (const [seq, id] of await this.store.vectors.idsForSeqs(unknown)) known.set(seq, id);
    return hits.flatMap((h) => {
      const id = known.get(h.label);
      return id === undefined ? [] : [{ id, seq: h.label, score: h.score }];
    });
  }

  /**
   * The k nearest of a few papers, scored one by one from their stored
   * vectors. The ANN graph cannot do this well: a filter passing 2% of the
   * papers makes it walk thousands of nodes to find k that pass (measured:
   * 300 ms on 100k papers, against ~20 ms reading and scoring 2,500 vectors).
   */
  private async exactAmong(query: Float32Array, k: number, seqs: number[], memo: SearchMemo): Promise<VectorHit[]> {
    const hits: VectorHit[] = [];
    const qn = Math.hypot(...query) || 1;
    const vectors = memo.vectors;
    const unread = seqs.filter((s) => !vectors.has(s));
    if (unread.length > 0) for (const [seq, v] of await this.store.vectors.getVectors(this.key, unread)) vectors.set(seq, v);
    for (const label of seqs) {
      const v = vectors.get(label);
      if (!v) continue;
      let dot = 0;
      let vv = 0;
      for (let j = 0; j < v.length; j++) {
        dot += v[j]! * query[j]!;
        vv += v[j]! * v[j]!;
      }
      // The ANN index's score is cosine similarity too, so both paths rank alike.
      hits.push({ label, score: dot / (qn * (Math.sqrt(vv) || 1)) });
    }
    return hits.sort((a, b) => b.score - a.score || a.label - b.label).slice(0, k);
  }

  async searchText(text: string, k: number, filters?: LexicalFilters, postings?: PostingsIndex | null): Promise<SemanticHit[]> {
    return this.searchVector(await this.embedQuery(text), k, filters, undefined, postings);
  }

  async embedQuery(text: string): Promise<Float32Array> {
    const [q] = await this.provider.embed([text], "query");
    return q!;
  }

  /** The stored vectors of these papers, in the order given; papers without one are left out. */
  async vectorsFor(ids: string[]): Promise<Float32Array[]> {
    const seqs = await this.store.vectors.seqsForIds(ids);
    const vectors = await this.store.vectors.getVectors(this.key, [...seqs.values()]);
    return ids.flatMap((id) => {
      const v = vectors.get(seqs.get(id) ?? -1);
      return v ? [v] : [];
    });
  }

  /** Papers nearest to a stored paper, itself left out; [] when it has no vector yet. */
  async neighbours(paperId: string, k: number): Promise<SemanticHit[]> {
    const seq = (await this.store.vectors.seqsForIds([paperId])).get(paperId);
    if (seq === undefined) return [];
    const v = (await this.store.vectors.getVectors(this.key, [seq])).get(seq);
    return v ? this.searchVector(v, k, undefined, seq) : [];
  }

  /** Deletes the ANN file (the store's vectors stay). */
  async removeFile(): Promise<void> {
    await rm(this.annPath, { force: true });
    await rm(`${this.annPath}.meta.json`, { force: true });
  }
}

