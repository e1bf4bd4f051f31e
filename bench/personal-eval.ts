// `npm run bench:personal`: offline evaluation of the "for you" ranking on the real Daily Papers archive, against recency and trending.
//
// The archive (../shared/data/hf-daily-papers/raw) is imported into a temp
// store through the real importer, and embedded with the builtin model by
// the real search engine. Topics come from the feed's own `ai_keywords`
// (normalised: lower case, a trailing "(acronym)" dropped, words stemmed, so
// "Diffusion Models" and "diffusion model" are one topic); keywords never
// enter the model's features (those are the vectors and the title and
// abstract words), so the labels do not leak. A simulated user is a topic and a day
// T: their likes are the topic's papers that entered the feed before the
// candidate window (the newest `--likes`, saved into a collection as a
// reader would), and the held-out papers are the topic's papers inside the
// window: the last 14 feed days up to T, the product's own window. Every
// method ranks the same candidates the product would, minus the likes.
//
// Reported per method: precision@10, nDCG@10 and recall@50, averaged over
// users; "oracle p@10" is the most any ranking could reach (held-out papers
// are few in a 14-day window). Keyword labels are incomplete (a paper on the
// topic without the keyword counts as a miss), which lowers every method alike.
//
// Usage: npm run bench:personal [-- --users 400 --likes 10 --seed 7 --json]
// Exits 0 with a message when ../shared/data is absent.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { stemmer } from "stemmer";
import { loadConfig } from "../src/config/config.js";
import { addDays, feedDayOf } from "../src/domain/feed-day.js";
import type { FeedDayRule } from "../src/domain/ingest-types.js";
import type { StoredPaper } from "../src/domain/paper.js";
import { enteredAt, rankTrending } from "../src/domain/trending.js";
import { importFiles } from "../src/ingest/import-files.js";
import { ImportPipeline } from "../src/ingest/import-pipeline.js";
import { createLogger } from "../src/logging/logger.js";
import { DEFAULT_BLEND, type BlendParams } from "../src/personal/blend.js";
import { ForYouService, type ForYouConfig } from "../src/personal/for-you-service.js";
import { DEFAULT_MODEL_PARAMS, type ModelKind } from "../src/personal/preference-model.js";
import { SearchEngine } from "../src/search/search-engine.js";
import { FeedRepo } from "../src/storage/feed-repo.js";
import { openStore } from "../src/storage/open-store.js";
import { PersonalRepo } from "../src/storage/personal-repo.js";
import type { Store } from "../src/storage/store.js";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "400" },
    likes: { type: "string", default: "10" },
    seed: { type: "string", default: "7" },
    window: { type: "string", default: "14" },
    json: { type: "boolean", default: false },
  },
});
const RAW = resolve(dirname(fileURLToPath(import.meta.url)), "../../shared/data/hf-daily-papers/raw");
if (!existsSync(RAW)) {
  console.log(`skipped: ${RAW} not found (the evaluation needs ../shared/data/hf-daily-papers beside the project)`);
  process.exit(0);
}
const RULE: FeedDayRule = { timeZone: "UTC", rolloverHour: 17 };
const WINDOW = Number(args.window);
const MAX_USERS = Number(args.users);
const LIKES = Number(args.likes);
const random = mulberry32(Number(args.seed));
/** Keywords that name a method's property rather than a subject a reader follows. */
const GENERIC = new Set(["benchmark", "generalization", "reasoning", "fine-tuning", "scalability", "efficiency", "interpretability", "robustness", "latent space", "fid", "pass@1", "inference", "llm", "llms", "language models", "gpt-4o", "transformers", "transformer"]);
const TOPIC_MIN = 30;
const TOPIC_MAX = 400;

// ---- the store, as the product builds it
const log = createLogger({ level: "warn", format: "json" });
const dir = mkdtempSync(join(tmpdir(), "pb-personal-eval-"));
const store = await openStore({ dataDir: dir });
const t0 = Date.now();
const files = readdirSync(RAW).filter((f) => f.endsWith(".json")).sort().map((f) => join(RAW, f));
const summary = await importFiles(files, new ImportPipeline(store), { feed: RULE });
const engine = await SearchEngine.open(store, loadConfig({ env: {}, overrides: { dataDir: dir } }), log);
await engine.catchUp();
console.log(`imported ${summary.read} entries (${summary.rejected} rejected) from ${files.length} files, embedded with ${engine.semantic()?.key} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

// ---- topics from ai_keywords
const papers: StoredPaper[] = [];
for await (const p of store.streamPapers()) if (p.hub?.feedDay) papers.push(p);
const entered = new Map(papers.map((p) => [p.id, enteredAt(p) ?? `${p.hub!.feedDay}T00:00:00.000Z`]));
const topics = new Map<string, { name: string; ids: string[] }>();
for (const p of papers) {
  for (const key of new Set((p.hub?.aiKeywords ?? []).map(topicKey).filter((k): k is string => k !== null))) {
    const t = topics.get(key) ?? { name: key, ids: [] };
    t.ids.push(p.id);
    topics.set(key, t);
  }
}
const chosen = [...topics.values()].filter((t) => t.ids.length >= TOPIC_MIN && t.ids.length <= TOPIC_MAX);
const onTopic = new Map(chosen.map((t) => [t.name, new Set(t.ids)]));
console.log(`${papers.length} papers on the feed; ${chosen.length} topics with ${TOPIC_MIN}-${TOPIC_MAX} papers`);

// ---- simulated users: a topic and a day
interface SimUser {
  topic: string;
  day: string;
  likes: string[];
  heldOut: Set<string>;
}
const days = [...new Set(papers.map((p) => p.hub!.feedDay!))].sort();
const users: SimUser[] = [];
const perTopic = Math.max(1, Math.ceil(MAX_USERS / Math.max(1, chosen.length)));
for (const t of shuffle(chosen)) {
  const byTime = [...t.ids].sort((a, b) => entered.get(a)!.localeCompare(entered.get(b)!));
  const eligible = shuffle(days.filter((d) => d >= addDays(days[0]!, 90))).flatMap((day) => {
    const start = `${addDays(day, -(WINDOW - 1))}T00:00:00.000Z`;
    const now = nowOf(day);
    const before = byTime.filter((id) => entered.get(id)! < start);
    const inside = byTime.filter((id) => entered.get(id)! >= start && entered.get(id)! <= now);
    return before.length >= 3 && inside.length >= 2 ? [{ topic: t.name, day, likes: before.slice(-LIKES), heldOut: new Set(inside) }] : [];
  });
  users.push(...eligible.slice(0, perTopic));
}
users.splice(MAX_USERS);
console.log(`${users.length} simulated users (${perTopic} per topic at most, ${LIKES} likes at most each, window ${WINDOW} days)`);

// ---- methods
const repo = new PersonalRepo(store.db);
const feedRepo = new FeedRepo(store);
let clockNow = new Date();
/** A service as the product builds it, with the model, features, blend and neighbour candidates of a variant. */
const service = (c: Partial<ForYouConfig> & { vectors: boolean; neighbours: boolean | number }) =>
  new ForYouService(
    { store, repo, feedRepo, ...(c.vectors ? { semantic: () => engine.semantic() } : {}) },
    {
      rule: RULE,
      clock: () => clockNow,
      ...c,
      pool: { windowDays: WINDOW, ...(c.neighbours === false ? { neighbourSeeds: 0 } : typeof c.neighbours === "number" ? { neighbourMaxAgeDays: c.neighbours } : {}) },
    },
  );
const PURE: BlendParams = { ...DEFAULT_BLEND, recencyWeight: 0 };
const PRODUCT = "product: logistic α=0.25, neighbours ≤ 30 days, recency";
const variants: Array<[string, ForYouService]> = [];
// The models alone: the window's papers only, no recency. α is the vectors' share of a feature (features.ts).
for (const model of ["logistic", "centroid", "knn"] as ModelKind[]) {
  for (const [features, share] of [["vectors", 1], ["vectors+words α=0.5", 0.5], ["words", 0]] as const) {
    variants.push([`${model} / ${features}`, service({ model, vectors: share > 0, neighbours: false, vectorShare: share, blend: PURE })]);
  }
}
const tuned = (lambda: number, iterations: number) => ({ ...DEFAULT_MODEL_PARAMS, logistic: { lambda, iterations } });
variants.push(["logistic / vectors+words α=0.25", service({ model: "logistic", vectors: true, neighbours: false, vectorShare: 0.25, blend: PURE })]);
variants.push(["logistic λ=0.01 / α=0.25", service({ model: "logistic", vectors: true, neighbours: false, vectorShare: 0.25, blend: PURE, modelParams: tuned(0.01, 200) })]);
variants.push(["logistic λ=0.2 / α=0.25", service({ model: "logistic", vectors: true, neighbours: false, vectorShare: 0.25, blend: PURE, modelParams: tuned(0.2, 40) })]);
variants.push(["centroid γ=0 (no background) / α=0.5", service({ model: "centroid", vectors: true, neighbours: false, vectorShare: 0.5, blend: PURE, modelParams: { ...DEFAULT_MODEL_PARAMS, backgroundWeight: 0 } })]);
// What the candidate pool and the recency blend change (the product's model and features).
variants.push(["logistic α=0.25, recency", service({ vectors: true, neighbours: false })]);
variants.push(["logistic α=0.25, neighbours ≤ 30 days", service({ vectors: true, neighbours: true, blend: PURE })]);
variants.push(["logistic α=0.25, neighbours ≤ 90 days, recency", service({ vectors: true, neighbours: 90 })]);
variants.push(["logistic α=0.25, neighbours of any age, recency", service({ vectors: true, neighbours: 100_000 })]);
variants.push([PRODUCT, service({ vectors: true, neighbours: true })]);
variants.push(["product without the semantic index (words alone)", service({ vectors: false, neighbours: true })]);
// How much a "not interested" mark weighs against a like, in the feedback experiment below.
const markWeights = [1, 0.5, 0.25].map((w) => [w, service({ vectors: true, neighbours: true, modelParams: { ...DEFAULT_MODEL_PARAMS, negativeWeight: w } })] as const);

interface Scores {
  p10: number;
  ndcg10: number;
  r50: number;
  /** Share of the top 10 on the user's topic, whenever the paper entered (the held-out papers are only those of the window). */
  topic10: number;
}
const totals = new Map<string, Scores & { ms: number; users: number }>();
const add = (name: string, s: Scores, ms = 0) => {
  const t = totals.get(name) ?? { p10: 0, ndcg10: 0, r50: 0, topic10: 0, ms: 0, users: 0 };
  t.users += 1;
  t.p10 += s.p10;
  t.ndcg10 += s.ndcg10;
  t.r50 += s.r50;
  t.topic10 += s.topic10;
  t.ms += ms;
  totals.set(name, t);
};
let feedbackUsers = 0;

for (const [i, u] of users.entries()) {
  clockNow = new Date(nowOf(u.day));
  const userId = `sim${i}`;
  await insertSimUser(store, userId);
  await repo.insertCollection({ id: `c-${userId}`, userId, name: "Likes", slug: "likes", isPublic: false, createdAt: clockNow.toISOString(), updatedAt: clockNow.toISOString() });
  for (const id of u.likes) await repo.addItem(`c-${userId}`, id, entered.get(id)!);

  // Baselines rank the window's papers (the likes cannot be in it: they entered before it).
  const from = addDays(feedDayOf(clockNow, RULE), -(WINDOW - 1));
  const window = (await feedRepo.listRange(from, feedDayOf(clockNow, RULE), { limit: 1000, offset: 0 })).entries.filter((e) => entered.get(e.paper.id)! <= clockNow.toISOString());
  const byRecency = [...window].sort((a, b) => entered.get(b.paper.id)!.localeCompare(entered.get(a.paper.id)!) || a.paper.id.localeCompare(b.paper.id)).map((e) => e.paper.id);
  const byTrending = rankTrending(
    window.map((e) => ({ id: e.paper.id, upvotes: e.upvotes, comments: e.comments, stars: e.paper.hub?.githubStars ?? null, since: entered.get(e.paper.id)! })),
    { now: clockNow },
  ).map((r) => r.id);
  const topic = onTopic.get(u.topic)!;
  add("recency only", score(byRecency, u.heldOut, topic));
  add("trending only", score(byTrending, u.heldOut, topic));
  add("oracle", score([...u.heldOut], u.heldOut, topic));

  for (const [name, s] of variants) {
    const t = performance.now();
    const ranked = (await s.forYou(userId, { limit: 50 })).map((p) => p.paper.id);
    add(name, score(ranked, u.heldOut, topic), performance.now() - t);
  }

  // Feedback: the reader marks the off-topic papers of their top 10 "not interested"; does the next list improve beyond losing those papers?
  const product = variants.find(([name]) => name === PRODUCT)![1];
  const top = (await product.forYou(userId, { limit: 10 })).map((p) => p.paper.id);
  const off = top.filter((id) => !topic.has(id));
  if (off.length > 0) {
    const excluded = score((await product.forYou(userId, { limit: 10, excludeIds: new Set(off) })).map((p) => p.paper.id), u.heldOut, topic);
    add("feedback: off-topic papers only left out", excluded);
    for (const id of off) await repo.markNotInterested(userId, id, clockNow.toISOString());
    for (const [w, s] of markWeights) add(`feedback: marked, a mark weighs ${w} like`, score((await s.forYou(userId, { limit: 10 })).map((p) => p.paper.id), u.heldOut, topic));
    feedbackUsers += 1;
  }
  await store.db.deleteFrom("users").where("id", "=", userId).execute();
  if ((i + 1) % 50 === 0) console.log(`  ${i + 1}/${users.length} users`);
}

const rows = [...totals].map(([name, t]) => {
  const k = Math.max(1, t.users);
  return { method: name, users: t.users, p10: t.p10 / k, ndcg10: t.ndcg10 / k, r50: t.r50 / k, topic10: t.topic10 / k, msPerUser: t.ms / k };
});
if (args.json) console.log(JSON.stringify({ users: users.length, topics: chosen.length, feedbackUsers, rows }, null, 2));
else {
  const w = Math.max(...rows.map((r) => r.method.length)) + 2;
  console.log(`\n${"method".padEnd(w)}${"P@10".padStart(8)}${"nDCG@10".padStart(9)}${"R@50".padStart(8)}${"topic@10".padStart(10)}${"ms/user".padStart(9)}`);
  for (const r of rows) {
    console.log(
      `${r.method.padEnd(w)}${r.p10.toFixed(3).padStart(8)}${r.ndcg10.toFixed(3).padStart(9)}${r.r50.toFixed(3).padStart(8)}${r.topic10.toFixed(3).padStart(10)}${(r.msPerUser ? r.msPerUser.toFixed(0) : "").padStart(9)}`,
    );
  }
  console.log(`(feedback rows: over the ${feedbackUsers} users with an off-topic paper in their top 10, after marking those papers "not interested")`);
}
await engine.close();
await store.close();
rmSync(dir, { recursive: true, force: true });

// ---- helpers

/** A normalised topic key, or null for keywords too generic to be a reader's topic. */
function topicKey(keyword: string): string | null {
  const k = keyword.toLowerCase().replace(/\s*\([^)]*\)\s*$/, "").trim();
  if (k.length < 3 || GENERIC.has(k)) return null;
  return k.split(/[\s-]+/).map((w) => stemmer(w)).join(" ");
}

/** Just before the feed rolls over to the next day: every paper of day `day` has entered. */
function nowOf(day: string): string {
  return `${day}T16:59:59.000Z`;
}

function score(ranked: readonly string[], relevant: ReadonlySet<string>, topic: ReadonlySet<string> = relevant): Scores {
  const hits = (k: number) => ranked.slice(0, k).filter((id) => relevant.has(id)).length;
  let dcg = 0;
  ranked.slice(0, 10).forEach((id, i) => {
    if (relevant.has(id)) dcg += 1 / Math.log2(i + 2);
  });
  let ideal = 0;
  for (let i = 0; i < Math.min(10, relevant.size); i++) ideal += 1 / Math.log2(i + 2);
  return {
    p10: hits(10) / 10,
    ndcg10: ideal > 0 ? dcg / ideal : 0,
    r50: relevant.size > 0 ? hits(50) / relevant.size : 0,
    topic10: ranked.slice(0, 10).filter((id) => topic.has(id)).length / 10,
  };
}

async function insertSimUser(s: Store, id: string): Promise<void> {
  const at = new Date().toISOString();
  await s.db.insertInto("users").values({ id, name: id, email: `${id}@example.org`, display_name: null, password_hash: "bench:not-a-hash", created_at: at, updated_at: at }).execute();
}

function shuffle<T>(xs: readonly T[]): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** A small seeded generator, so a run can be repeated exactly. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
