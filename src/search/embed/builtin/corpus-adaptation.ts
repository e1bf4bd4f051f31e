// Word vectors learned from the hub's own papers, for fields the shipped model does not know.
//
// The shipped table was trained on machine-learning abstracts. A hub whose
// papers use other words (biomedicine, physics) gets a second table trained on
// a sample of its own papers, and the shipped one counts less, by how little
// of the hub's vocabulary it covers. Measured (bench:quality): on the seed set
// (ML; the shipped table covers 94% of the SIF-weighted word mass) adding a
// corpus table lowered hybrid nDCG@10; on SciFact (biomedical; 64% covered)
// the shipped table alone scored 0.21 semantic nDCG@10 and a corpus table
// 0.62. So: coverage 90% and above uses the shipped table alone; below, the
// corpus table joins with weight 1 − w and the shipped table keeps w, falling
// linearly to 0 at 60% coverage. The table is retrained when the hub has
// doubled since, so it follows the papers as they arrive.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { StoredPaper } from "../../../domain/paper.js";
import { contentTokens } from "./text-tokens.js";
import { trainCorpusModel, type CorpusTraining, type CorpusTrainingJob } from "./corpus-training.js";
import { startWorker, workerAnswer, workerAvailable, workerEntry } from "../../../workers/start-worker.js";
import { fromTrained, writeWordVectors, type WordVectors } from "./word-vector-file.js";

/** Fewer papers than this: too little text to learn word meanings from; the shipped table alone is used. */
export const MIN_CORPUS_PAPERS = 2_000;
/** Papers sampled for training: enough for a stable vocabulary, bounded time (seconds). */
export const MAX_TRAINING_PAPERS = 30_000;
/**
 * The corpus table's training. 192 dimensions and 3 power iterations (256 and 6 before) cut the
 * SVD, nearly all of the training time, by about 60% and every paper vector by 64 floats (measured,
 * bench:quality, SciFact train: hybrid nDCG@10 0.707 -> 0.712, semantic 0.627 -> 0.613; the seed
 * set uses no corpus table). 128 dimensions lost 0.034 semantic nDCG@10.
 */
const TRAINING = { dims: 192, powerIterations: 3, oversampling: 32, minCount: 3, maxVocab: 20_000 } as const;
/**
 * The shipped table (256 dimensions) beside a corpus table (192) makes 448-dimensional paper
 * vectors. They are projected onto the 256 directions along which the hub's papers vary most
 * (corpus-training.ts), learned on PROJECTION_SAMPLE papers of the training sample; on the 200k
 * bench those hold 99.1% of the vectors' second moment. Measured: SciFact train nDCG@10 unchanged
 * (hybrid 0.708 -> 0.709, semantic 0.612 -> 0.613, bench:quality); the graph builds about 20%
 * faster (200k papers: 54 -> 44 core-s), searches compare 256 numbers instead of 448, and each
 * stored vector is 1 KB instead of 1.8 KB: at 1M papers, 0.8 GB less in the database and 0.4 GB less
 * in the graph's memory.
 */
const PROJECTED_DIMS = 256;
const PROJECTION_SAMPLE = 10_000;
const FULL_COVERAGE = 0.9;
const NO_COVERAGE = 0.6;

export interface CorpusState {
  /** Papers in the hub when this was decided. */
  papers: number;
  /** SIF-weighted share of the hub's word mass the shipped table knows. */
  coverage: number;
  /** Weight of the shipped table (1: the corpus table is not needed). */
  shippedWeight: number;
  /** The corpus table's name (its file is <dir>/<name>.bin), or null. */
  table: string | null;
  decidedAt: string;
}

export function shippedWeightFor(coverage: number): number {
  return Math.min(1, Math.max(0, (coverage - NO_COVERAGE) / (FULL_COVERAGE - NO_COVERAGE)));
}

/** SIF-weighted share of the token mass of `docs` whose words the table knows. */
export function coverage(docs: string[][], table: WordVectors, sifA = 1e-3): number {
  const counts = new Map<string, number>();
  let total = 0;
  for (const d of docs) for (const w of d) counts.set(w, (counts.get(w) ?? 0) + 1), total++;
  let mass = 0;
  let known = 0;
  for (const [w, n] of counts) {
    const m = (n * sifA) / (sifA + n / total);
    mass += m;
    if (table.index.has(w)) known += m;
  }
  return mass > 0 ? known / mass : 1;
}

const TRAIN_WORKER = workerEntry("train-worker", import.meta.url);

/**
 * trainCorpusModel on a worker thread where one can start, else here. Training is tens of seconds
 * of arithmetic (21 s on the 30,000-paper sample of the search bench), which the search engine's
 * catch-up runs beside building its postings index instead of after it.
 */
export async function trainOffThread(job: CorpusTrainingJob): Promise<CorpusTraining> {
  if (!workerAvailable(TRAIN_WORKER)) return trainCorpusModel(job);
  return workerAnswer<CorpusTraining>(startWorker(TRAIN_WORKER, job), "training word vectors");
}

export class CorpusAdaptation {
  constructor(private readonly dir: string) {}

  private get statePath(): string {
    return join(this.dir, "corpus.json");
  }

  async state(): Promise<CorpusState | null> {
    if (!existsSync(this.statePath)) return null;
    try {
      return JSON.parse(await readFile(this.statePath, "utf8")) as CorpusState;
    } catch {
      return null;
    }
  }

  /** The builtin model name to use: the shipped one, or shipped+corpus when the hub has a corpus table. */
  async modelName(base: string): Promise<string> {
    const s = await this.state();
    return s?.table && existsSync(join(this.dir, `${s.table}.bin`)) ? `${base}+${s.table}` : base;
  }

  /** Whether the hub (now `papers` strong) should be looked at again: never decided, or doubled since. */
  async due(papers: number): Promise<boolean> {
    if (papers < MIN_CORPUS_PAPERS) return false;
    const s = await this.state();
    return !s || papers >= 2 * s.papers;
  }

  /**
   * Measures how well the shipped table covers a sample of the hub's papers
   * (up to MAX_TRAINING_PAPERS of them are used) and, when it falls short,
   * trains a corpus table on that sample. Returns
   * the new state (its `table` changes when vectors must be rebuilt).
   */
  async decide(sample: readonly StoredPaper[], total: number, shipped: WordVectors): Promise<CorpusState> {
    const texts = sample.slice(0, MAX_TRAINING_PAPERS).map((p) => `${p.title}. ${p.abstract}`);
    const docs = texts.map((t) => contentTokens(t));
    const cov = coverage(docs, shipped);
    const shippedWeight = shippedWeightFor(cov);
    let table: string | null = null;
    if (shippedWeight < 1) {
      const projection = shippedWeight > 0 ? { shipped, shippedWeight, texts: texts.slice(0, PROJECTION_SAMPLE), dims: PROJECTED_DIMS } : undefined;
      const { trained, projection: learned } = await trainOffThread({ docs, options: TRAINING, ...(projection ? { projection } : {}) });
      table = `corpus-${createHash("sha1").update(`${total}:${docs.length}:${Date.now()}`).digest("hex").slice(0, 8)}`;
      await mkdir(this.dir, { recursive: true });
      const wv = fromTrained(trained, { name: table, trainedOn: `${docs.length} papers of this hub` });
      wv.header.shippedWeight = shippedWeight;
      if (learned) {
        wv.header.projection = { from: learned.from, dims: learned.dims };
        wv.projection = learned.matrix;
      }
      await writeWordVectors(join(this.dir, `${table}.bin`), wv);
    }
    const state: CorpusState = { papers: total, coverage: Math.round(cov * 1000) / 1000, shippedWeight, table, decidedAt: new Date().toISOString() };
    await mkdir(this.dir, { recursive: true });
    await writeFile(`${this.statePath}.tmp`, JSON.stringify(state, null, 2));
    await rename(`${this.statePath}.tmp`, this.statePath);
    return state;
  }
}
