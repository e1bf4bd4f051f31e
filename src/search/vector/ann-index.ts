// Owns approximate cosine search over paper vectors: a usearch HNSW graph behind VectorIndex.
//
// Chosen: usearch 2.25 with f16 (now bf16, see the defaults) storage, over hnswlib-node 3.0. Measured by bench/ann-bench.ts
// on 1M x 256 clustered unit vectors (M=16, ef_construction=128, 2 shared cores):
//  - equal quality and speed: at ef 128 this wrapper gets recall@10 0.995, p50 0.35 ms (k=10) and
//    0.63 ms (k=100); hnswlib 0.994, 0.38 / 0.66 ms. (usearch at f32 was 2x slower on this CPU.)
//  - 36% less memory: 0.83 GB RSS after load vs 1.29 GB, a 630 MB file vs 1118 MB; read-only
//    replicas can memory-map the file (`view`: 0.13 s, pages fault in on demand).
//  - hnswlib-node wraps labels to uint32 (label 2^40 silently becomes 0), wants number[] per
//    vector, adds on one thread, and its in-place update left 58 of 1000 updated vectors not
//    found by their own vector (remove + add here: 1 of 1000).
//  - the price: the JS binding has no filter callback, so filtered search over-fetches (10%
//    filter: 3.3 ms p50 vs 2.9 ms with hnswlib's callback), and removal needed the key spreading
//    below (raw usearch: 7 ms per remove at 1M).
// Searches run on the calling thread. Running the graph on a worker thread, so that hybrid's first
// walk overlaps the full-text ranking, was built and measured at 1M papers (both variants in one
// process, queries alternated): hybrid mean 21.9 ms inline, 21.8 on the worker. Both halves are
// memory-bound and slow each other on these two cores (the full-text ranking alone ran 22% slower
// with HNSW searches running beside it), and each round trip to the worker adds 0.1-0.7 ms.
import { availableParallelism } from "node:os";
import { Index, MetricKind, ScalarKind } from "usearch";
import {
  checkLabel,
  checkUpsert,
  checkVector,
  describe,
  readEnvelope,
  writeEnvelope,
  type LoadedIndex,
  type LoadOptions,
  type VectorHit,
  type VectorIndex,
} from "./vector-index.js";

export interface AnnOptions {
  /** Graph degree (HNSW "M"); fixed when the index is created. */
  connectivity?: number;
  /** Candidate list while inserting (efConstruction); fixed when the index is created. */
  expansionAdd?: number;
  /** Candidate list while searching (ef); raised to k when k is larger. */
  expansionSearch?: number;
  /** Stored scalar type; "f16" and "bf16" halve the memory of the vectors. Fixed when created. */
  quantization?: "f32" | "f16" | "bf16";
  /** Threads used by upsert batches; searches always run on the calling thread. */
  threads?: number;
}

// Defaults measured on real builtin vectors (512-d SIF embeddings of 100k synthetic papers,
// queries: 200 titles and 100 papers, recall@100 against exact search, CPU time per insert on
// this 2-core EPYC, scripts kept in bench/tmp/perf):
//   f16  M16 ef_add 128 (the old default): 1,248 us; recall 0.934 at ef 128, 0.969 at 256, 0.980 at 384
//   bf16 M16 ef_add 128:                     939 us; 0.934 at 128, 0.968 at 256 (searches ~2x faster too)
//   bf16 M16 ef_add 96:                      658 us; 0.923 at 128, 0.963 at 256, 0.974 at 384, 0.979 at 512
//     (at 300k: 0.916 at 128, 0.950 at 256, 0.962 at 384, 0.968 at 512; recall falls as the graph grows)
//   bf16 M16 ef_add 64:                      435 us; 0.900 at 128, 0.946 at 256, 0.965 at 384
//   bf16 M24 ef_add 64:                      507 us; 0.908 at 128, 0.949 at 256, 0.966 at 384
// i8 lost recall (0.89 at 128; its cast truncates components of ~0.04 to a few levels) and built no
// faster than bf16. So: bf16, whose dot product this CPU runs natively, half the insert cost at ef_add 96,
// and a wider search (ef 512, about twice the old search cost) that brings recall@100, which
// hybrid fusion reads, to about 0.97 where the old defaults gave 0.93.
// An inverted-file index was measured as the alternative for its build cost (two-level k-means
// lists of int8 vectors scanned by a WebAssembly SIMD kernel: about 4 us per insert against 658):
// on the 100k bench's stored vectors with its text queries, recall@100 was 0.83 scanning 8% of the
// vectors (1.1 ms), 0.92 at 20% (2.8 ms) and 0.99 only scanning all (11.6 ms). A short query's SIF
// vector has its neighbours spread over many lists, so the graph stays.
// Build settings are kept in the file, so an index built with older ones loads as it was built;
// expansion_search is a search-time choice and always today's.
// bf16 keeps 8 mantissa bits: scores move by under 4e-3 (its conformance tolerance), below what ranking notices.
const DEFAULTS = { connectivity: 16, expansionAdd: 96, expansionSearch: 512, quantization: "bf16" } as const;
const KIND = "usearch";
const SCALARS = { f32: ScalarKind.F32, f16: ScalarKind.F16, bf16: ScalarKind.BF16 } as const;

// usearch's key table hashes a u64 key with the identity and probes linearly, so sequential
// paper seqs fill one contiguous run and every remove (or lookup of a removed key) scans it:
// 7 ms per remove at 1M in the bench. Keys are therefore label * SPREAD mod 2^64, an odd
// multiplier and so a bijection, which scatters consecutive labels (0.8 us per remove).
// No safe-integer label maps to usearch's reserved key 2^64-1. Changing this breaks saved files.
const SPREAD = 0x9e3779b97f4a7c15n;
const UNSPREAD = 0xf1de83e19937733dn; // SPREAD^-1 mod 2^64
const KEY_SCHEME = "spread-v1";
const toKey = (label: number): bigint => BigInt.asUintN(64, BigInt(label) * SPREAD);
const toLabel = (key: bigint): number => Number(BigInt.asUintN(64, key * UNSPREAD));

type Settings = Required<Omit<AnnOptions, "threads">>;

export class AnnVectorIndex implements VectorIndex {
  readonly kind = KIND;
  readonly #native: Index;
  readonly #settings: Settings;
  readonly #threads: number;

  private constructor(readonly dims: number, opts: AnnOptions) {
    if (!Number.isInteger(dims) || dims <= 0) throw new RangeError(`dims must be a positive integer, got ${dims}`);
    this.#settings = {
      connectivity: opts.connectivity ?? DEFAULTS.connectivity,
      expansionAdd: opts.expansionAdd ?? DEFAULTS.expansionAdd,
      expansionSearch: opts.expansionSearch ?? DEFAULTS.expansionSearch,
      quantization: opts.quantization ?? DEFAULTS.quantization,
    };
    this.#threads = Math.max(1, opts.threads ?? availableParallelism());
    this.#native = new Index({
      dimensions: dims,
      // Inner product on unit vectors is the cosine, without usearch re-normalising each pair.
      metric: MetricKind.IP,
      quantization: SCALARS[this.#settings.quantization],
      connectivity: this.#settings.connectivity,
      expansion_add: this.#settings.expansionAdd,
      expansion_search: this.#settings.expansionSearch,
      multi: false,
    });
  }

  static create(dims: number, opts: AnnOptions = {}): AnnVectorIndex {
    return new AnnVectorIndex(dims, opts);
  }

  /**
   * Reads back what `save` wrote. Build-time settings come from the file; `expansionSearch`
   * and `threads` may be overridden. Throws an Error naming the file when it is missing,
   * corrupt, of another kind, or (with `opts.dims`) of another dimension.
   */
  static async load(path: string, opts: LoadOptions & Pick<AnnOptions, "expansionSearch" | "threads"> = {}): Promise<LoadedIndex<AnnVectorIndex>> {
    const envelope = await readEnvelope(path, KIND, opts);
    // expansionSearch is a search-time choice: the file's value (older files saved it) yields to today's default.
    const { keys, expansionSearch: _saved, ...saved } = envelope.params as Partial<Settings> & { keys?: string };
    if (keys !== KEY_SCHEME) throw new Error(`vector index ${path} uses key scheme "${keys}", expected "${KEY_SCHEME}"`);
    if (saved.quantization !== undefined && !(saved.quantization in SCALARS)) throw new Error(`vector index ${path} stores "${saved.quantization}" scalars, which this version cannot read`);
    const index = new AnnVectorIndex(envelope.dims, { ...saved, ...definedOnly(opts) });
    try {
      index.#native.load(path);
    } catch (err) {
      throw new Error(`vector index ${path} could not be loaded by usearch (${describe(err)})`);
    }
    if (index.#native.dimensions() !== envelope.dims || index.#native.size() !== envelope.size) {
      throw new Error(`vector index ${path} holds ${index.#native.size()} x ${index.#native.dimensions()} vectors, its meta file says ${envelope.size} x ${envelope.dims}`);
    }
    return { index, meta: envelope.meta };
  }

  size(): number {
    return this.#native.size();
  }

  has(label: number): boolean {
    return Number.isSafeInteger(label) && label > 0 && this.#native.contains(toKey(label)) === true;
  }

  upsert(labels: ArrayLike<number>, vectors: Float32Array[]): void {
    checkUpsert(labels, vectors, this.dims);
    // Last vector wins for a label repeated within the batch, as with sequential upserts.
    const latest = new Map<number, Float32Array>();
    for (let i = 0; i < labels.length; i++) latest.set(labels[i]!, vectors[i]!);
    if (latest.size === 0) return;
    const keys = new BigUint64Array(latest.size);
    const flat = new Float32Array(latest.size * this.dims);
    let i = 0;
    for (const [label, vector] of latest) {
      keys[i] = toKey(label);
      flat.set(vector, i++ * this.dims);
    }
    // usearch refuses a key it already holds; removing first turns add into replace, and the
    // freed slots are reused by the add that follows.
    const present = this.#native.contains(keys) as boolean[];
    if (present.includes(true)) this.#native.remove(keys.filter((_, j) => present[j]));
    this.#native.add(keys, flat, this.#threads);
  }

  remove(labels: ArrayLike<number>): void {
    if (labels.length === 0) return;
    const keys = new BigUint64Array(labels.length);
    for (let i = 0; i < labels.length; i++) {
      checkLabel(labels[i]!);
      keys[i] = toKey(labels[i]!);
    }
    this.#native.remove(keys);
  }

  search(query: Float32Array, k: number, accept?: (label: number) => boolean): VectorHit[] {
    checkVector(query, this.dims, "query");
    const size = this.#native.size();
    const want = Math.min(Math.floor(k), size);
    if (!(want > 0)) return [];
    if (!accept) return this.#query(query, want);
    // The JS binding has no filter callback, so over-fetch: start at 2k, then grow by the pass
    // rate seen so far (a 10% filter takes two rounds), until k pass or the graph is exhausted.
    // Very selective filters are cheaper as an exact scan over the accepted set.
    let fetch = Math.min(size, Math.max(2 * want, 32));
    for (;;) {
      const hits = this.#query(query, fetch);
      const kept = hits.filter((hit) => accept(hit.label));
      if (kept.length >= want || hits.length < fetch || fetch >= size) return kept.slice(0, want);
      const rate = Math.max(kept.length, 1) / hits.length;
      fetch = Math.min(size, Math.max(2 * fetch, Math.ceil((1.3 * want) / rate)));
    }
  }

  async save(path: string, meta: Record<string, unknown>): Promise<void> {
    const envelope = { kind: KIND, dims: this.dims, size: this.size(), params: { ...this.#settings, keys: KEY_SCHEME }, meta };
    await writeEnvelope(path, envelope, (temp) => {
      try {
        this.#native.save(temp);
      } catch (err) {
        throw new Error(`vector index ${path} could not be written by usearch (${describe(err)})`);
      }
    });
  }

  #query(query: Float32Array, k: number): VectorHit[] {
    // One query per call: a single thread avoids spawning workers for microsecond-scale work.
    const { keys, distances } = this.#native.search(query, k, 1);
    const hits: VectorHit[] = new Array(keys.length);
    for (let i = 0; i < keys.length; i++) hits[i] = { label: toLabel(keys[i]!), score: 1 - distances[i]! };
    return hits;
  }
}

function definedOnly<T extends object>(obj: T): Partial<T> {
  return Object.fromEntries(Object.entries(obj).filter(([, v]) => v !== undefined)) as Partial<T>;
}
