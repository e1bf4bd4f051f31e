// `npm run bench:quality`: retrieval quality per search mode on the seed evaluation set and SciFact, with the configured embedding provider.
//
// Usage: npm run bench:quality [-- --sets seed,scifact/train] (scifact/test is
// for the final report only: tune on train). Needs ../shared/data; says so and
// exits 0 when it is absent.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { loadConfig } from "../src/config/config.js";
import { importFiles } from "../src/ingest/import-files.js";
import { ImportPipeline } from "../src/ingest/import-pipeline.js";
import { createLogger } from "../src/logging/logger.js";
import { runEval } from "../src/search/eval/run-eval.js";
import { SearchEngine } from "../src/search/search-engine.js";
import { SEARCH_MODES } from "../src/search/search-service.js";
import { openStore } from "../src/storage/open-store.js";
import { loadEvalSets } from "./quality-datasets.js";

const { values } = parseArgs({ options: { sets: { type: "string", default: "seed,scifact/train" }, json: { type: "boolean", default: false } } });
const { sets, missing } = await loadEvalSets(values.sets!.split(","));
for (const m of missing) console.log(`skipped: ${m} not found`);
const log = createLogger({ level: "warn", format: "json" });
const engines = new Map<string, { engine: SearchEngine; close(): Promise<void> }>();
/** The modes, and hybrid without its re-ranking (rerank.ts), to show what that step adds. */
const NO_RERANK = "hybrid-no-rerank";
const COLUMNS = [...SEARCH_MODES, NO_RERANK] as const;
const table: Record<string, Record<string, { ndcgAt10: number; recallAt100: number }>> = {};

for (const set of sets) {
  let e = engines.get(set.corpus);
  if (!e) {
    const dir = mkdtempSync(join(tmpdir(), "pb-quality-"));
    const config = loadConfig({ overrides: { dataDir: dir } });
    const store = await openStore({ dataDir: dir });
    await importFiles(set.files, new ImportPipeline(store), { feed: { timeZone: "UTC", rolloverHour: 17 } });
    const engine = await SearchEngine.open(store, config, log);
    const t0 = Date.now();
    const r = await engine.catchUp();
    console.log(`${set.corpus}: ${r.lexical} papers indexed, ${r.vectors} embedded with ${engine.semantic()?.key} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    e = {
      engine,
      close: async () => {
        await engine.close();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    engines.set(set.corpus, e);
  }
  table[set.name] = {};
  for (const column of COLUMNS) {
    const mode = column === NO_RERANK ? "hybrid" : column;
    const rerank = column !== NO_RERANK;
    const ev = await runEval(async (text, limit) => (await e.engine.service.search(text, { mode, limit, prefix: false, rerank })).results.map((x) => x.paper.id), set.queries, set.qrels, {
      limit: 100,
    });
    table[set.name]![column] = { ndcgAt10: round(ev.mean.ndcgAt10), recallAt100: round(ev.mean.recallAt100) };
  }
}
for (const e of engines.values()) await e.close();

if (values.json) console.log(JSON.stringify(table, null, 2));
else {
  console.log(`\n${"set".padEnd(18)}${COLUMNS.map((m) => `${m} nDCG@10 / R@100`.padEnd(34)).join("")}`);
  for (const [name, row] of Object.entries(table)) {
    console.log(`${name.padEnd(18)}${COLUMNS.map((m) => `${row[m]!.ndcgAt10.toFixed(3)} / ${row[m]!.recallAt100.toFixed(3)}`.padEnd(34)).join("")}`);
  }
  const para = table["seed/paraphrase"];
  if (para) console.log(`\nparaphrase: hybrid vs lexical ${(((para.hybrid!.ndcgAt10 / para.lexical!.ndcgAt10) - 1) * 100).toFixed(1)}%`);
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
