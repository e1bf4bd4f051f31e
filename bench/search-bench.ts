// Benchmark: import + index + embed a realistic synthetic corpus with the real CLI, then time lexical, semantic and hybrid search.
//
// Usage: npm run bench:search [-- --sizes 100000,1000000] [--queries 200] [--keep] [--dir PATH] [--json]
//
// For each size N:
// 1. writes N papers as Kaggle JSON lines (bench/search-corpus.ts, seeded; not timed);
// 2. runs `node dist/cli/main.js import FILE --json` in a child process (store, FTS index, builtin
//    embeddings, ANN index), under /usr/bin/time -v when present for the peak RSS; meanwhile a
//    read-only connection polls the database every second, which gives progress lines and the
//    split of the run into import, FTS indexing and embedding + ANN stages;
// 3. sums the data directory on disk (SQLite db with -wal/-shm, vectors/);
// 4. opens the store and search engine on it in a fresh child process (so its RSS is that of a
//    hub, not of this process holding the ~300 MB corpus model), catches up (a no-op), and times
//    every query of benchQueries(model, --queries, seed 7) per mode after a 20-query warm-up; then
//    probes the builtin embedder and a fresh ANN index on 20,000 stored papers for stage costs;
// 5. prints one table (or JSON with --json) with the 1M targets: hybrid p50 < 15 ms, p99 < 60 ms,
//    >= 5,000 papers/s end to end, RSS < 2.5 GB.
// The data directory and corpus are deleted afterwards unless --keep.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import SqliteDatabase from "better-sqlite3";
import { benchQueries, loadLanguageModel, writeKaggleJsonl, type CorpusModel } from "./search-corpus.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCRIPT = fileURLToPath(import.meta.url);
const CLI = join(ROOT, "dist/cli/main.js");
const WARMUP = 20;
const MODES = ["lexical", "semantic", "hybrid"] as const;
type Mode = (typeof MODES)[number];
const PROBE_PAPERS = 20_000;
const RECALL_QUERIES = 30;
const TARGETS = { hybridP50Ms: 15, hybridP99Ms: 60, papersPerSecond: 5_000, rssMB: 2_500 };

const fmt = (n: number, digits = 0) => n.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const mb = (bytes: number) => bytes / 1e6;
const say = (msg: string) => process.stderr.write(msg + "\n");

// ---------------------------------------------------------------- environment

/** The environment without any Paperboard setting of the caller (a database URL, an embedding provider): the bench is hermetic. */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k.startsWith("PAPERBOARD_") || k === "DATABASE_URL" || k === "LOG_LEVEL") continue;
    env[k] = v;
  }
  return { ...env, ...extra };
}

// ---------------------------------------------------------------- query phase (runs in a child process)

interface ModeFigures {
  /** The mode the service answered with for the last query (hybrid falls back to lexical without vectors). */
  answeredAs: string[];
  queries: number;
  errors: number;
  firstError: string | null;
  zeroResults: number;
  meanResults: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** The three slowest queries. */
  slowest: { q: string; ms: number }[];
}

interface QueryPhase {
  openSeconds: number;
  catchUp: { lexical: number; vectors: number };
  catchUpSeconds: number;
  vectors: number;
  rssAfterOpenMB: number;
  rssAfterQueriesMB: number;
  maxRssMB: number;
  modes: Record<Mode, ModeFigures>;
  /**
   * Stage costs on the first stored papers: the builtin embedder (one thread), inserting into a fresh ANN
   * index, and inserting the same vectors (under new labels) into a copy of the hub's full ANN index.
   */
  probe: {
    papers: number;
    dims: number;
    embedPerSecond: number;
    annFreshInsertPerSecond: number;
    annFullInsertPerSecond: number | null;
    annFullSize: number;
    /** Mean share of the exact top 100 (a scan of every stored vector) that semantic search returns, over RECALL_QUERIES queries. */
    recallAt100: number;
  } | null;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * A module of the build the import ran (dist/), typed by its source: src/ may be ahead of dist/ while
 * others edit it, and an engine from src/ could then read the import's files differently.
 */
async function fromDist<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(ROOT, "dist", path)).href)) as T;
}

async function queryPhase(dataDir: string, queriesFile: string): Promise<void> {
  const { loadConfig } = await fromDist<typeof import("../src/config/config.js")>("config/config.js");
  const { createLogger } = await fromDist<typeof import("../src/logging/logger.js")>("logging/logger.js");
  const { openStore, sqliteFile } = await fromDist<typeof import("../src/storage/open-store.js")>("storage/open-store.js");
  const { SearchEngine } = await fromDist<typeof import("../src/search/search-engine.js")>("search/search-engine.js");
  const queries: string[] = JSON.parse(readFileSync(queriesFile, "utf8"));

  const config = loadConfig({ env: { PAPERBOARD_LOG_LEVEL: "warn" }, overrides: { dataDir } });
  const log = createLogger({ level: config.logLevel, format: "json" });
  const t0 = performance.now();
  const store = await openStore({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  const engine = await SearchEngine.open(store, config, log);
  const openSeconds = (performance.now() - t0) / 1000;
  const t1 = performance.now();
  const catchUp = await engine.catchUp();
  const catchUpSeconds = (performance.now() - t1) / 1000;
  const rssAfterOpenMB = mb(process.memoryUsage().rss);

  const modes = {} as Record<Mode, ModeFigures>;
  for (const mode of MODES) {
    const run = async (q: string) => engine.service.search(q, { mode, limit: 20, prefix: false });
    for (const q of queries.slice(0, WARMUP)) await run(q).catch(() => {});
    const times: number[] = [];
    const timed: { q: string; ms: number }[] = [];
    const answeredAs = new Set<string>();
    let errors = 0;
    let firstError: string | null = null;
    let zero = 0;
    let results = 0;
    for (const q of queries) {
      const start = process.hrtime.bigint();
      try {
        const r = await run(q);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        timed.push({ q, ms: times[times.length - 1]! });
        answeredAs.add(r.mode);
        results += r.results.length;
        if (r.results.length === 0) zero++;
      } catch (err) {
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
        errors++;
        firstError ??= `${JSON.stringify(q)}: ${(err as Error).message}`;
      }
    }
    const sorted = [...times].sort((a, b) => a - b);
    modes[mode] = {
      answeredAs: [...answeredAs],
      queries: queries.length,
      errors,
      firstError,
      zeroResults: zero,
      meanResults: results / Math.max(1, queries.length - errors),
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
      mean: times.reduce((s, x) => s + x, 0) / Math.max(1, times.length),
      max: sorted[sorted.length - 1] ?? NaN,
      slowest: timed.sort((a, b) => b.ms - a.ms).slice(0, 3),
    };
  }
  const rssAfterQueriesMB = mb(process.memoryUsage().rss);
  const maxRssMB = mb(process.resourceUsage().maxRSS * 1024); // maxRSS is in KiB; every figure here is in MB of 10^6 bytes
  const vectors = engine.semantic()?.size() ?? 0;

  // Stage probe (after the RSS figures): the builtin embedder and a fresh ANN index on stored papers.
  let probe: QueryPhase["probe"] = null;
  const semantic = engine.semantic();
  if (semantic) {
    // Recall of the approximate index at this size: its top 100 against an exact scan of the stored vectors.
    const recallQueries = await Promise.all(queries.slice(0, RECALL_QUERIES).map((q) => semantic.embedQuery(q.replace(/\b(cat|after|before):\S+/g, ""))));
    const exactTop = recallQueries.map(() => [] as { seq: number; score: number }[]);
    for await (const page of store.vectors.readVectors(semantic.key)) {
      for (const v of page) {
        recallQueries.forEach((q, i) => {
          let s = 0;
          for (let d = 0; d < q.length; d++) s += q[d]! * v.vector[d]!;
          const top = exactTop[i]!;
          if (top.length < 100 || s > top[top.length - 1]!.score) {
            top.push({ seq: v.seq, score: s });
            top.sort((a, b) => b.score - a.score);
            if (top.length > 100) top.pop();
          }
        });
      }
    }
    let recallSum = 0;
    for (let i = 0; i < recallQueries.length; i++) {
      const want = new Set(exactTop[i]!.map((h) => h.seq));
      const got = await semantic.searchVector(recallQueries[i]!, 100);
      recallSum += got.filter((h) => want.has(h.seq)).length / Math.max(1, want.size);
    }
    const recallAt100 = recallSum / Math.max(1, recallQueries.length);
    const { AnnVectorIndex } = await fromDist<typeof import("../src/search/vector/ann-index.js")>("search/vector/ann-index.js");
    const { paperText } = await fromDist<typeof import("../src/search/embed/provider.js")>("search/embed/provider.js");
    const raw = new SqliteDatabase(sqliteFile({ dataDir }), { readonly: true });
    const papers = raw.prepare(`SELECT seq, title, abstract FROM papers ORDER BY seq LIMIT ${PROBE_PAPERS}`).all() as { seq: number; title: string; abstract: string }[];
    raw.close();
    const texts = papers.map(paperText);
    const provider = semantic.provider;
    const te = performance.now();
    const vecs: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += provider.batchSize) vecs.push(...(await provider.embed(texts.slice(i, i + provider.batchSize), "document")));
    const embedS = (performance.now() - te) / 1000;
    const dims = await provider.dimensions();
    const ann = AnnVectorIndex.create(dims);
    const ta = performance.now();
    for (let i = 0; i < vecs.length; i += provider.batchSize) {
      ann.upsert(
        papers.slice(i, i + provider.batchSize).map((p) => p.seq),
        vecs.slice(i, i + provider.batchSize),
      );
    }
    const annS = (performance.now() - ta) / 1000;
    // Insertion slows as the graph grows: the same vectors into a copy of the full index, as new papers.
    let annFullInsertPerSecond: number | null = null;
    let annFullSize = 0;
    try {
      const { index: full } = await AnnVectorIndex.load(semantic.annPath, { dims });
      annFullSize = full.size();
      const offset = 1_000_000_000;
      const tf = performance.now();
      for (let i = 0; i < vecs.length; i += provider.batchSize) {
        full.upsert(
          papers.slice(i, i + provider.batchSize).map((p) => offset + p.seq),
          vecs.slice(i, i + provider.batchSize),
        );
      }
      annFullInsertPerSecond = papers.length / ((performance.now() - tf) / 1000);
    } catch (err) {
      process.stderr.write(`probe: could not load ${semantic.annPath}: ${(err as Error).message}\n`);
    }
    probe = { recallAt100, papers: papers.length, dims, embedPerSecond: papers.length / embedS, annFreshInsertPerSecond: papers.length / annS, annFullInsertPerSecond, annFullSize };
  }

  await engine.close();
  await store.close();
  const out: QueryPhase = { openSeconds, catchUp, catchUpSeconds, vectors, rssAfterOpenMB, rssAfterQueriesMB, maxRssMB, modes, probe };
  process.stdout.write(JSON.stringify(out) + "\n");
}

// ---------------------------------------------------------------- the import child and its monitor

interface Sample {
  t: number;
  papers: number;
  fts: number;
  /** Papers the in-memory postings index had written to disk (its manifest). */
  postings: number;
  vectors: number;
}

interface ImportRun {
  wallSeconds: number;
  summary: Record<string, unknown> & { inserted?: number; read?: number; seconds?: number; indexed?: number; embedded?: number; indexSeconds?: number; peakRssMB?: number };
  timePeakRssMB: number | null;
  /**
   * importSeconds: parse and store. Then the lexical index, the postings index and the choice of the builtin
   * model (corpus adaptation may train word vectors) run at once: ftsSeconds and postingsSeconds say when each
   * index was complete, counted from the import's end; preVectorsSeconds is that whole phase, up to the first
   * stored vector;
   * vectorsSeconds: embedding, vector rows and ANN inserts; tailSeconds: saving the ANN file and closing.
   */
  stages: {
    importSeconds: number;
    ftsSeconds: number | null;
    postingsSeconds: number | null;
    preVectorsSeconds: number | null;
    vectorsSeconds: number | null;
    tailSeconds: number | null;
  };
}

/** Reads progress from the child's database with short read-only queries; null until the tables exist. */
class Monitor {
  private db: SqliteDatabase.Database | null = null;
  constructor(private readonly file: string) {}

  private postings(): number {
    try {
      return Number((JSON.parse(readFileSync(join(this.file, "..", "postings", "manifest.json"), "utf8")) as { indexedSeq?: number }).indexedSeq ?? 0);
    } catch {
      return 0;
    }
  }

  sample(t: number): Sample | null {
    try {
      if (!this.db) {
        if (!existsSync(this.file)) return null;
        this.db = new SqliteDatabase(this.file, { readonly: true, fileMustExist: true });
        this.db.pragma("busy_timeout = 200");
      }
      const one = (q: string): number => {
        try {
          const row = this.db!.prepare(q).get() as { n: number | null } | undefined;
          return Number(row?.n ?? 0);
        } catch {
          return 0;
        }
      };
      return {
        t,
        papers: one("SELECT max(seq) AS n FROM papers"),
        fts: one("SELECT indexed_seq AS n FROM search_index_state WHERE name = 'fts'"),
        postings: this.postings(),
        // Not only the active model: a hub adapting the builtin model builds its vectors as 'building', then switches.
        vectors: one("SELECT max(indexed_seq) AS n FROM embedding_models WHERE state <> 'retired'"),
      };
    } catch {
      this.close();
      return null;
    }
  }

  close(): void {
    try {
      this.db?.close();
    } catch {
      // ignore
    }
    this.db = null;
  }
}

let activeChild: ReturnType<typeof spawn> | null = null;

async function runImport(file: string, dataDir: string, workDir: string, n: number): Promise<ImportRun> {
  const useTime = existsSync("/usr/bin/time");
  const cmd = useTime ? "/usr/bin/time" : process.execPath;
  const args = [...(useTime ? ["-v", process.execPath] : []), CLI, "import", file, "--json"];
  const started = performance.now();
  const child = spawn(cmd, args, {
    cwd: workDir,
    env: cleanEnv({ PAPERBOARD_DATA_DIR: dataDir, PAPERBOARD_LOG_LEVEL: "warn" }),
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so an interrupt of the bench can stop node under /usr/bin/time too
  });
  activeChild = child;
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));

  const monitor = new Monitor(join(dataDir, "paperboard.db"));
  const samples: Sample[] = [];
  let lastPrint = 0;
  const timer = setInterval(() => {
    const t = (performance.now() - started) / 1000;
    const s = monitor.sample(t);
    if (!s) return;
    samples.push(s);
    if (t - lastPrint >= 15) {
      lastPrint = t;
      say(`  [${fmt(t).padStart(5)} s] ${progressLine(samples, n)}`);
    }
  }, 1000);

  const code: number | null = await new Promise((res) => child.on("close", (c) => res(c)));
  clearInterval(timer);
  monitor.close();
  activeChild = null;
  const wallSeconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    say(stderr.slice(-4000));
    throw new Error(`import exited with ${code}`);
  }
  const summary = JSON.parse(stdout) as ImportRun["summary"];
  const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const timePeakRssMB = m ? mb(Number(m[1]) * 1024) : null;
  const warnings = stderr
    .split("\n")
    .filter((l) => l.trim() && !/^\s/.test(l) && !l.startsWith("Command being timed"))
    .slice(0, 10);
  if (warnings.length) say(`  child stderr:\n    ${warnings.join("\n    ")}`);

  // Stage split from the samples: the import ends with the child's own `seconds`; FTS when its watermark
  // reaches the last paper; embedding + ANN when the vector watermark does; the tail is saving and closing.
  const top = samples.length ? samples[samples.length - 1]!.papers : 0;
  const firstAt = (pred: (s: Sample) => boolean) => samples.find(pred)?.t ?? null;
  const importEnd = wallSeconds - (summary.indexSeconds ?? 0); // the index stage ends the run, so its start is the import's end
  const ftsDone = top > 0 ? firstAt((s) => s.fts >= top) : null;
  const postingsDone = top > 0 ? firstAt((s) => s.postings >= top) : null;
  const vecDone = top > 0 ? firstAt((s) => s.vectors >= top) : null;
  const vecStart = firstAt((s) => s.vectors > 0);
  const stages = {
    importSeconds: summary.seconds ?? importEnd,
    ftsSeconds: ftsDone !== null ? Math.max(0, ftsDone - importEnd) : null,
    postingsSeconds: postingsDone !== null ? Math.max(0, postingsDone - importEnd) : null,
    preVectorsSeconds: vecStart !== null ? Math.max(0, vecStart - importEnd) : null,
    vectorsSeconds: vecStart !== null && vecDone !== null ? Math.max(0, vecDone - vecStart) : null,
    tailSeconds: vecDone !== null ? Math.max(0, wallSeconds - vecDone) : null,
  };
  return { wallSeconds, summary, timePeakRssMB, stages };
}

function progressLine(samples: Sample[], n: number): string {
  const s = samples[samples.length - 1]!;
  const back = samples.find((x) => x.t >= s.t - 15) ?? samples[0]!;
  const dt = Math.max(0.001, s.t - back.t);
  const top = s.papers;
  let stage: string;
  let done: number;
  let before: number;
  if (s.fts === 0 && s.vectors === 0 && top < n) {
    stage = "importing";
    done = top;
    before = back.papers;
  } else if (s.vectors === 0) {
    return `text indexes and model choice at once: papers ${fmt(top)}, FTS ${fmt(s.fts)}, postings ${fmt(s.postings)} (written per segment), no vector yet`;
  } else if (s.vectors < top) {
    stage = "embed+ANN";
    done = s.vectors;
    before = back.vectors;
  } else {
    return `papers ${fmt(top)}, FTS ${fmt(s.fts)}, vectors ${fmt(s.vectors)}: saving / closing`;
  }
  const rate = (done - before) / dt;
  const eta = rate > 0 ? ` (stage ETA ${fmt((n - done) / rate)} s)` : "";
  return `${stage}: ${fmt(done)} / ${fmt(n)} at ${fmt(rate)}/s${eta}; papers ${fmt(top)}, FTS ${fmt(s.fts)}, vectors ${fmt(s.vectors)}`;
}

// ---------------------------------------------------------------- disk and db breakdown

function diskUsage(dataDir: string): { dbMB: number; vectorsMB: number; postingsMB: number; otherMB: number } {
  let db = 0;
  let vectors = 0;
  let postings = 0;
  let other = 0;
  const walk = (dir: string, into: (b: number) => void) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p, into);
      else if (e.isFile()) into(statSync(p).size);
    }
  };
  for (const e of readdirSync(dataDir, { withFileTypes: true })) {
    const p = join(dataDir, e.name);
    if (e.isDirectory()) walk(p, e.name === "vectors" ? (b) => (vectors += b) : e.name === "postings" ? (b) => (postings += b) : (b) => (other += b));
    else if (/^paperboard\.db(-wal|-shm)?$/.test(e.name)) db += statSync(p).size;
    else other += statSync(p).size;
  }
  return { dbMB: mb(db), vectorsMB: mb(vectors), postingsMB: mb(postings), otherMB: mb(other) };
}

/** Bytes per table and index inside the SQLite file (dbstat), grouped: papers, FTS, vectors, rest. */
function dbBreakdown(file: string): Record<string, number> | null {
  try {
    const db = new SqliteDatabase(file, { readonly: true });
    try {
      const rows = db.prepare("SELECT name, sum(pgsize) AS bytes FROM dbstat GROUP BY name").all() as { name: string; bytes: number }[];
      const out: Record<string, number> = { papers: 0, fts: 0, vectors: 0, other: 0 };
      for (const r of rows) {
        const g = r.name.startsWith("papers_fts") ? "fts" : /vector/.test(r.name) ? "vectors" : /^(papers|sqlite_autoindex_papers)/.test(r.name) ? "papers" : "other";
        out[g]! += mb(r.bytes);
      }
      return out;
    } finally {
      db.close();
    }
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------- one size

interface SizeResult {
  size: number;
  corpusMB: number;
  corpusSeconds: number;
  import: {
    wallSeconds: number;
    papersPerSecond: number;
    inserted: number | undefined;
    rejected: unknown;
    importSeconds: number | undefined;
    indexSeconds: number | undefined;
    indexed: number | undefined;
    embedded: number | undefined;
    peakRssMB: number | null;
    peakRssSource: string;
    stages: ImportRun["stages"];
  };
  disk: { dbMB: number; vectorsMB: number; postingsMB: number; otherMB: number; dbTablesMB: Record<string, number> | null };
  query: QueryPhase;
}

async function runSize(n: number, model: CorpusModel, queries: string[], base: string): Promise<SizeResult> {
  const work = join(base, `n${n}`);
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  const file = join(work, "corpus.jsonl");
  const dataDir = join(work, "data");
  try {
    say(`\n=== ${fmt(n)} papers ===`);
    const tg = performance.now();
    const { bytes } = await writeKaggleJsonl(model, n, 42, file);
    const corpusSeconds = (performance.now() - tg) / 1000;
    say(`corpus: ${fmt(mb(bytes))} MB in ${fmt(corpusSeconds, 1)} s (not counted)`);

    say(`import + index + embed (node dist/cli/main.js import --json)…`);
    const imp = await runImport(file, dataDir, work, n);
    // The CLI's peakRssMB is maxRSS / 1024 (MiB); converted to MB like the rest.
    const peak = imp.timePeakRssMB ?? (imp.summary.peakRssMB !== undefined ? (imp.summary.peakRssMB * 1_048_576) / 1e6 : null);
    const papersPerSecond = n / imp.wallSeconds;
    say(
      `  ${fmt(imp.wallSeconds, 1)} s wall = ${fmt(papersPerSecond)} papers/s; inserted ${fmt(imp.summary.inserted ?? 0)}, indexed ${fmt(imp.summary.indexed ?? 0)}, embedded ${fmt(imp.summary.embedded ?? 0)}; ` +
        `child: import ${fmt(imp.summary.seconds ?? 0, 1)} s + index ${fmt(imp.summary.indexSeconds ?? 0, 1)} s; peak RSS ${peak === null ? "?" : fmt(peak)} MB`,
    );
    const st = imp.stages;
    const opt = (x: number | null) => (x === null ? "?" : fmt(x, 1));
    say(
      `  stages (±1 s): import ${fmt(st.importSeconds, 1)} s, FTS ‖ postings ‖ model choice ${opt(st.preVectorsSeconds)} s ` +
        `(FTS complete at +${opt(st.ftsSeconds)} s, postings at +${opt(st.postingsSeconds)} s), embed+ANN+vector rows ${opt(st.vectorsSeconds)} s, ANN save/close ${opt(st.tailSeconds)} s`,
    );

    const disk = diskUsage(dataDir);
    say(`disk: db ${fmt(disk.dbMB)} MB (incl. -wal/-shm), vectors/ ${fmt(disk.vectorsMB)} MB, postings/ ${fmt(disk.postingsMB)} MB, other ${fmt(disk.otherMB)} MB`);

    say(`queries: ${queries.length} × ${MODES.join(", ")} in a fresh process…`);
    const qfile = join(work, "queries.json");
    writeFileSync(qfile, JSON.stringify(queries));
    const annFiles = () => {
      const dir = join(dataDir, "vectors");
      return existsSync(dir) ? readdirSync(dir).map((f) => `${f}:${statSync(join(dir, f)).mtimeMs}`).join(",") : "";
    };
    const annBefore = annFiles();
    const query = await runQueryPhase(dataDir, qfile, work);
    if (annFiles() !== annBefore) say(`  WARNING: the query process rewrote the ANN file on open (a rebuild: engine open time and RSS include it)`);
    say(`  engine open ${fmt(query.openSeconds, 2)} s (${fmt(query.vectors)} vectors); catchUp ${JSON.stringify(query.catchUp)} in ${fmt(query.catchUpSeconds, 2)} s`);
    for (const mode of MODES) {
      const f = query.modes[mode];
      say(
        `  ${mode.padEnd(8)} p50 ${fmt(f.p50, 2)}  p95 ${fmt(f.p95, 2)}  p99 ${fmt(f.p99, 2)}  mean ${fmt(f.mean, 2)}  max ${fmt(f.max, 1)} ms; ` +
          `${f.errors} errors, ${f.zeroResults} empty, ${fmt(f.meanResults, 1)} results on average, answered as ${f.answeredAs.join("/")}` +
          (f.firstError ? `; first error ${f.firstError}` : ""),
      );
      say(`           slowest: ${f.slowest.map((x) => `${JSON.stringify(x.q)} ${fmt(x.ms)} ms`).join(", ")}`);
    }
    say(`  RSS after open ${fmt(query.rssAfterOpenMB)} MB, after queries ${fmt(query.rssAfterQueriesMB)} MB, maxRSS ${fmt(query.maxRssMB)} MB`);
    const pr = query.probe;
    if (pr) {
      say(
        `  ANN recall@100 against an exact scan: ${pr.recallAt100.toFixed(3)} (${RECALL_QUERIES} queries)\n` +
        `  probe on ${fmt(pr.papers)} papers (${pr.dims} dims): builtin embed ${fmt(pr.embedPerSecond)}/s (1 thread); ANN insert ${fmt(pr.annFreshInsertPerSecond)}/s into an empty index, ` +
          `${pr.annFullInsertPerSecond === null ? "?" : fmt(pr.annFullInsertPerSecond)}/s into a copy of the ${fmt(pr.annFullSize)}-vector index`,
      );
      const vs = imp.stages.vectorsSeconds;
      if (vs) {
        const embedS = n / pr.embedPerSecond;
        const annS = pr.annFullInsertPerSecond ? n / ((pr.annFreshInsertPerSecond + pr.annFullInsertPerSecond) / 2) : n / pr.annFreshInsertPerSecond;
        say(`  embed+ANN stage ${fmt(vs)} s ≈ embedding ~${fmt(embedS)} s + ANN insert ~${fmt(annS)} s + the rest (reads, vector rows, waits) ~${fmt(Math.max(0, vs - embedS - annS))} s (estimates)`);
      }
    }

    const dbTablesMB = dbBreakdown(join(dataDir, "paperboard.db"));
    if (dbTablesMB) say(`  db contents: ${Object.entries(dbTablesMB).map(([k, v]) => `${k} ${fmt(v)} MB`).join(", ")}`);

    return {
      size: n,
      corpusMB: mb(bytes),
      corpusSeconds,
      import: {
        wallSeconds: imp.wallSeconds,
        papersPerSecond,
        inserted: imp.summary.inserted,
        rejected: imp.summary.rejected,
        importSeconds: imp.summary.seconds,
        indexSeconds: imp.summary.indexSeconds,
        indexed: imp.summary.indexed,
        embedded: imp.summary.embedded,
        peakRssMB: peak,
        peakRssSource: imp.timePeakRssMB !== null ? "/usr/bin/time -v" : "import --json peakRssMB",
        stages: imp.stages,
      },
      disk: { ...disk, dbTablesMB },
      query,
    };
  } finally {
    if (!keep) rmSync(work, { recursive: true, force: true });
    else say(`kept ${work}`);
  }
}

async function runQueryPhase(dataDir: string, queriesFile: string, cwd: string): Promise<QueryPhase> {
  const child = spawn(process.execPath, [...process.execArgv, SCRIPT, "--query-phase", dataDir, queriesFile], {
    cwd,
    env: cleanEnv({}),
    stdio: ["ignore", "pipe", "inherit"],
  });
  activeChild = child;
  let stdout = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  const code: number | null = await new Promise((res) => child.on("close", (c) => res(c)));
  activeChild = null;
  if (code !== 0) throw new Error(`query phase exited with ${code}`);
  return JSON.parse(stdout.trim().split("\n").pop()!) as QueryPhase;
}

// ---------------------------------------------------------------- report

function table(results: SizeResult[], source: string): string {
  const header = ["", ...results.map((r) => `${fmt(r.size)} papers`), "target (1M)", "1M met?"];
  const at1M = results.find((r) => r.size === 1_000_000);
  const rows: string[][] = [];
  const row = (label: string, get: (r: SizeResult) => string, target = "", met?: (r: SizeResult) => boolean) =>
    rows.push([label, ...results.map(get), target, met ? (at1M ? (met(at1M) ? "met" : "NOT met") : "(no 1M run)") : ""]);
  const opt = (x: number | null | undefined, d = 1) => (x === null || x === undefined ? "?" : fmt(x, d));

  row("import+index+embed papers/s", (r) => fmt(r.import.papersPerSecond), `>= ${fmt(TARGETS.papersPerSecond)}`, (r) => r.import.papersPerSecond >= TARGETS.papersPerSecond);
  row("  wall time s", (r) => fmt(r.import.wallSeconds, 1));
  row("  stage: import s", (r) => opt(r.import.stages.importSeconds));
  row("  stage: FTS ‖ postings ‖ model s", (r) => opt(r.import.stages.preVectorsSeconds));
  row("    FTS index complete at +s", (r) => opt(r.import.stages.ftsSeconds));
  row("    postings complete at +s", (r) => opt(r.import.stages.postingsSeconds));
  row("  stage: embed+ANN s", (r) => opt(r.import.stages.vectorsSeconds));
  row("  stage: ANN save/close s", (r) => opt(r.import.stages.tailSeconds));
  row("ANN recall@100 vs exact", (r) => (r.query.probe ? r.query.probe.recallAt100.toFixed(3) : "?"));
  row("db MB (incl. -wal)", (r) => fmt(r.disk.dbMB));
  row("vectors/ MB", (r) => fmt(r.disk.vectorsMB));
  row("postings/ MB", (r) => fmt(r.disk.postingsMB));
  row("import peak RSS MB", (r) => opt(r.import.peakRssMB, 0), `< ${fmt(TARGETS.rssMB)}`, (r) => (r.import.peakRssMB ?? Infinity) < TARGETS.rssMB);
  row("query-process RSS MB (now/max)", (r) => `${fmt(r.query.rssAfterQueriesMB)} / ${fmt(r.query.maxRssMB)}`, `< ${fmt(TARGETS.rssMB)}`, (r) => r.query.maxRssMB < TARGETS.rssMB);
  for (const mode of MODES) {
    const q = (r: SizeResult) => r.query.modes[mode];
    row(`${mode} p50 ms`, (r) => fmt(q(r).p50, 2), mode === "hybrid" ? `< ${TARGETS.hybridP50Ms}` : "", mode === "hybrid" ? (r) => q(r).p50 < TARGETS.hybridP50Ms : undefined);
    row(`${mode} p95 ms`, (r) => fmt(q(r).p95, 2));
    row(`${mode} p99 ms`, (r) => fmt(q(r).p99, 2), mode === "hybrid" ? `< ${TARGETS.hybridP99Ms}` : "", mode === "hybrid" ? (r) => q(r).p99 < TARGETS.hybridP99Ms : undefined);
    row(`${mode} mean ms`, (r) => fmt(q(r).mean, 2));
  }
  const widths = header.map((_, c) => Math.max(header[c]!.length, ...rows.map((r) => r[c]!.length)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join("  ");
  return [`search bench (${source}; ${results[0]?.query.modes.hybrid.queries ?? 0} queries a mode, limit 20, prefix off)`, line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

// ---------------------------------------------------------------- main

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const keep = args.includes("--keep");

if (args[0] === "--query-phase") {
  await queryPhase(args[1]!, args[2]!);
  process.exit(0);
}

const sizes = (flag("--sizes") ?? "100000,1000000").split(",").map((s) => Number(s.replace(/_/g, "").trim()));
const queryCount = Number(flag("--queries") ?? 200);
const asJson = args.includes("--json");
if (sizes.some((n) => !Number.isInteger(n) || n <= 0) || !Number.isInteger(queryCount) || queryCount <= 0) {
  say("usage: search-bench [--sizes 100000,1000000] [--queries 200] [--keep] [--dir PATH] [--json]");
  process.exit(2);
}
if (!existsSync(CLI)) {
  say(`${CLI} is missing: run \`npm run build\` first (npm run bench:search does)`);
  process.exit(2);
}
const userDir = flag("--dir");
const base = userDir ? resolve(userDir) : mkdtempSync(join(tmpdir(), "pb-search-bench-"));
mkdirSync(base, { recursive: true });

const cleanup = () => {
  if (activeChild?.pid) {
    try {
      process.kill(-activeChild.pid, "SIGTERM"); // the import runs in its own process group
    } catch {
      activeChild.kill("SIGTERM");
    }
  }
  if (!keep) {
    if (userDir) for (const n of sizes) rmSync(join(base, `n${n}`), { recursive: true, force: true });
    else rmSync(base, { recursive: true, force: true });
  }
};
process.on("SIGINT", () => {
  say("\ninterrupted: stopping the child and removing the bench files");
  cleanup();
  process.exit(130);
});

const tm = performance.now();
const model = await loadLanguageModel();
const source = model.fromSharedData ? "vocabulary from ../shared/data" : "built-in fallback vocabulary";
say(`corpus model: ${source} (${model.source}), loaded in ${fmt((performance.now() - tm) / 1000, 1)} s`);
const queries = benchQueries(model, queryCount, 7);
say(`queries: ${queries.length}, e.g. ${queries.slice(0, 4).map((q) => JSON.stringify(q)).join(", ")}`);

const results: SizeResult[] = [];
try {
  for (const n of sizes) results.push(await runSize(n, model, queries, base));
} finally {
  cleanup();
}

const report = table(results, source);
if (asJson) {
  say("\n" + report);
  console.log(JSON.stringify({ source, queries: queries.length, targets1M: TARGETS, results }, null, 2));
} else {
  console.log("\n" + report);
}
