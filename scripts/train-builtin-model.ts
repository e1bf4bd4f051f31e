// Trains the builtin embedding model shipped in models/: domain word vectors from real paper abstracts.
//
// Usage: npx tsx scripts/train-builtin-model.ts [--data ../shared/data] [--out models/paperboard-sif-v1.bin]
//
// Input: the Daily Papers API responses in <data>/hf-daily-papers/raw (JSON
// arrays of daily items; files that are not valid JSON are skipped) and the
// Kaggle arXiv sample in <data>/arxiv-samples. Papers whose title is in
// <data>/seed-papers.jsonl are left out so the seed evaluation set measures
// generalisation, not memory. The recipe (PPMI, window 8, 256 dimensions,
// SIF weights) is in src/search/embed/builtin/train-word-vectors.ts.
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { contentTokens } from "../src/search/embed/builtin/text-tokens.js";
import { trainWordVectors } from "../src/search/embed/builtin/train-word-vectors.js";
import { fromTrained, writeWordVectors } from "../src/search/embed/builtin/word-vector-file.js";

const { values } = parseArgs({ options: { data: { type: "string", default: "../shared/data" }, out: { type: "string", default: "models/paperboard-sif-v1.bin" } } });
const data = values.data!;
const norm = (t: string) => t.toLowerCase().replace(/\s+/g, " ").trim();
const held = new Set<string>();
if (existsSync(join(data, "seed-papers.jsonl"))) {
  for (const line of readFileSync(join(data, "seed-papers.jsonl"), "utf8").split("\n")) if (line.trim()) held.add(norm(JSON.parse(line).title));
}
const seen = new Set<string>();
const docs: string[][] = [];
const add = (title: unknown, abstract: unknown) => {
  if (typeof title !== "string" || !title.trim()) return;
  const key = norm(title);
  if (held.has(key) || seen.has(key)) return;
  seen.add(key);
  docs.push(contentTokens(`${title}. ${typeof abstract === "string" ? abstract : ""}`));
};
const rawDir = join(data, "hf-daily-papers/raw");
let skipped = 0;
for (const f of readdirSync(rawDir).sort()) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(join(rawDir, f), "utf8"));
  } catch {
    skipped++;
    continue;
  }
  const items = Array.isArray(parsed) ? parsed : ((parsed as { data?: unknown[] }).data ?? []);
  for (const e of items) {
    const p = (e as { paper?: { title?: unknown; summary?: unknown } } | null)?.paper;
    if (p) add(p.title, p.summary);
  }
}
const samples = join(data, "arxiv-samples");
if (existsSync(samples)) {
  for (const f of readdirSync(samples).filter((x) => x.endsWith(".jsonl"))) {
    for (const line of readFileSync(join(samples, f), "utf8").split("\n")) if (line.trim()) add(JSON.parse(line).title, JSON.parse(line).abstract);
  }
}
console.log(`training on ${docs.length} abstracts (${skipped} unreadable files skipped, ${held.size} seed titles held out)`);
const t0 = Date.now();
// Many power iterations: the randomised SVD then matches the exact one (measured on the seed set:
// 4 iterations 0.468 nDCG@10 on paraphrases, 12 0.502, exact 0.515); this runs once, offline.
const trained = trainWordVectors(docs, { powerIterations: 24, onStage: (s) => console.log(`  ${s} (${((Date.now() - t0) / 1000).toFixed(1)} s)`) });
const wv = fromTrained(trained, { name: "paperboard-sif-v1", trainedOn: `${docs.length} Daily Papers and arXiv abstracts` });
await writeWordVectors(values.out!, wv);
console.log(`wrote ${values.out}: ${trained.words.length} words × ${trained.dims} dims in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
