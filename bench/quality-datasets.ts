// The evaluation sets the quality benchmark runs: the hand-made seed set and SciFact, read from ../shared/data when present.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Qrels } from "../src/search/eval/metrics.js";
import { readBeirQrels, readBeirQueries } from "../src/search/eval/beir.js";

export const SHARED_DATA = fileURLToPath(new URL("../../shared/data", import.meta.url));
const SEED_SET = fileURLToPath(new URL("./fixtures/seed-eval", import.meta.url));

export interface EvalSet {
  /** e.g. "seed/paraphrase", "scifact/train" */
  name: string;
  corpus: string;
  /** Files imported to build the corpus. */
  files: string[];
  queries: Map<string, string>;
  qrels: Map<string, Qrels>;
}

export async function loadEvalSets(which: string[]): Promise<{ sets: EvalSet[]; missing: string[] }> {
  const sets: EvalSet[] = [];
  const missing: string[] = [];
  const seedPapers = `${SHARED_DATA}/seed-papers.jsonl`;
  if (which.some((w) => w.startsWith("seed"))) {
    if (!existsSync(seedPapers)) missing.push(`${seedPapers} (seed evaluation)`);
    else {
      const q = await readBeirQueries(`${SEED_SET}/queries.jsonl`);
      const r = await readBeirQrels(`${SEED_SET}/qrels.tsv`);
      for (const kind of ["paraphrase", "keyword"] as const) {
        const name = `seed/${kind}`;
        if (!which.includes(name) && !which.includes("seed")) continue;
        const prefix = kind === "paraphrase" ? "para-" : "kw-";
        const qrels = new Map([...r.qrels].filter(([id]) => id.startsWith(prefix)));
        sets.push({ name, corpus: "seed", files: [seedPapers], queries: q.queries, qrels });
      }
    }
  }
  const scifact = `${SHARED_DATA}/scifact`;
  for (const split of ["train", "test"] as const) {
    const name = `scifact/${split}`;
    if (!which.includes(name)) continue;
    if (!existsSync(`${scifact}/corpus.jsonl`)) {
      missing.push(`${scifact} (SciFact)`);
      continue;
    }
    const q = await readBeirQueries(`${scifact}/queries.jsonl`);
    const r = await readBeirQrels(`${scifact}/qrels/${split}.tsv`);
    sets.push({ name, corpus: "scifact", files: [`${scifact}/corpus.jsonl`], queries: q.queries, qrels: r.qrels });
  }
  return { sets, missing };
}
