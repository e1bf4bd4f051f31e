// Benchmark: a full import of a synthetic Kaggle arXiv snapshot into SQLite (store only, --no-index); prints records/s and peak RSS.
//
// Usage: npm run bench:import [-- --records N] [--keep]
// The file is generated with realistic field lengths (title ~80 chars, abstract
// ~1,000, 1-12 authors, 1-3 versions) and imported by the real CLI in a child
// process, so the figures are those a user sees. Target: >= 20,000 records/s,
// peak RSS < 500 MB.
import { spawnSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { once } from "node:events";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const args = process.argv.slice(2);
const records = Number(args[args.indexOf("--records") + 1] ?? 0) || Number(process.env.PAPERBOARD_BENCH_RECORDS ?? 1_000_000);
const keep = args.includes("--keep");

// A deterministic generator so runs are comparable.
let seed = 42;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const WORDS =
  "model learning neural network data training language large transformer attention graph optimization method results performance propose approach show task tasks benchmark state art framework diffusion image video reinforcement policy agent reasoning evaluation dataset quantum field theory spin lattice energy galaxy stellar mass".split(
    " ",
  );
const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rand() * WORDS.length)]).join(" ");
const CATS = ["cs.LG", "cs.CL", "cs.CV", "cs.AI", "stat.ML", "hep-th", "quant-ph", "math.OC", "astro-ph.GA", "cond-mat.str-el"];
const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function record(i: number): string {
  // Like the real snapshot, ids ascend through the file: 20,000 papers a month from 1001 on.
  const month = Math.floor(i / 20_000);
  const yymm = `${String(10 + Math.floor(month / 12)).padStart(2, "0")}${String((month % 12) + 1).padStart(2, "0")}`;
  const id = `${yymm}.${String(i % 20_000).padStart(5, "0")}`;
  const nAuthors = 1 + Math.floor(rand() * 12);
  const parsed = Array.from({ length: nAuthors }, (_, k) => [`Lastname${k}${i % 997}`, `F. M.`, ""]);
  const nVersions = 1 + Math.floor(rand() * 3);
  const versions = Array.from({ length: nVersions }, (_, v) => ({
    version: `v${v + 1}`,
    created: `${DAYS[v % 5]}, ${1 + (i % 28)} ${MONTHS[i % 12]} 20${yymm.slice(0, 2)} 1${v}:18:42 GMT`,
  }));
  const cats = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => CATS[Math.floor(rand() * CATS.length)]).join(" ");
  return JSON.stringify({
    id,
    submitter: "Synthetic Submitter",
    authors: parsed.map((a) => `${a[1]} ${a[0]}`).join(", "),
    title: words(10 + Math.floor(rand() * 6)),
    comments: rand() < 0.6 ? `${Math.floor(rand() * 40)} pages, ${Math.floor(rand() * 12)} figures` : null,
    "journal-ref": rand() < 0.2 ? "Phys.Rev.D76:013009,2007" : null,
    doi: rand() < 0.2 ? `10.1103/PhysRevD.${i}` : null,
    "report-no": null,
    categories: cats,
    license: rand() < 0.5 ? "http://creativecommons.org/licenses/by/4.0/" : null,
    abstract: "  " + words(130 + Math.floor(rand() * 60)) + "\n",
    versions,
    update_date: `20${yymm.slice(0, 2)}-${yymm.slice(2)}-15`,
    authors_parsed: parsed,
  });
}

async function generate(file: string): Promise<void> {
  const out = createWriteStream(file);
  for (let i = 0; i < records; i++) {
    if (!out.write(record(i) + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

const root = fileURLToPath(new URL("..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "pb-bench-"));
const file = join(dir, "kaggle-synthetic.jsonl");
try {
  process.stderr.write(`generating ${records.toLocaleString("en")} Kaggle-format records…\n`);
  await generate(file);
  const mb = statSync(file).size / 1e6;
  process.stderr.write(`generated ${mb.toFixed(0)} MB; importing into SQLite…\n`);
  const started = Date.now();
  const r = spawnSync(process.execPath, [join(root, "dist/cli/main.js"), "import", file, "--json", "--no-index", "--data", join(dir, "data")], {
    encoding: "utf8",
    env: { ...process.env, PAPERBOARD_LOG_LEVEL: "warn" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall = (Date.now() - started) / 1000;
  if (r.status !== 0) {
    process.stderr.write(r.stderr);
    throw new Error(`import exited with ${r.status}`);
  }
  const s = JSON.parse(r.stdout);
  const rate = Math.round(s.inserted / wall);
  const result = {
    records,
    inputMB: Math.round(mb),
    inserted: s.inserted,
    rejected: s.rejected,
    seconds: Number(wall.toFixed(1)),
    recordsPerSecond: rate,
    peakRssMB: s.peakRssMB,
    targets: { recordsPerSecond: 20_000, peakRssMB: 500 },
    pass: rate >= 20_000 && s.peakRssMB < 500,
  };
  console.log(JSON.stringify(result, null, 2));
  console.log(`import: ${rate.toLocaleString("en")} records/s, peak RSS ${s.peakRssMB} MB (${records.toLocaleString("en")} records, ${wall.toFixed(1)} s)`);
} finally {
  if (!keep) rmSync(dir, { recursive: true, force: true });
  else process.stderr.write(`kept ${dir}\n`);
}
