// Benchmark: full-text search through the postings index against FTS5 alone, on a data directory the search bench kept.
//
// Usage: npm run bench:postings -- <dataDir> [--queries 200] [--fts5]
// e.g. after `npm run bench:search -- --sizes 1000000 --keep --dir /tmp/b`: npm run bench:postings -- /tmp/b/n1000000/data
//
// Catches the postings index up (building it when the directory has none, timed), then times the
// bench's fixed queries (benchQueries, seed 7, as bench:search) in lexical mode, limit 20, through the
// search service with the index; with --fts5 also without it, and counts identical top-20 lists.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { PostingsIndex } from "../src/search/postings/postings-index.js";
import { SearchService } from "../src/search/search-service.js";
import { openStore } from "../src/storage/open-store.js";
import { PostingsSource } from "../src/storage/postings-source.js";
import { benchQueries, loadLanguageModel } from "./search-corpus.js";

const args = process.argv.slice(2);
const dataDir = args.find((a) => !a.startsWith("--"));
const count = Number(args[args.indexOf("--queries") + 1] ?? 200) || 200;
if (!dataDir || !existsSync(join(dataDir, "paperboard.db"))) {
  process.stderr.write("usage: npm run bench:postings -- <dataDir with paperboard.db> [--queries 200] [--fts5]\n");
  process.exit(2);
}
const mb = () => `${(process.memoryUsage().rss / 1e6).toFixed(0)} MB`;
const store = await openStore({ dataDir });
await store.lexical.catchUp();
let t = performance.now();
const index = await PostingsIndex.open(join(dataDir, "postings"));
console.log(`loaded ${index.size().toLocaleString("en")} papers in ${((performance.now() - t) / 1000).toFixed(1)} s; RSS ${mb()}`);
t = performance.now();
const read = await index.catchUp(new PostingsSource(store.db));
console.log(`catch-up read ${read.toLocaleString("en")} papers in ${((performance.now() - t) / 1000).toFixed(1)} s; ${index.size().toLocaleString("en")} indexed; RSS ${mb()}`);

const queries = benchQueries(await loadLanguageModel(), count, 7);
const percentile = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const tops: string[][][] = [];
const engines: [string, SearchService][] = [["postings index", new SearchService(store, { postings: () => index })]];
if (args.includes("--fts5")) engines.push(["FTS5 alone", new SearchService(store)]);
for (const [name, service] of engines) {
  const run = (q: string) => service.search(q, { mode: "lexical", limit: 20, prefix: false });
  for (const q of queries.slice(0, 20)) await run(q);
  const times: number[] = [];
  const top: string[][] = [];
  for (const q of queries) {
    const s = performance.now();
    const r = await run(q);
    times.push(performance.now() - s);
    top.push(r.results.map((x) => x.paper.id));
  }
  tops.push(top);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(`${name}: p50 ${percentile(sorted, 50).toFixed(1)} ms, p95 ${percentile(sorted, 95).toFixed(1)} ms, p99 ${percentile(sorted, 99).toFixed(1)} ms (${queries.length} queries)`);
}
if (tops.length === 2) {
  const same = queries.filter((_, i) => JSON.stringify(tops[0]![i]) === JSON.stringify(tops[1]![i])).length;
  console.log(`identical top-20 lists: ${same} of ${queries.length}`);
}
await store.close();
