// Benchmark: server time of the daily page with 100,000 papers over two years of feed days in a temporary SQLite store.
//
// Usage: npm run bench:web [-- --papers N] [--requests N]
// Papers are generated deterministically (realistic title, abstract and
// author lengths; a tenth of titles with LaTeX; thumbnails, organisations,
// stars and votes on part of them) and spread over 730 feed days, weekdays
// busier than weekends, with one launch day about three times the usual. The
// page is requested through app.request() (routing, middleware, queries,
// rendering, no socket), after a warm-up, and p50/p95/p99 are printed.
// Target: p50 under 20 ms for /papers?date=<the busiest day>.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { addDays } from "../src/domain/feed-day.js";
import type { ImportRecord } from "../src/domain/paper.js";
import { periodOf } from "../src/feed/feed-period.js";
import { FeedService } from "../src/feed/feed-service.js";
import { createLogger } from "../src/logging/logger.js";
import { FeedRepo } from "../src/storage/feed-repo.js";
import { openStore } from "../src/storage/open-store.js";
import { createWebApp } from "../src/web/app.js";

const args = process.argv.slice(2);
const arg = (name: string, fallback: number) => Number(args[args.indexOf(`--${name}`) + 1] ?? 0) || fallback;
const PAPERS = arg("papers", Number(process.env.PAPERBOARD_BENCH_PAPERS ?? 100_000));
const REQUESTS = arg("requests", 200);
const WARMUP = 30;
const DAYS = 730;
const FIRST_DAY = "2023-01-02";
const BATCH = 2000;

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
const WORDS =
  "model learning neural network data training language large transformer attention graph optimization method results performance propose approach show task benchmark state framework diffusion image video reinforcement policy agent reasoning evaluation dataset scaling retrieval alignment sparse efficient multimodal".split(" ");
const words = (n: number) => Array.from({ length: n }, () => pick(WORDS)).join(" ");
const CATS = ["cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML", "cs.RO", "eess.IV"];
const ORGS = ["deepmind", "meta-ai", "openai", "allenai", "nvidia", "mila", "tsinghua", "stanford"];

/** Papers per day: weekends a third of weekdays, one launch day three times a weekday; sums to PAPERS. */
function dayWeights(): number[] {
  const w = Array.from({ length: DAYS }, (_, d) => {
    const dow = new Date(`${addDays(FIRST_DAY, d)}T00:00:00Z`).getUTCDay();
    return (dow === 0 || dow === 6 ? 0.33 : 1) * (0.8 + 0.4 * rand());
  });
  w[400] = 3;
  const sum = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / sum);
}

function record(i: number, day: string): ImportRecord {
  const id = `${day.slice(2, 4)}${day.slice(5, 7)}.${String(i).padStart(6, "0")}`;
  const math = rand() < 0.1 ? ` with $O(n^{${1 + Math.floor(rand() * 3)}})$ cost` : "";
  const hasCode = rand() < 0.4;
  return {
    paper: {
      id,
      version: 1,
      title: `${words(6 + Math.floor(rand() * 6))}${math}`,
      abstract: words(120 + Math.floor(rand() * 80)),
      authors: Array.from({ length: 2 + Math.floor(rand() * 10) }, (_, k) => ({ name: `Author${k} Lastname${i % 991}` })),
      categories: [pick(CATS), pick(CATS)].filter((c, k, all) => all.indexOf(c) === k),
      primaryCategory: null,
      publishedAt: `${addDays(day, -1)}T12:00:00.000Z`,
      updatedAt: null,
      comments: null,
      journalRef: null,
      doi: null,
      license: null,
      links: { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
      source: "hf-daily",
    },
    hub: {
      feedDay: day,
      submittedAt: `${addDays(day, -1)}T${String(Math.floor(rand() * 24)).padStart(2, "0")}:00:00.000Z`,
      submittedBy: { name: `user${i % 500}`, fullname: `User ${i % 500}` },
      upvotes: Math.floor(rand() ** 3 * 300),
      numComments: Math.floor(rand() ** 2 * 10),
      ...(rand() < 0.3 ? { organization: { name: pick(ORGS) } } : {}),
      ...(hasCode ? { githubRepo: `https://github.com/example/repo${i}`, githubStars: Math.floor(rand() * 5000) } : {}),
      ...(rand() < 0.5 ? { thumbnail: `https://cdn.example.org/thumbs/${id}.png` } : {}),
    },
  };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function measure(app: { request: (p: string) => Response | Promise<Response> }, path: string, n: number) {
  for (let i = 0; i < WARMUP; i++) await (await app.request(path)).text();
  const times: number[] = [];
  let status = 0;
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await app.request(path);
    await res.text();
    times.push(performance.now() - t);
    status = res.status;
  }
  times.sort((a, b) => a - b);
  const f = (x: number) => x.toFixed(1).padStart(6);
  console.log(`${path.padEnd(34)} ${status}  p50 ${f(quantile(times, 0.5))} ms  p95 ${f(quantile(times, 0.95))} ms  p99 ${f(quantile(times, 0.99))} ms  (${n} requests)`);
  return quantile(times, 0.5);
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "pb-web-bench-"));
  const store = await openStore({ dataDir: dir });
  try {
    const weights = dayWeights();
    const perDay = weights.map((w) => Math.round(w * PAPERS));
    const t0 = performance.now();
    let batch: ImportRecord[] = [];
    let n = 0;
    for (let d = 0; d < DAYS; d++) {
      const day = addDays(FIRST_DAY, d);
      for (let k = 0; k < perDay[d]!; k++) {
        batch.push(record(n++, day));
        if (batch.length === BATCH) {
          await store.upsertPapers(batch);
          batch = [];
        }
      }
    }
    if (batch.length) await store.upsertPapers(batch);
    const busiest = perDay.indexOf(Math.max(...perDay));
    const busyDay = addDays(FIRST_DAY, busiest);
    console.log(`${n.toLocaleString("en")} papers over ${DAYS} feed days inserted in ${((performance.now() - t0) / 1000).toFixed(1)} s; busiest day ${busyDay} (${perDay[busiest]} papers)`);

    const feed = new FeedService(new FeedRepo(store), store, {
      rule: { timeZone: "UTC", rolloverHour: 17 },
      clock: () => new Date(`${addDays(FIRST_DAY, DAYS - 1)}T12:00:00Z`),
    });
    const app = createWebApp({ store, log: createLogger({ level: "silent", format: "json" }), feed });
    const p50 = await measure(app, `/papers?date=${busyDay}`, REQUESTS);
    await measure(app, `/papers?week=${periodOf("week", busyDay).key}`, 50);
    await measure(app, `/papers?month=${busyDay.slice(0, 7)}`, 50);
    await measure(app, "/papers/trending", 50);
    console.log(`target: daily page p50 < 20 ms: ${p50 < 20 ? "met" : "NOT met"}`);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
