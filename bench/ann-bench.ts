// Measures the approximate-nearest-neighbour libraries Paperboard could embed (hnswlib-node,
// usearch) against the exact index on clustered, low-intrinsic-rank unit vectors.
//
//   npx tsx bench/ann-bench.ts [--n 100000] [--dims 256] [--queries 500] [--ef 64,128,256]
//                              [--variants hnswlib,usearch,usearch-f16] [--dir /tmp/...]
//
// The parent generates the data set and exact ground truth (cached in --dir), then runs each
// variant in fresh child processes: one builds and saves, one per ef loads and queries, so the
// RSS after load is not polluted by the build or the raw data.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import hnswlib from "hnswlib-node";
import { Index, MetricKind, ScalarKind } from "usearch";
import { ExactVectorIndex } from "../src/search/vector/exact-index.js";
import { AnnVectorIndex } from "../src/search/vector/ann-index.js";

const { values: args } = parseArgs({
  options: {
    n: { type: "string", default: "100000" },
    dims: { type: "string", default: "256" },
    queries: { type: "string", default: "500" },
    ef: { type: "string", default: "64,128,256" },
    variants: { type: "string", default: "hnswlib,usearch,usearch-f16,ann-index" },
    dir: { type: "string" },
    phase: { type: "string", default: "main" },
    variant: { type: "string" },
  },
});

const N = Number(args.n);
const DIMS = Number(args.dims);
const QUERIES = Number(args.queries);
const DIR = args.dir ?? join(tmpdir(), "paperboard-ann-bench", `n${N}-d${DIMS}`);
const LATENT = 32;
const CENTRES = 500;
const M = 16; // graph degree (hnswlib M, usearch connectivity)
const EF_ADD = 128; // efConstruction / expansion_add
const BATCH = 10_000; // vectors per add call, as an incremental indexer would send
const K = 100;
/** The filter used for the filtered-search rows: passes 10% of labels. */
const inFilter = (label: number): boolean => label % 10 === 0;

// ---------------------------------------------------------------- data
/** Deterministic PRNG (mulberry32) with Box-Muller normals. */
function rng(seed: number): { uniform: () => number; normal: () => number } {
  let s = seed >>> 0;
  const uniform = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | undefined;
  const normal = (): number => {
    if (spare !== undefined) {
      const v = spare;
      spare = undefined;
      return v;
    }
    const u = uniform() || 1e-12;
    const r = Math.sqrt(-2 * Math.log(u));
    const a = 2 * Math.PI * uniform();
    spare = r * Math.sin(a);
    return r * Math.cos(a);
  };
  return { uniform, normal };
}

/**
 * A corpus-like distribution: 500 latent cluster centres (uneven, log-normal weights), each
 * point its centre plus latent spread, projected 32 -> dims by a fixed random map, plus a
 * little ambient noise, then unit-normalised. Neighbourhoods are decided in ~32 dimensions,
 * as with real text embeddings, so recall is neither trivial nor hopeless.
 */
function makeGenerator(dims: number): (count: number, seed: number) => Float32Array {
  const r = rng(1234);
  const proj = new Float64Array(dims * LATENT).map(() => r.normal() / Math.sqrt(LATENT));
  const centres = new Float64Array(CENTRES * LATENT).map(() => r.normal());
  const weights = Array.from({ length: CENTRES }, () => Math.exp(r.normal()));
  const cumulative: number[] = [];
  weights.reduce((sum, w, i) => (cumulative[i] = sum + w), 0);
  const total = cumulative[CENTRES - 1]!;
  return (count, seed) => {
    const g = rng(seed);
    const out = new Float32Array(count * dims);
    const z = new Float64Array(LATENT);
    const x = new Float64Array(dims);
    for (let i = 0; i < count; i++) {
      const pick = g.uniform() * total;
      let c = 0;
      while (cumulative[c]! < pick) c++;
      for (let l = 0; l < LATENT; l++) z[l] = centres[c * LATENT + l]! + 0.6 * g.normal();
      let norm = 0;
      for (let d = 0; d < dims; d++) {
        let v = 0.25 * g.normal();
        for (let l = 0; l < LATENT; l++) v += proj[d * LATENT + l]! * z[l]!;
        x[d] = v;
        norm += v * v;
      }
      const inv = 1 / Math.sqrt(norm);
      for (let d = 0; d < dims; d++) out[i * dims + d] = x[d]! * inv;
    }
    return out;
  };
}

const rows = (flat: Float32Array, dims: number): Float32Array[] =>
  Array.from({ length: flat.length / dims }, (_, i) => flat.subarray(i * dims, (i + 1) * dims));

function readF32(path: string): Float32Array {
  const buf = readFileSync(path);
  return new Float32Array(buf.buffer, buf.byteOffset, buf.byteLength / 4);
}

interface Truth {
  n: number;
  dims: number;
  top: number[][];
  filtered: number[][];
  exactP50: number;
  exactFilteredP50: number;
}

// ---------------------------------------------------------------- adapters
interface Adapter {
  build(data: Float32Array): void;
  save(path: string): Promise<void>;
  load(path: string, ef: number): Promise<void>;
  /** Memory-maps a saved index read-only, when the library can. */
  view?(path: string, ef: number): void;
  size(): number;
  search(q: Float32Array, k: number): number[];
  filtered(q: Float32Array, k: number, accept: (label: number) => boolean): number[];
  /** Tries to re-add existing labels with new vectors; returns what happened. */
  upsert(labels: number[], vectors: Float32Array[]): string;
  remove(labels: number[]): void;
}

function hnswAdapter(): Adapter {
  let index = new hnswlib.HierarchicalNSW("ip", DIMS);
  return {
    build(data) {
      let capacity = 16_384;
      index.initIndex({ maxElements: capacity, m: M, efConstruction: EF_ADD, randomSeed: 100 });
      const n = data.length / DIMS;
      for (let i = 0; i < n; i++) {
        if (i === capacity) index.resizeIndex((capacity *= 2));
        index.addPoint(Array.from(data.subarray(i * DIMS, (i + 1) * DIMS)), i + 1);
      }
    },
    save: async (path) => void (await index.writeIndex(path)),
    async load(path, ef) {
      index = new hnswlib.HierarchicalNSW("ip", DIMS);
      await index.readIndex(path);
      index.setEf(ef);
    },
    size: () => index.getCurrentCount(),
    search: (q, k) => index.searchKnn(Array.from(q), k).neighbors,
    filtered: (q, k, accept) => index.searchKnn(Array.from(q), k, accept).neighbors,
    upsert(labels, vectors) {
      const before = index.getCurrentCount();
      labels.forEach((label, i) => index.addPoint(Array.from(vectors[i]!), label));
      return `addPoint replaces in place (count ${before} -> ${index.getCurrentCount()})`;
    },
    remove: (labels) => labels.forEach((label) => index.markDelete(label)),
  };
}

function usearchAdapter(quantization: ScalarKind): Adapter {
  const make = (ef: number): Index =>
    new Index({
      dimensions: DIMS,
      metric: MetricKind.IP,
      quantization,
      connectivity: M,
      expansion_add: EF_ADD,
      expansion_search: ef,
      multi: false,
    });
  let index = make(64);
  const keys = (labels: number[]): BigUint64Array => BigUint64Array.from(labels, BigInt);
  const flat = (vectors: Float32Array[]): Float32Array => {
    const out = new Float32Array(vectors.length * DIMS);
    vectors.forEach((v, i) => out.set(v, i * DIMS));
    return out;
  };
  const search = (q: Float32Array, k: number): { labels: number[]; count: number } => {
    const m = index.search(q, Math.min(k, index.size()), 1);
    const labels: number[] = [];
    for (let i = 0; i < m.keys.length; i++) if (m.distances[i]! < Infinity && m.keys[i]! !== 0xffffffffffffffffn) labels.push(Number(m.keys[i]));
    return { labels, count: labels.length };
  };
  return {
    build(data) {
      const n = data.length / DIMS;
      for (let start = 0; start < n; start += BATCH) {
        const end = Math.min(n, start + BATCH);
        const batch = BigUint64Array.from({ length: end - start }, (_, i) => BigInt(start + i + 1));
        index.add(batch, data.subarray(start * DIMS, end * DIMS), 0);
      }
    },
    save: async (path) => index.save(path),
    async load(path, ef) {
      index = make(ef);
      index.load(path);
    },
    view(path, ef) {
      index = make(ef);
      index.view(path);
    },
    size: () => index.size(),
    search: (q, k) => search(q, k).labels,
    filtered(q, k, accept) {
      // No filter callback in the JS binding: over-fetch, growing by the observed pass rate.
      const size = index.size();
      let fetch = Math.min(size, Math.max(2 * k, 32));
      for (;;) {
        const { labels, count } = search(q, fetch);
        const kept = labels.filter(accept);
        if (kept.length >= k || count < fetch || fetch >= size) return kept.slice(0, k);
        const rate = Math.max(kept.length, 1) / count;
        fetch = Math.min(size, Math.max(2 * fetch, Math.ceil((1.3 * k) / rate)));
      }
    },
    upsert(labels, vectors) {
      const before = index.size();
      let outcome: string;
      try {
        index.add(keys(labels), flat(vectors), 0);
        outcome = "add of an existing key succeeded";
      } catch (err) {
        outcome = `add throws "${(err as Error).message}"; remove+add works`;
        index.remove(keys(labels));
        index.add(keys(labels), flat(vectors), 0);
      }
      return `${outcome} (count ${before} -> ${index.size()})`;
    },
    remove: (labels) => void index.remove(keys(labels)),
  };
}

function wrapperAdapter(): Adapter {
  let index = AnnVectorIndex.create(DIMS);
  return {
    build(data) {
      const n = data.length / DIMS;
      for (let start = 0; start < n; start += BATCH) {
        const end = Math.min(n, start + BATCH);
        const labels = Array.from({ length: end - start }, (_, i) => start + i + 1);
        index.upsert(labels, rows(data.subarray(start * DIMS, end * DIMS), DIMS));
      }
    },
    save: (path) => index.save(path, { bench: true }),
    async load(path, ef) {
      index = (await AnnVectorIndex.load(path, { expansionSearch: ef })).index;
    },
    size: () => index.size(),
    search: (q, k) => index.search(q, k).map((h) => h.label),
    filtered: (q, k, accept) => index.search(q, k, accept).map((h) => h.label),
    upsert(labels, vectors) {
      const before = index.size();
      index.upsert(labels, vectors);
      return `upsert replaces (count ${before} -> ${index.size()})`;
    },
    remove: (labels) => index.remove(labels),
  };
}

function adapterFor(variant: string): Adapter {
  switch (variant) {
    case "hnswlib":
      return hnswAdapter();
    case "usearch":
      return usearchAdapter(ScalarKind.F32);
    case "usearch-f16":
      return usearchAdapter(ScalarKind.F16);
    case "ann-index":
      return wrapperAdapter();
    default:
      throw new Error(`unknown variant ${variant}`);
  }
}

// ---------------------------------------------------------------- measuring
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);
const rss = (): number => mb(process.memoryUsage().rss);

function percentiles(ms: number[]): { p50: number; p95: number; p99: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number): number => Number(s[Math.min(s.length - 1, Math.floor(p * s.length))]!.toFixed(3));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

function recall(found: number[], truth: number[], k: number): number {
  const want = new Set(truth.slice(0, k));
  return found.slice(0, k).filter((l) => want.has(l)).length / Math.max(1, want.size);
}

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t };
}

async function buildPhase(variant: string): Promise<Record<string, unknown>> {
  const data = readF32(join(DIR, "data.f32"));
  const n = data.length / DIMS;
  const adapter = adapterFor(variant);
  const built = timed(() => adapter.build(data));
  const rssBuilt = rss();
  const path = join(DIR, `${variant}.index`);
  const t = performance.now();
  await adapter.save(path);
  const saveSec = (performance.now() - t) / 1000;

  // Behaviour probes run after the save, so the query phase sees the untouched index.
  const fresh = rows(makeGenerator(DIMS)(1000, 777), DIMS);
  const upLabels = Array.from({ length: 1000 }, (_, i) => i + 1);
  const upsert = adapter.upsert(upLabels, fresh);
  const foundNew = upLabels.filter((label, i) => adapter.search(fresh[i]!, 1)[0] === label).length;
  const goneLabels = Array.from({ length: 1000 }, (_, i) => 1001 + i);
  const removed = timed(() => adapter.remove(goneLabels));
  const gone = new Set(goneLabels);
  let leaks = 0;
  for (const label of goneLabels) {
    const v = data.subarray((label - 1) * DIMS, label * DIMS);
    leaks += adapter.search(v, 10).filter((l) => gone.has(l)).length;
  }
  return {
    variant,
    n,
    load1: loadavg()[0],
    buildSec: built.ms / 1000,
    rate: Math.round(n / (built.ms / 1000)),
    rssBuiltMB: rssBuilt,
    fileMB: mb(statSync(path).size),
    saveSec,
    upsert: `${upsert}; ${foundNew}/1000 found top-1 by new vector`,
    removal: `1000 removed in ${removed.ms.toFixed(1)} ms, size now ${adapter.size()}, ${leaks} removed labels seen in results`,
  };
}

async function queryPhase(variant: string, ef: number, mmap = false): Promise<Record<string, unknown>> {
  const adapter = adapterFor(variant);
  const rssBefore = rss();
  const t = performance.now();
  const path = join(DIR, `${variant}.index`);
  if (mmap) adapter.view!(path, ef);
  else await adapter.load(path, ef);
  const loadSec = (performance.now() - t) / 1000;
  const rssLoaded = rss();
  const queries = rows(readF32(join(DIR, "queries.f32")), DIMS);
  const truth = JSON.parse(readFileSync(join(DIR, "truth.json"), "utf8")) as Truth;
  for (const q of queries.slice(0, 20)) adapter.search(q, K); // warm-up

  const lat100: number[] = [];
  const lat10: number[] = [];
  const latF: number[] = [];
  let r10 = 0;
  let r100 = 0;
  let rF = 0;
  queries.forEach((q, i) => {
    const a = timed(() => adapter.search(q, K));
    lat100.push(a.ms);
    r100 += recall(a.value, truth.top[i]!, K);
    const b = timed(() => adapter.search(q, 10));
    lat10.push(b.ms);
    r10 += recall(b.value, truth.top[i]!, 10);
    const c = timed(() => adapter.filtered(q, K, inFilter));
    latF.push(c.ms);
    if (c.value.some((l) => !inFilter(l))) throw new Error(`${variant}: filter not honoured`);
    rF += recall(c.value, truth.filtered[i]!, K);
  });
  const q = queries.length;
  return {
    variant: mmap ? `${variant} (view)` : variant,
    ef,
    rssAfterQueriesMB: rss(),
    load1: loadavg()[0],
    loadSec,
    rssBeforeMB: rssBefore,
    rssLoadedMB: rssLoaded,
    k100: percentiles(lat100),
    k10p50: percentiles(lat10).p50,
    recall10: r10 / q,
    recall100: r100 / q,
    filtered: { ...percentiles(latF), recall100: rF / q },
  };
}

// ---------------------------------------------------------------- parent
function prepare(): Truth {
  mkdirSync(DIR, { recursive: true });
  const truthPath = join(DIR, "truth.json");
  if (existsSync(truthPath)) {
    const cached = JSON.parse(readFileSync(truthPath, "utf8")) as Truth;
    if (cached.n === N && cached.dims === DIMS && cached.top.length === QUERIES) return cached;
  }
  const gen = makeGenerator(DIMS);
  let t = performance.now();
  const data = gen(N, 1);
  const queries = gen(QUERIES, 2);
  writeFileSync(join(DIR, "data.f32"), data);
  writeFileSync(join(DIR, "queries.f32"), queries);
  log(`generated ${N} x ${DIMS} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  t = performance.now();
  const exact = new ExactVectorIndex(DIMS, N);
  exact.upsert(Float64Array.from({ length: N }, (_, i) => i + 1), rows(data, DIMS));
  // The filtered ground truth comes from an exact index over the accepted 10% only, which
  // is also how a caller should serve very selective filters.
  const accepted = Array.from({ length: N }, (_, i) => i + 1).filter(inFilter);
  const exactSub = new ExactVectorIndex(DIMS, accepted.length);
  exactSub.upsert(accepted, accepted.map((l) => data.subarray((l - 1) * DIMS, l * DIMS)));
  const qs = rows(queries, DIMS);
  const lat: number[] = [];
  const top = qs.map((q) => {
    const r = timed(() => exact.search(q, K));
    lat.push(r.ms);
    return r.value.map((h) => h.label);
  });
  const filtered = qs.map((q) => exactSub.search(q, K).map((h) => h.label));
  const latF = qs.slice(0, 50).map((q) => timed(() => exact.search(q, K, inFilter)).ms);
  const truth: Truth = { n: N, dims: DIMS, top, filtered, exactP50: percentiles(lat).p50, exactFilteredP50: percentiles(latF).p50 };
  writeFileSync(truthPath, JSON.stringify(truth));
  log(`exact ground truth in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return truth;
}

function child(phase: string, variant: string, ef?: number): Record<string, unknown> {
  const argv = [...process.execArgv, fileURLToPath(import.meta.url), "--phase", phase, "--variant", variant];
  argv.push("--n", String(N), "--dims", String(DIMS), "--queries", String(QUERIES), "--dir", DIR);
  if (ef !== undefined) argv.push("--ef", String(ef));
  const run = spawnSync(process.execPath, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`${phase} ${variant} failed with status ${run.status}`);
  const line = run.stdout.trim().split("\n").pop()!;
  return JSON.parse(line) as Record<string, unknown>;
}

function log(message: string): void {
  process.stderr.write(`[ann-bench] ${message}\n`);
}

async function main(): Promise<void> {
  if (args.phase === "build") {
    console.log(JSON.stringify(await buildPhase(args.variant!)));
    return;
  }
  if (args.phase === "query" || args.phase === "view") {
    console.log(JSON.stringify(await queryPhase(args.variant!, Number(args.ef), args.phase === "view")));
    return;
  }
  const truth = prepare();
  const efs = args.ef.split(",").map(Number);
  const builds: Record<string, unknown>[] = [];
  const queries: Record<string, unknown>[] = [];
  for (const variant of args.variants.split(",")) {
    log(`${variant}: building ${N} x ${DIMS}`);
    const b = child("build", variant);
    log(JSON.stringify(b));
    builds.push(b);
    for (const ef of efs) {
      const q = child("query", variant, ef);
      log(JSON.stringify(q));
      queries.push(q);
    }
    if (adapterFor(variant).view) {
      const v = child("view", variant, efs[0]);
      log(JSON.stringify(v));
      queries.push(v);
    }
  }
  writeFileSync(join(DIR, "results.json"), JSON.stringify({ truth: { exactP50: truth.exactP50, exactFilteredP50: truth.exactFilteredP50 }, builds, queries }, null, 2));
  printTables(truth, builds, queries);
}

function printTables(truth: Truth, builds: Record<string, unknown>[], queries: Record<string, unknown>[]): void {
  console.log(`\n## ${N} x ${DIMS}, M=${M}, ef_construction=${EF_ADD}, ${QUERIES} queries, k=${K}`);
  console.log(`${availableParallelism()} CPUs; 1-minute load average at the end of each phase is shown (other work shares the machine)`);
  console.log(`exact (ExactVectorIndex, 1 thread): p50 ${truth.exactP50} ms; with 10% filter p50 ${truth.exactFilteredP50} ms\n`);
  console.log("| variant | build vec/s | build s | RSS after build MB | file MB | save s | load avg |");
  console.log("|---|---|---|---|---|---|---|");
  for (const b of builds) console.log(`| ${b.variant} | ${b.rate} | ${(b.buildSec as number).toFixed(1)} | ${b.rssBuiltMB} | ${b.fileMB} | ${(b.saveSec as number).toFixed(2)} | ${(b.load1 as number).toFixed(1)} |`);
  console.log("\n| variant | ef | load s | RSS before/after load/after queries MB | k=100 p50/p95/p99 ms | k=10 p50 ms | recall@10 | recall@100 | filtered 10% k=100 p50/p95 ms | filtered recall@100 | load avg |");
  console.log("|---|---|---|---|---|---|---|---|---|---|---|");
  for (const q of queries) {
    const k = q.k100 as { p50: number; p95: number; p99: number };
    const f = q.filtered as { p50: number; p95: number; recall100: number };
    console.log(
      `| ${q.variant} | ${q.ef} | ${(q.loadSec as number).toFixed(2)} | ${q.rssBeforeMB}/${q.rssLoadedMB}/${q.rssAfterQueriesMB} | ${k.p50}/${k.p95}/${k.p99} | ${q.k10p50} | ${(q.recall10 as number).toFixed(3)} | ${(q.recall100 as number).toFixed(3)} | ${f.p50}/${f.p95} | ${f.recall100.toFixed(3)} | ${(q.load1 as number).toFixed(1)} |`,
    );
  }
  console.log("\n| variant | upsert of an existing label | removal |");
  console.log("|---|---|---|");
  for (const b of builds) console.log(`| ${b.variant} | ${b.upsert} | ${b.removal} |`);
}

await main();
