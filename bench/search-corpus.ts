// Synthetic corpora and a fixed query set for the search benchmark, learnt from the real abstracts in ../shared/data.
//
// Why a language model rather than random words: search cost depends on the
// term-frequency profile (a Zipf head of function words, long posting lists for
// "model" or "learning", a long tail of rare terms) and on phrase structure
// ("large language models" as adjacent words). A bigram model trained on real
// abstracts reproduces both; uniform random words from a short list do not.
// A plain bigram chain has no topic, though: it spreads "diffusion" over 25% of
// ML abstracts where real ones have it in 15% (real text is bursty). So:
// - domains: ML abstracts (Daily Papers, seeds), biomedical ones (SciFact) and
//   2007 physics/maths ones (Kaggle sample) get their own bigrams and unigram;
// - anchors: each synthetic paper takes its topic and lengths from one real
//   paper of its domain. Topical words the anchor lacks are mostly refused, and
//   the bigram's rare successors are replaced by runs of the anchor's real text
//   (see the sampling section). --check prints real against synthetic document
//   frequencies of common words.
//
// Contracts:
// - Everything is deterministic for a given model and seed (mulberry32).
// - The real data is optional (see /work/shared/data/README.md): without it a
//   small built-in vocabulary is used and `model.source` says so.
// - Generation streams and works on typed arrays, so 1M papers never sit in
//   memory and building the corpus costs less than indexing it.
//
// Self-check: npx tsx bench/search-corpus.ts --check [--shared-dir DIR]
import { createWriteStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { once } from "node:events";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// ---------------------------------------------------------------- types

/** Word → next-word counts in compressed rows: the successors of word w are next[offsets[w] .. offsets[w+1]), with their counts in `count`. */
export interface BigramTable {
  offsets: Uint32Array;
  next: Uint32Array;
  count: Uint32Array;
}

/** One kind of paper with its own bigrams, vocabulary distribution and categories. */
export interface Domain {
  name: string;
  /** Abstracts learnt from; the share of generated papers is proportional to it. */
  documents: number;
  /** Bigram model of abstracts; row SENTENCE (id 0) gives sentence openings. */
  abstractBigrams: BigramTable;
  /** Bigram model of titles; row TITLE_START (id 1) gives title openings. */
  titleBigrams: BigramTable;
  /** The domain's word counts by id (punctuation excluded). */
  unigram: Float64Array;
  /** Abstracts of the domain containing each word id. */
  docFreq: Uint32Array;
  /**
   * Token ids (words and punctuation, ending with ".") of each real abstract, concatenated: abstract k is
   * anchorWords[anchorOffsets[k] .. anchorOffsets[k+1]). A synthetic paper borrows its topic from one of them.
   */
  anchorWords: Uint32Array;
  anchorOffsets: Uint32Array;
  /** Token ids of the real titles, the same way; title k % titles goes with abstract k. */
  titleWords: Uint32Array;
  titleOffsets: Uint32Array;
  categories: { name: string; weight: number }[];
}

export interface CorpusModel {
  /** "shared data: N abstracts" or "built-in fallback vocabulary". */
  source: string;
  fromSharedData: boolean;
  /** Abstracts learnt from, over all domains. */
  documents: number;
  /** Word tokens seen in abstracts (punctuation excluded). */
  tokens: number;
  /**
   * Written form of each word id (lower case unless the data writes it otherwise, e.g. "LLMs"). Ids 0-1 are markers
   * ("." for a sentence boundary, "<title>"), then punctuation, then words from the most frequent.
   */
  words: string[];
  /** Abstract occurrences of each word id: the unigram distribution over all domains. */
  unigram: Float64Array;
  /** Abstracts containing each word id. */
  docFreq: Uint32Array;
  domains: Domain[];
  /** Empirical samples of title and abstract length in words. */
  titleLengths: Uint16Array;
  abstractLengths: Uint16Array;
  /** Empirical samples of the author count, restricted to 1-8. */
  authorCounts: Uint8Array;
  authorNames: string[];
  /**
   * How a step is drawn (see Sampler.abstract): with chance `anchor` a run of words from the anchor abstract, with
   * chance `unigram` a word of the domain unigram, otherwise the bigram row; `run` is the mean run length, and
   * `leak` the chance of keeping a topical word that the anchor abstract lacks.
   */
  mix: { unigram: number; anchor: number; run: number; leak: number };
  /** Data files that could not be used, with the reason. */
  skipped: string[];
}

export interface SyntheticPaper {
  id: string;
  title: string;
  abstract: string;
  /** Names joined by ", ". */
  authors: string;
  /** Space-separated, primary first (the Kaggle format). */
  categories: string;
  /** ISO 8601 UTC timestamp, as the importer stores published_at. */
  published: string;
}

/** Marker ids: a sentence boundary (displayed as ".") and the start of a title (never displayed). */
const SENTENCE = 0;
const TITLE_START = 1;
/** Corpus dates cover 60 months from January 2021, ids ascending with the date as on arXiv. */
const FIRST_YEAR = 2021;
const SPAN_MONTHS = 60;
/** arXiv's five-digit sequence number bounds the papers a month; beyond 60 × 99,999 papers the span grows. */
const MAX_PER_MONTH = 99_999;
/**
 * Share of words replaced by an invented word (syllables, "Qorvane"): real abstracts keep introducing new method
 * names and symbols, so their vocabulary grows with the corpus (Heaps' law). Without this a million synthetic
 * abstracts would share the training vocabulary and the index lexicon would be unrealistically small.
 */
const NOVEL_RATE = 0.004;

// ---------------------------------------------------------------- PRNG

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------- loading the real data

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DEFAULT_SHARED = resolve(ROOT, "../shared/data");

type DomainName = "ml" | "biomed" | "physics-math";

interface RawPaper {
  domain: DomainName;
  title: string;
  abstract: string;
  authors?: string[];
}

interface RawData {
  papers: RawPaper[];
  /** Categories seen in the Kaggle sample, with counts. */
  categories: Map<string, number>;
  skipped: string[];
}

function readJsonl(file: string, skipped: string[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  if (!existsSync(file)) return out;
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    try {
      const v: unknown = JSON.parse(line);
      if (v && typeof v === "object" && !Array.isArray(v)) out.push(v as Record<string, unknown>);
    } catch {
      skipped.push(`${file}:${i + 1}: invalid JSON`);
    }
  }
  return out;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");

/** Reads every source once; duplicates across sources (same lower-cased title) are kept once. */
function readSharedData(dir: string): RawData {
  const data: RawData = { papers: [], categories: new Map(), skipped: [] };
  const seen = new Set<string>();
  const add = (p: RawPaper) => {
    const key = p.title.toLowerCase().replace(/\s+/g, " ").trim();
    if (!key || !p.abstract.trim() || seen.has(key)) return;
    seen.add(key);
    data.papers.push(p);
  };

  const hfDir = join(dir, "hf-daily-papers/raw");
  const hfFiles = existsSync(hfDir) ? readdirSync(hfDir).filter((f) => f.endsWith(".json")).sort() : [];
  for (const f of hfFiles) {
    let items: unknown;
    try {
      items = JSON.parse(readFileSync(join(hfDir, f), "utf8"));
    } catch {
      data.skipped.push(`${f}: invalid JSON`);
      continue;
    }
    // Some days hold Python-repr strings instead of objects, or an object wrapper: real bad input, skipped.
    if (!Array.isArray(items) || !items.some((e) => e && typeof e === "object")) {
      data.skipped.push(`${f}: not an array of entry objects`);
      continue;
    }
    for (const e of items) {
      const paper = (e as { paper?: Record<string, unknown> } | null)?.paper;
      if (!paper || typeof paper !== "object") continue;
      const authors = Array.isArray(paper.authors) ? paper.authors.map((a) => str((a as { name?: unknown })?.name)) : [];
      add({ domain: "ml", title: str(paper.title), abstract: str(paper.summary), authors });
    }
  }
  for (const o of readJsonl(join(dir, "seed-papers.jsonl"), data.skipped)) add({ domain: "ml", title: str(o.title), abstract: str(o.abstract) });
  for (const o of readJsonl(join(dir, "scifact/corpus.jsonl"), data.skipped)) add({ domain: "biomed", title: str(o.title), abstract: str(o.text) });
  const arxivDir = join(dir, "arxiv-samples");
  const arxivFiles = existsSync(arxivDir) ? readdirSync(arxivDir).filter((f) => f.endsWith(".jsonl")).sort() : [];
  for (const f of arxivFiles) {
    for (const o of readJsonl(join(arxivDir, f), data.skipped)) {
      add({ domain: "physics-math", title: str(o.title), abstract: str(o.abstract) });
      for (const c of str(o.categories).split(/\s+/)) if (c) data.categories.set(c, (data.categories.get(c) ?? 0) + 1);
    }
  }
  return data;
}

// ---------------------------------------------------------------- training

/**
 * Abbreviations whose dot does not end a sentence come first; then words, numbers with units ("3D", "7B", "1,000"),
 * and the punctuation kept. Everything else (brackets, quotes, LaTeX) is dropped.
 */
const TOKEN =
  /e\.g\.|i\.e\.|etc\.|vs\.|cf\.|al\.|\p{L}[\p{L}\p{N}]*(?:[-'’][\p{L}\p{N}]+)*|\p{N}+(?:[.,]\p{N}+)*(?:%|\p{L}[\p{L}\p{N}]*)?(?:-[\p{L}\p{N}]+)*|[.,;:?!]/gu;
const PUNCT = new Set([".", ",", ";", ":"]);
/** Short words left in lower case in a Title-Cased title, and never the last word of a title. */
const MINOR = new Set("a an the of for and or in on with to via from by at as is are into over vs. under".split(" "));
const TITLE_OPENERS = new Set(["a", "an", "the", "on"]);

/** Sparse counts: one Map per previous word, keyed by the next word (small integers keep Map keys cheap). */
type PairCounts = (Map<number, number> | undefined)[];

function bumpPair(rows: PairCounts, prev: number, next: number): void {
  const row = (rows[prev] ??= new Map());
  row.set(next, (row.get(next) ?? 0) + 1);
}

interface DomainCounts {
  abstractPairs: PairCounts;
  titlePairs: PairCounts;
  unigram: Map<number, number>;
  docFreq: Map<number, number>;
  anchorWords: number[];
  anchorOffsets: number[];
  titleWords: number[];
  titleOffsets: number[];
}

class Trainer {
  readonly ids = new Map<string, number>();
  readonly lowerCount: number[] = [];
  readonly altForm: (string | undefined)[] = [];
  readonly altCount: number[] = [];
  readonly unigram: number[] = [];
  readonly docFreq: number[] = [];
  readonly lastDoc: number[] = [];
  readonly domains = new Map<DomainName, DomainCounts>();
  documents = 0;
  tokens = 0;

  constructor() {
    this.id(".");
    this.id("<title>");
  }

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.ids.size;
      this.ids.set(key, id);
      this.lowerCount.push(0);
      this.altForm.push(undefined);
      this.altCount.push(0);
      this.unigram.push(0);
      this.docFreq.push(0);
      this.lastDoc.push(-1);
    }
    return id;
  }

  domain(name: DomainName): DomainCounts {
    let d = this.domains.get(name);
    if (!d) this.domains.set(name, (d = { abstractPairs: [], titlePairs: [], unigram: new Map(), docFreq: new Map(), anchorWords: [], anchorOffsets: [0], titleWords: [], titleOffsets: [0] }));
    return d;
  }

  /** Token key: "?" and "!" end sentences like "."; words are keyed in lower case, their written form is voted on. */
  private keyOf(t: string): string {
    return t === "?" || t === "!" ? "." : t.toLowerCase();
  }

  /** Adds one abstract; returns its length in words. */
  abstract(domain: DomainName, text: string): number {
    const d = this.domain(domain);
    const doc = this.documents++;
    let prev = SENTENCE;
    let words = 0;
    for (const m of text.matchAll(TOKEN)) {
      const t = m[0];
      const k = this.keyOf(t);
      const id = this.id(k);
      bumpPair(d.abstractPairs, prev, id);
      d.anchorWords.push(id);
      if (!PUNCT.has(k)) {
        words++;
        this.unigram[id]!++;
        d.unigram.set(id, (d.unigram.get(id) ?? 0) + 1);
        if (this.lastDoc[id] !== doc) {
          this.lastDoc[id] = doc;
          this.docFreq[id]!++;
          d.docFreq.set(id, (d.docFreq.get(id) ?? 0) + 1);
        }
        // Sentence openings are capitalised whatever the word, so only other positions vote on its form.
        if (prev !== SENTENCE) {
          if (t === k) this.lowerCount[id]!++;
          else {
            this.altForm[id] ??= t;
            this.altCount[id]!++;
          }
        }
      }
      prev = id;
    }
    if (prev !== SENTENCE) {
      bumpPair(d.abstractPairs, prev, SENTENCE);
      d.anchorWords.push(SENTENCE);
    }
    d.anchorOffsets.push(d.anchorWords.length);
    this.tokens += words;
    return words;
  }

  /** Adds one title (to the title bigrams only); returns its length in words. */
  title(domain: DomainName, text: string): number {
    const d = this.domain(domain);
    let prev = TITLE_START;
    let words = 0;
    for (const m of text.matchAll(TOKEN)) {
      const k = this.keyOf(m[0]);
      if (k === ".") continue;
      const id = this.id(k);
      bumpPair(d.titlePairs, prev, id);
      d.titleWords.push(id);
      if (!PUNCT.has(k)) words++;
      prev = id;
    }
    d.titleOffsets.push(d.titleWords.length);
    return words;
  }

  /** The key of a training id. */
  key(id: number): string {
    return (this.keys ??= [...this.ids.keys()])[id]!;
  }
  private keys: string[] | undefined;

  /** The written form of a training id: lower case unless most mid-sentence occurrences are written otherwise. */
  form(id: number): string {
    return (this.altCount[id] ?? 0) > (this.lowerCount[id] ?? 0) ? this.altForm[id]! : this.key(id);
  }
}

/**
 * Final word ids by frequency: the markers, then punctuation, then words by abstract count. Frequent words then sit
 * together in every per-word array, which keeps the sampler's working set in cache.
 */
function frequencyOrder(trainer: Trainer): { order: Uint32Array; remap: Uint32Array } {
  const rank = (id: number) => (id <= TITLE_START ? 2 : PUNCT.has(trainer.key(id)) ? 1 : 0);
  const order = Uint32Array.from(trainer.ids.values()).sort((a, b) => rank(b) - rank(a) || trainer.unigram[b]! - trainer.unigram[a]! || a - b);
  const remap = new Uint32Array(order.length);
  order.forEach((old, id) => (remap[old] = id));
  return { order, remap };
}

/** Compressed rows in final ids; pair counts are indexed by training ids. */
function toTable(rows: PairCounts, order: Uint32Array, remap: Uint32Array): BigramTable {
  const vocab = order.length;
  const offsets = new Uint32Array(vocab + 1);
  for (let w = 0; w < vocab; w++) offsets[w + 1] = offsets[w]! + (rows[order[w]!]?.size ?? 0);
  const t: BigramTable = { offsets, next: new Uint32Array(offsets[vocab]!), count: new Uint32Array(offsets[vocab]!) };
  for (let w = 0; w < vocab; w++) {
    let at = offsets[w]!;
    for (const [next, c] of rows[order[w]!] ?? []) (t.next[at] = remap[next]!), (t.count[at++] = c);
  }
  return t;
}

// ---------------------------------------------------------------- categories

/** An ML-heavy arXiv mix, like the papers the ML domain learns from; weights are rough shares of listings. */
const ML_CATEGORIES: [string, number][] = [
  ["cs.LG", 20], ["cs.CL", 18], ["cs.CV", 18], ["cs.AI", 14], ["stat.ML", 5], ["cs.RO", 4], ["cs.IR", 3],
  ["cs.SE", 3], ["eess.IV", 2], ["cs.CR", 2], ["cs.HC", 2], ["cs.NE", 1.5], ["cs.MA", 1], ["cs.SD", 1],
  ["eess.AS", 1], ["eess.SP", 1], ["math.OC", 1], ["cs.DC", 1], ["cs.CY", 1], ["cs.GR", 0.7], ["cs.DB", 0.5],
  ["stat.ME", 0.5], ["math.ST", 0.4],
];
const BIOMED_CATEGORIES: [string, number][] = [
  ["q-bio.QM", 3], ["q-bio.GN", 3], ["q-bio.BM", 2], ["q-bio.CB", 2], ["q-bio.NC", 2], ["physics.med-ph", 2],
  ["q-bio.MN", 1], ["q-bio.TO", 1], ["q-bio.PE", 1], ["stat.AP", 1], ["cs.LG", 0.5],
];
/** Used for the physics/maths domain when the Kaggle sample's own categories are unavailable. */
const PHYSICS_CATEGORIES: [string, number][] = [
  ["hep-ph", 3], ["hep-th", 3], ["astro-ph", 3], ["quant-ph", 2], ["cond-mat.str-el", 1], ["math.CO", 1], ["math.PR", 1],
];

function categoriesOf(domain: DomainName, observed: Map<string, number>): { name: string; weight: number }[] {
  const table = domain === "ml" ? ML_CATEGORIES : domain === "biomed" ? BIOMED_CATEGORIES : observed.size ? [...observed] : PHYSICS_CATEGORIES;
  return table.map(([name, weight]) => ({ name, weight }));
}

// ---------------------------------------------------------------- built-in fallback (no shared data)

const FALLBACK_SENTENCES = `we propose a novel framework for large language models that improves reasoning on complex tasks.
recent advances in deep learning have enabled significant progress in computer vision and natural language processing.
however, existing methods often require large amounts of labeled data and expensive training.
in this paper, we introduce a simple and efficient approach based on diffusion models for image generation.
our method achieves state-of-the-art performance on several benchmarks while reducing computational cost.
we evaluate the proposed model on a wide range of tasks, including question answering, summarization and machine translation.
experimental results show that our approach outperforms strong baselines by a large margin.
we further analyze the effect of model size, data quality and training objectives on downstream performance.
reinforcement learning from human feedback is widely used to align language models with human preferences.
graph neural networks learn representations of nodes and edges by aggregating information from neighbors.
to address this problem, we present a new dataset and benchmark for multimodal reasoning.
the transformer architecture relies on self-attention to capture long-range dependencies in sequences.
we show that retrieval-augmented generation reduces hallucination in open-domain question answering.
our code and data are publicly available.
we study the generalization of neural networks trained with stochastic gradient descent.
theoretical analysis shows that the proposed algorithm converges to a stationary point under mild assumptions.
this work investigates the robustness of vision-language models to adversarial attacks and distribution shift.
we introduce a policy optimization method that learns from sparse rewards in continuous control environments.
extensive experiments on real-world datasets demonstrate the effectiveness and efficiency of our method.
the results suggest that scaling laws also hold for video generation models.
we propose an efficient fine-tuning technique that updates only a small fraction of the parameters.
speech recognition systems still struggle with noisy audio and low-resource languages.
patients with chronic disease showed increased expression of inflammatory markers in clinical studies.
we find that the proposed loss function improves calibration and uncertainty estimation.
knowledge distillation transfers the capabilities of a large teacher model to a smaller student model.
we also release an open-source toolkit for training and evaluating embodied agents in simulation.
the model is pretrained on a large corpus of text and code and then fine-tuned with instruction data.
federated learning enables training across many clients without sharing private data.
we benchmark several recommendation algorithms on sparse user interaction data.
point cloud segmentation and 3d reconstruction remain challenging for autonomous driving.
our analysis reveals that chain-of-thought prompting improves mathematical reasoning in small models.
we formulate the task as a constrained optimization problem and solve it with a gradient-based method.
contrastive learning of visual representations benefits from strong data augmentation.
code generation models are evaluated on programming benchmarks with unit tests.
we demonstrate that sparse mixture-of-experts models reduce inference cost without loss in accuracy.
the proposed attention mechanism scales linearly with sequence length.
time series forecasting with foundation models achieves competitive zero-shot performance.
we identify a trade-off between privacy and utility in differentially private training.
molecular property prediction and protein structure modeling benefit from geometric deep learning.
finally, we discuss limitations and directions for future work.`;

const FALLBACK_TITLES = `Scaling Language Models for Complex Reasoning
Efficient Diffusion Models for High-Resolution Image Generation
Towards Robust Vision-Language Models under Distribution Shift
A Survey of Retrieval-Augmented Generation
Graph Neural Networks for Molecular Property Prediction
Learning to Plan with Reinforcement Learning from Human Feedback
Sparse Attention for Long-Context Transformers
Benchmarking Large Language Models on Code Generation
Contrastive Learning of Visual Representations with Strong Augmentation
Parameter-Efficient Fine-Tuning of Foundation Models
Federated Learning with Differential Privacy: A Practical Study
Self-Supervised Speech Recognition for Low-Resource Languages
Mixture-of-Experts Models at Scale
On the Generalization of Neural Networks Trained with Stochastic Gradient Descent
Multimodal Agents for Embodied Navigation in Simulation`;

/** Research vocabulary in rough order of frequency; mixed in through the unigram with Zipf weights. */
const FALLBACK_WORDS = `model models learning data language training large performance method task tasks network networks neural
results approach framework image generation reasoning benchmark dataset datasets evaluation information problem
multimodal vision visual text video attention transformer diffusion reinforcement policy agent agents inference
representation representations features feature knowledge prediction classification detection segmentation
optimization algorithm algorithms parameters accuracy efficiency robustness generalization fine-tuning pretraining
pretrained instruction alignment preference reward human feedback retrieval generative quality memory context
tokens token sequence sequences embedding embeddings encoder decoder architecture layers layer graph graphs node
nodes edges structure structures space latent distribution distributions samples sampling noise denoising
diffusion-based score gradient gradients loss objective function functions theoretical analysis empirical
experiments experimental baselines baseline state-of-the-art accuracy efficiency scalability scaling compute
computational cost latency throughput hardware gpu memory-efficient quantization pruning distillation compression
sparse dense mixture experts routing speech audio music sound recognition translation summarization question
answering dialogue conversational chatbot safety jailbreak adversarial attacks attack defense privacy federated
clients security verification formal proof theorem mathematical math code programming software bugs repair
planning navigation robot robotic manipulation control embodied simulation environment environments world
physical motion pose human body face 3d point cloud scene scenes reconstruction rendering depth camera
temporal spatial spatio-temporal time series forecasting anomaly detection causal causality inference
uncertainty calibration bayesian probabilistic variational stochastic kernel regression linear nonlinear
convex convergence bound bounds complexity sample efficiency online offline bandit exploration exploitation
recommendation user users ranking search query queries documents document corpus annotation labels labeled
unlabeled semi-supervised self-supervised contrastive supervised unsupervised clustering few-shot zero-shot
in-context prompting prompt prompts chain-of-thought hallucination factuality interpretability explanation
explanations fairness bias social medical clinical patients disease diagnosis protein molecular molecules
drug genomic cell cells biological imaging medical-image radiology health healthcare education students
evaluation metrics metric human-annotated crowdsourcing multilingual cross-lingual low-resource languages
tokenizer vocabulary long-context retrieval-augmented tool tools api agentic workflow workflows web browsing
synthetic augmentation curriculum continual lifelong forgetting transfer domain adaptation shift
out-of-distribution open-source open-vocabulary foundation backbone lightweight efficient scalable robust
novel simple effective unified general-purpose specialized hierarchical recurrent convolutional autoregressive
non-autoregressive masked tokens visual-language vision-language text-to-image text-to-video image-to-video
editing controllable consistency temporal-consistency resolution super-resolution compression codec`;

const FALLBACK_FIRST = `Wei Yu Jing Chen Li Xin Ming Hao Anna Maria David Michael Sarah Daniel Laura Thomas Julia Ahmed Fatima
Ravi Priya Arjun Kenji Yuki Hiroshi Sofia Lucas Elena Ivan Olga Pierre Camille Jonas Lena Omar Aisha Carlos Ana
Diego Noah Emma Liam Mia Ethan Chloe`;
const FALLBACK_LAST = `Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo Lin He Gao Luo Kim Lee Park Choi Smith
Johnson Brown Garcia Miller Davis Rodriguez Martinez Müller Schmidt Schneider Fischer Weber Rossi Russo Bianchi
Dubois Martin Bernard Tanaka Suzuki Sato Watanabe Kumar Sharma Singh Patel Gupta Ivanov Petrov Silva Santos
Oliveira Nguyen Tran Cohen Levi`;

/** Histograms (length → weight) that approximate the real data, used without it. */
const FALLBACK_TITLE_HIST = [0, 0, 0.4, 2, 2, 3.3, 6.3, 10.7, 14.7, 14.8, 13.1, 11, 7.1, 4.7, 2.9, 1.3, 0.7, 0.4, 0.2, 0.1, 0.1];
const FALLBACK_AUTHOR_HIST = [0, 1.7, 2.7, 6, 9, 10, 10.4, 10, 8.9];

function samplesFromHistogram(hist: number[], n: number): number[] {
  const total = hist.reduce((s, w) => s + w, 0);
  const out: number[] = [];
  hist.forEach((w, len) => {
    for (let k = Math.round((w / total) * n); k > 0; k--) out.push(len);
  });
  return out;
}

/** Normal, mean 185 and sd 55 words (the real mean is about 190), cut to 40-400: quantiles, so no PRNG is needed. */
function fallbackAbstractLengths(): number[] {
  const out: number[] = [];
  for (let i = 1; i < 1000; i++) out.push(Math.max(40, Math.min(400, Math.round(185 + 55 * probit(i / 1000)))));
  return out;
}

/** Inverse of the standard normal distribution (Acklam's rational approximation; ample for length sampling). */
function probit(p: number): number {
  const a = [-39.6968302866538, 220.946098424521, -275.928510446969, 138.357751867269, -30.6647980661472, 2.50662827745924];
  const b = [-54.4760987982241, 161.585836858041, -155.698979859887, 66.8013118877197, -13.2806815528857];
  const c = [-0.00778489400243029, -0.322396458041136, -2.40075827716184, -2.54973253934373, 4.37466414146497, 2.93816398269878];
  const d = [0.00778469570904146, 0.32246712907004, 2.445134137143, 3.75440866190742];
  const lo = 0.02425;
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < lo) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - lo) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}


/** Names that survive the Kaggle authors string and authors_parsed unchanged: no commas, brackets or " and ". */
const PLAIN_NAME = /^\p{L}[\p{L}\p{M}.'’-]*(?: \p{L}[\p{L}\p{M}.'’-]*){1,3}$/u;

// ---------------------------------------------------------------- the model

export async function loadLanguageModel(opts: { sharedDir?: string } = {}): Promise<CorpusModel> {
  const dir = resolve(opts.sharedDir ?? DEFAULT_SHARED);
  const raw = existsSync(dir) ? readSharedData(dir) : null;
  const fromSharedData = raw !== null && raw.papers.length > 0;
  const trainer = new Trainer();
  const titleLengths: number[] = [];
  const abstractLengths: number[] = [];
  const authorCounts: number[] = [];
  const names = new Set<string>();

  if (fromSharedData) {
    for (const p of raw.papers) {
      abstractLengths.push(trainer.abstract(p.domain, p.abstract));
      titleLengths.push(trainer.title(p.domain, p.title));
      if (p.authors && p.authors.length >= 1 && p.authors.length <= 8) authorCounts.push(p.authors.length);
      for (const a of p.authors ?? []) if (PLAIN_NAME.test(a.trim())) names.add(a.trim());
    }
  } else {
    // One document, so that a paper's anchor (see Sampler) is the whole text rather than one sentence.
    trainer.abstract("ml", FALLBACK_SENTENCES.replace(/\n/g, " "));
    for (const t of FALLBACK_TITLES.split("\n")) trainer.title("ml", t);
    // The word list joins the unigram with Zipf weights: forty sentences alone would give a tiny vocabulary.
    const unigram = trainer.domain("ml").unigram;
    FALLBACK_WORDS.split(/\s+/).forEach((w, rank) => {
      const id = trainer.id(w);
      const weight = Math.round(40 / (rank + 1)) + 1;
      trainer.unigram[id]! += weight;
      unigram.set(id, (unigram.get(id) ?? 0) + weight);
      trainer.docFreq[id] = Math.max(trainer.docFreq[id]!, 1);
    });
    titleLengths.push(...samplesFromHistogram(FALLBACK_TITLE_HIST, 1000));
    abstractLengths.push(...fallbackAbstractLengths());
  }
  if (authorCounts.length === 0) authorCounts.push(...samplesFromHistogram(FALLBACK_AUTHOR_HIST, 1000));
  if (names.size < 50) {
    for (const f of FALLBACK_FIRST.split(/\s+/)) for (const l of FALLBACK_LAST.split(/\s+/)) names.add(`${f} ${l}`);
  }

  const { order, remap } = frequencyOrder(trainer);
  const domains: Domain[] = [...trainer.domains].map(([name, d]) => ({
    name,
    documents: d.anchorOffsets.length - 1,
    abstractBigrams: toTable(d.abstractPairs, order, remap),
    titleBigrams: toTable(d.titlePairs, order, remap),
    unigram: Float64Array.from(order, (old) => d.unigram.get(old) ?? 0),
    docFreq: Uint32Array.from(order, (old) => d.docFreq.get(old) ?? 0),
    anchorWords: Uint32Array.from(d.anchorWords, (old) => remap[old]!),
    anchorOffsets: Uint32Array.from(d.anchorOffsets),
    titleWords: Uint32Array.from(d.titleWords, (old) => remap[old]!),
    titleOffsets: Uint32Array.from(d.titleOffsets),
    categories: categoriesOf(name, raw?.categories ?? new Map()),
  }));
  const documents = fromSharedData ? raw.papers.length : 0;
  return {
    source: fromSharedData ? `shared data: ${documents.toLocaleString("en")} abstracts` : "built-in fallback vocabulary",
    fromSharedData,
    documents,
    tokens: trainer.tokens,
    words: Array.from(order, (old) => trainer.form(old)),
    unigram: Float64Array.from(order, (old) => trainer.unigram[old]!),
    docFreq: Uint32Array.from(order, (old) => trainer.docFreq[old]!),
    domains,
    titleLengths: Uint16Array.from(titleLengths.filter((n) => n >= 2)),
    abstractLengths: Uint16Array.from(abstractLengths.filter((n) => n >= 20)),
    authorCounts: Uint8Array.from(authorCounts),
    authorNames: [...names].sort(),
    // Tuned with --check so synthetic document frequencies of common words land near the real ones. The fallback
    // leans on its word list, as forty sentences give few successors per word.
    mix: fromSharedData ? { unigram: 0.02, anchor: 0.1, run: 4, leak: 0.25 } : { unigram: 0.35, anchor: 0.05, run: 2, leak: 1 },
    skipped: raw?.skipped ?? [`${dir}: not found`],
  };
}

// ---------------------------------------------------------------- sampling
//
// Generation is the hot path (about 40 million words for 200,000 papers), so it works on typed arrays only:
// - every word's written form, with a leading space, sits in one byte array, and text is assembled as bytes
//   and decoded once per field (joining hundreds of small strings per paper cost more than choosing the words);
// - bigram rows are Walker alias tables in 8-byte slots, so a draw is one read;
// - a step that lands on the row's rare successors (seen once in training: 73% of the edges, 21% of the mass),
//   or on a topical word the anchor lacks, copies a run of the anchor's real text instead, as bytes. Runs move
//   forward through the anchor. The rows stay small enough for the cache, the runs are real phrases on the
//   paper's topic, and rare words come back one real abstract at a time, as they cluster in real papers.

/** Alias slots hold the item in the low 18 bits (so vocabularies up to 262,142 words) and the keep chance in 14. */
const ITEM_BITS = 18;
const ITEM_MASK = (1 << ITEM_BITS) - 1;
const KEEP_SCALE = 1 << (32 - ITEM_BITS);
/** The slot standing for all successors seen once. */
const ESCAPE = ITEM_MASK;

/** Rows of weighted items as alias tables: slot k is slots[2k] (item | keep chance << 18) and slots[2k+1] (alias item). */
interface AliasRows {
  offsets: Uint32Array;
  slots: Uint32Array;
}

/** Alias rows for items[offsets[r] .. offsets[r+1]) weighted by weights[same], by Vose's method. */
function aliasRows(offsets: Uint32Array, items: ArrayLike<number>, weights: ArrayLike<number>): AliasRows {
  const t: AliasRows = { offsets, slots: new Uint32Array(items.length * 2) };
  let widest = 0;
  for (let r = 0; r + 1 < offsets.length; r++) widest = Math.max(widest, offsets[r + 1]! - offsets[r]!);
  const work = new Uint32Array(widest);
  const scaled = new Float64Array(widest);
  const put = (slot: number, keep: number, alias: number) => {
    const q = keep >= 1 ? KEEP_SCALE - 1 : Math.floor(keep * KEEP_SCALE);
    t.slots[2 * slot] = (items[slot]! | (q << ITEM_BITS)) >>> 0;
    t.slots[2 * slot + 1] = keep >= 1 ? items[slot]! : items[alias]!;
  };
  for (let r = 0; r + 1 < offsets.length; r++) {
    const from = offsets[r]!;
    const size = offsets[r + 1]! - from;
    let total = 0;
    for (let i = 0; i < size; i++) total += weights[from + i]!;
    // work[0..small) holds slots below the mean weight, work[large..size) the others.
    let small = 0;
    let large = size;
    for (let i = 0; i < size; i++) {
      scaled[i] = (weights[from + i]! * size) / total;
      if (scaled[i]! < 1) work[small++] = i;
      else work[--large] = i;
    }
    while (small > 0 && large < size) {
      const s = work[--small]!;
      const l = work[large]!;
      put(from + s, scaled[s]!, from + l);
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) {
        large++;
        work[small++] = l;
      }
    }
    for (let i = large; i < size; i++) put(from + work[i]!, 1, from + work[i]!);
    for (let i = 0; i < small; i++) put(from + work[i]!, 1, from + work[i]!);
  }
  return t;
}

/** An item of a non-empty row, from one uniform number r in [0, 1). */
function draw(t: AliasRows, row: number, r: number): number {
  const from = t.offsets[row]!;
  const x = r * (t.offsets[row + 1]! - from);
  const i = Math.floor(x);
  const s = t.slots[2 * (from + i)]!;
  return (x - i) * KEEP_SCALE < s >>> ITEM_BITS ? s & ITEM_MASK : t.slots[2 * (from + i) + 1]!;
}

/** A bigram table as alias rows, its successors seen once folded into one ESCAPE slot of their total weight. */
function bigramRows(t: BigramTable): AliasRows {
  const vocab = t.offsets.length - 1;
  const offsets = new Uint32Array(vocab + 1);
  for (let w = 0; w < vocab; w++) {
    let many = 0;
    for (let i = t.offsets[w]!; i < t.offsets[w + 1]!; i++) if (t.count[i]! > 1) many++;
    offsets[w + 1] = offsets[w]! + many + (many < t.offsets[w + 1]! - t.offsets[w]! ? 1 : 0);
  }
  const items = new Uint32Array(offsets[vocab]!);
  const weights = new Float64Array(offsets[vocab]!);
  for (let w = 0; w < vocab; w++) {
    let at = offsets[w]!;
    let once = 0;
    for (let i = t.offsets[w]!; i < t.offsets[w + 1]!; i++) {
      if (t.count[i] === 1) once++;
      else (items[at] = t.next[i]!), (weights[at++] = t.count[i]!);
    }
    if (once > 0) (items[at] = ESCAPE), (weights[at] = once);
  }
  return aliasRows(offsets, items, weights);
}

/** Entries as UTF-8 in one array: entry k is bytes[at[k] .. at[k+1]), with a leading space unless bare. */
interface SpacedText {
  bytes: Uint8Array;
  at: Uint32Array;
}

function spacedText(entries: number, bytesOf: (k: number) => Uint8Array, bare: (k: number) => boolean = () => false): SpacedText {
  const parts = Array.from({ length: entries }, (_, k) => bytesOf(k));
  const space = Array.from({ length: entries }, (_, k) => (bare(k) ? 0 : 1));
  const at = new Uint32Array(entries + 1);
  parts.forEach((p, k) => (at[k + 1] = at[k]! + space[k]! + p.length));
  const bytes = new Uint8Array(at[entries]!);
  parts.forEach((p, k) => {
    if (space[k]) bytes[at[k]!] = 32;
    bytes.set(p, at[k]! + space[k]!);
  });
  return { bytes, at };
}

/**
 * Anchor abstracts as they read, token k at at[k]: a space before words, none before punctuation, a capital
 * at the start and after a full stop. Built from the forms arena directly (3 million tokens on the shared data).
 */
function renderAnchors(forms: SpacedText, a: Uint32Array, docs: Uint32Array, punct: Uint8Array, vocab: number): SpacedText {
  const formOf = new Uint32Array(a.length);
  const at = new Uint32Array(a.length + 1);
  let doc = 0;
  for (let k = 0; k < a.length; k++) {
    while (docs[doc + 1]! <= k) doc++;
    const w = a[k]!;
    formOf[k] = k === docs[doc] || a[k - 1] === SENTENCE ? vocab + w : w;
    at[k + 1] = at[k]! + forms.at[formOf[k]! + 1]! - forms.at[formOf[k]!]! - punct[w]!;
  }
  const bytes = new Uint8Array(at[a.length]!);
  let pos = 0;
  for (let k = 0; k < a.length; k++) {
    const f = formOf[k]!;
    for (let i = forms.at[f]! + punct[a[k]!]!; i < forms.at[f + 1]!; i++) bytes[pos++] = forms.bytes[i]!;
  }
  return { bytes, at };
}

interface PreparedDomain {
  abstractRows: AliasRows;
  titleRows: AliasRows;
  unigram: AliasRows;
  /** 1 for words in fewer than TOPICAL_SHARE of the domain's abstracts: the words that carry a paper's topic. */
  topical: Uint8Array;
  /** The anchor abstracts as they read (token k of anchorWords at text.at[k]), and words before each token. */
  anchorText: SpacedText;
  wordsBefore: Uint32Array;
  anchorWords: Uint32Array;
  anchorOffsets: Uint32Array;
  titleWords: Uint32Array;
  titleOffsets: Uint32Array;
  categoryCum: Float64Array;
}

/**
 * Words in fewer than this share of a domain's abstracts count as topical. 20% keeps "model", "language" and
 * "patients" free (they are in 46%, 46% and 20% of their domain's abstracts) and restrains "diffusion" (15%).
 */
const TOPICAL_SHARE = 0.2;

/** What sampling needs from a model, derived once and cached. */
interface Prepared {
  domains: PreparedDomain[];
  domainCum: Float64Array;
  /** Forms 0..V-1 are the words, V..2V-1 the same capitalised. */
  forms: SpacedText;
  /** 1 for punctuation and the two markers. */
  punct: Uint8Array;
  /** Non-zero for MINOR words: 1 if a title may open with it, 2 if not. */
  minor: Uint8Array;
  colon: number;
}

const preparedModels = new WeakMap<CorpusModel, Prepared>();

function prepare(model: CorpusModel): Prepared {
  const cached = preparedModels.get(model);
  if (cached) return cached;
  const words = model.words;
  const vocab = words.length;
  if (vocab >= ESCAPE) throw new Error(`the vocabulary has ${vocab} words; the sampler takes at most ${ESCAPE - 1}`);
  const punct = Uint8Array.from(words, (w, id) => (id <= TITLE_START || PUNCT.has(w) ? 1 : 0));
  const enc = new TextEncoder();
  const lower = words.map((w) => enc.encode(w));
  const forms = spacedText(2 * vocab, (k) => (k < vocab ? lower[k]! : enc.encode(words[k - vocab]!.charAt(0).toUpperCase() + words[k - vocab]!.slice(1))));
  const p: Prepared = {
    domains: model.domains.map((d) => {
      const ids: number[] = [];
      const weights: number[] = [];
      d.unigram.forEach((c, id) => c > 0 && !punct[id] && (ids.push(id), weights.push(c)));
      const a = d.anchorWords;
      // Rendered as real text: punctuation without a space, a capital after a full stop and at the start.
      const anchorText = renderAnchors(forms, a, d.anchorOffsets, punct, vocab);
      const wordsBefore = new Uint32Array(a.length + 1);
      for (let k = 0; k < a.length; k++) wordsBefore[k + 1] = wordsBefore[k]! + (punct[a[k]!] ? 0 : 1);
      return {
        abstractRows: bigramRows(d.abstractBigrams),
        titleRows: bigramRows(d.titleBigrams),
        unigram: aliasRows(Uint32Array.of(0, ids.length), ids, weights),
        topical: Uint8Array.from(d.docFreq, (df, id) => (!punct[id] && df < TOPICAL_SHARE * d.documents ? 1 : 0)),
        anchorText,
        wordsBefore,
        anchorWords: a,
        anchorOffsets: d.anchorOffsets,
        titleWords: d.titleWords,
        titleOffsets: d.titleOffsets,
        categoryCum: cumulative(d.categories.map((c) => c.weight)),
      };
    }),
    domainCum: cumulative(model.domains.map((d) => d.documents || 1)),
    forms,
    punct,
    // 1 for minor words a title may open with ("a", "the", "on"), 2 for the others.
    minor: Uint8Array.from(words, (w) => (MINOR.has(w) ? (TITLE_OPENERS.has(w) ? 1 : 2) : 0)),
    colon: words.indexOf(":"),
  };
  preparedModels.set(model, p);
  return p;
}

const SYLLABLES = "ka lo ri ven tor mi sa qu ar el on dra fi ne zu pol gar im bex tal cor vi ra sy lun mor the ix an ost".split(" ");

/** Writes titles and abstracts for one seeded stream: begin() a paper, then title() and abstract(). */
class Sampler {
  private readonly p: Prepared;
  private readonly vocab: number;
  private readonly anchorShare: number;
  private readonly backoffShare: number;
  private readonly leak: number;
  /** Run lengths for copies from the anchor, drawn by index: a geometric distribution with the model's mean. */
  private readonly runs: Uint8Array;
  private out = Buffer.allocUnsafe(1 << 16);
  private pos = 0;
  /** Words left before the next invented one: a geometric gap, drawn once instead of a draw per word. */
  private untilNovel: number;
  /** stamp[w] === paper when word w occurs in the current paper's anchor abstract. */
  private readonly stamp: Uint32Array;
  private paper = 0;
  private d!: PreparedDomain;
  private anchorFrom = 0;
  private anchorTo = 0;
  private titleFrom = 0;
  private titleTo = 0;

  constructor(
    private readonly model: CorpusModel,
    readonly rand: () => number,
  ) {
    this.p = prepare(model);
    this.vocab = model.words.length;
    this.anchorShare = model.mix.anchor;
    this.backoffShare = model.mix.anchor + model.mix.unigram;
    this.leak = model.mix.leak;
    const keep = 1 - 1 / model.mix.run;
    this.runs = Uint8Array.from({ length: 256 }, (_, i) => Math.min(40, 1 + Math.floor(Math.log(1 - (i + 0.5) / 256) / Math.log(keep || 1e-9))));
    this.untilNovel = this.novelGap();
    this.stamp = new Uint32Array(this.vocab);
  }

  domain(): number {
    return pick(this.p.domainCum, this.rand());
  }

  category(domain: number): string {
    return this.model.domains[domain]!.categories[pick(this.p.domains[domain]!.categoryCum, this.rand())]!.name;
  }

  /** Starts a paper of `domain` whose topic is that of real paper `anchorDoc` (its abstract and a title). */
  begin(domain: number, anchorDoc: number): void {
    const d = (this.d = this.p.domains[domain]!);
    this.anchorFrom = d.anchorOffsets[anchorDoc]!;
    this.anchorTo = d.anchorOffsets[anchorDoc + 1]!;
    const titles = d.titleOffsets.length - 1;
    const titleDoc = titles === d.anchorOffsets.length - 1 ? anchorDoc : Math.floor(this.rand() * titles);
    this.titleFrom = d.titleOffsets[titleDoc] ?? 0;
    this.titleTo = d.titleOffsets[titleDoc + 1] ?? 0;
    const paper = ++this.paper;
    for (let k = this.anchorFrom; k < this.anchorTo; k++) this.stamp[d.anchorWords[k]!] = paper;
    for (let k = this.titleFrom; k < this.titleTo; k++) this.stamp[d.titleWords[k]!] = paper;
  }

  /**
   * Title and abstract lengths in words: with the shared data those of the anchor paper (anchors are drawn
   * uniformly, so the lengths follow the real distributions, and a paper never outgrows the text it borrows
   * from), give or take 10% for the abstract; otherwise draws from the model's length samples.
   */
  lengths(): [title: number, abstract: number] {
    if (!this.model.fromSharedData) return [sampleOf(this.model.titleLengths, this.rand), sampleOf(this.model.abstractLengths, this.rand)];
    let title = 0;
    for (let k = this.titleFrom; k < this.titleTo; k++) title += this.p.punct[this.d.titleWords[k]!] ? 0 : 1;
    const words = this.d.wordsBefore[this.anchorTo]! - this.d.wordsBefore[this.anchorFrom]!;
    return [Math.max(2, title), Math.max(20, Math.round(words * (0.9 + 0.2 * this.rand())))];
  }

  /** Whether the paper may use word w: any common word, a topical one if its anchor has it, or by leak. */
  private onTopic(w: number): boolean {
    return this.d.topical[w] === 0 || this.stamp[w] === this.paper || this.rand() < this.leak;
  }

  private novelGap(): number {
    return Math.floor(Math.log(1 - this.rand()) / Math.log(1 - NOVEL_RATE));
  }

  /** Appends bytes[from .. to). */
  private copy(bytes: Uint8Array, from: number, to: number): void {
    if (this.pos + to - from > this.out.length) this.grow(to - from);
    const out = this.out;
    let pos = this.pos;
    for (let i = from; i < to; i++) out[pos++] = bytes[i]!;
    this.pos = pos;
  }

  /** Appends word w, capitalised when asked, after a space unless first; or, at the geometric gap, an invented word. */
  private word(w: number, capital: boolean): void {
    if (--this.untilNovel < 0) {
      this.untilNovel = this.novelGap();
      this.novel(capital);
      return;
    }
    const { bytes, at } = this.p.forms;
    const k = capital ? this.vocab + w : w;
    this.copy(bytes, at[k]! + (this.pos === 0 ? 1 : 0), at[k + 1]!);
  }

  /** Appends an invented word of 2-4 syllables, capitalised when asked or two times in five (as a name). */
  private novel(capital: boolean): void {
    let w = "";
    for (let k = 2 + Math.floor(this.rand() * 3); k > 0; k--) w += SYLLABLES[Math.floor(this.rand() * SYLLABLES.length)];
    if (this.pos + w.length + 1 > this.out.length) this.grow(w.length + 1);
    if (this.pos > 0) this.out[this.pos++] = 32;
    const upper = capital || this.rand() < 0.4;
    for (let i = 0; i < w.length; i++) this.out[this.pos++] = i === 0 && upper ? w.charCodeAt(0) - 32 : w.charCodeAt(i);
  }

  private grow(need: number): void {
    const bigger = Buffer.allocUnsafe(Math.max(this.out.length * 2, this.pos + need));
    this.out.copy(bigger, 0, 0, this.pos);
    this.out = bigger;
  }

  private take(): string {
    const s = this.out.toString("utf8", 0, this.pos);
    this.pos = 0;
    return s;
  }

  /**
   * An abstract of `length` words in sentences, ending with a full stop. Each step draws one number u: below
   * anchorShare it copies a run of real text from the anchor, below backoffShare it draws from the domain
   * unigram, otherwise from the bigram row of the previous word. A row's ESCAPE slot, and a topical word the
   * anchor lacks (twice, or once past the leak), also turn into a run from the anchor.
   */
  abstract(length: number): string {
    const d = this.d;
    const { offsets, slots } = d.abstractRows;
    const { punct, forms } = this.p;
    const text = d.anchorText;
    const anchorWords = d.anchorWords;
    const anchorFrom = this.anchorFrom;
    const anchorLength = this.anchorTo - anchorFrom;
    const rand = this.rand;
    const anchorShare = this.anchorShare;
    const backoffShare = this.backoffShare;
    const bigramScale = 1 / (1 - backoffShare);
    let cursor = anchorFrom + Math.floor(rand() * anchorLength);
    let prev = SENTENCE;
    for (let n = 0; n < length; ) {
      const u = rand();
      let w = 0;
      let run = u < anchorShare;
      if (run) {
        // handled below
      } else if (u < backoffShare || offsets[prev] === offsets[prev + 1]) {
        w = draw(d.unigram, 0, rand());
      } else {
        // draw(d.abstractRows, prev, ...) by hand: this line runs for most words.
        const from = offsets[prev]!;
        const x = (u - backoffShare) * bigramScale * (offsets[prev + 1]! - from);
        const i = Math.floor(x);
        const s = slots[2 * (from + i)]!;
        w = (x - i) * KEEP_SCALE < s >>> ITEM_BITS ? s & ITEM_MASK : slots[2 * (from + i) + 1]!;
        if (w !== ESCAPE && !this.onTopic(w)) {
          w = draw(d.abstractRows, prev, rand());
          if (w !== ESCAPE && !this.onTopic(w)) w = ESCAPE;
        }
        run = w === ESCAPE;
      }
      if (run) {
        // Real text from a random word of the anchor on, as bytes; the first word goes through word() for its
        // capital letter and the novel-word gap.
        // Runs move forward through the anchor (skipping 0-8 tokens, wrapping at its end), so a paper follows its
        // anchor's thread instead of repeating one passage.
        let start = cursor + Math.floor(rand() * 9);
        if (start >= anchorFrom + anchorLength) start = anchorFrom + (anchorLength > 0 ? (start - anchorFrom) % anchorLength : 0);
        while (punct[anchorWords[start]!] && start + 1 < anchorFrom + anchorLength) start++;
        if (anchorLength > 0 && !punct[anchorWords[start]!]) {
          let end = Math.min(start + this.runs[Math.floor(rand() * 256)]!, anchorFrom + anchorLength);
          cursor = end;
          while (end > start + 1 && d.wordsBefore[end]! - d.wordsBefore[start]! > length - n) end--;
          this.word(anchorWords[start]!, prev === SENTENCE);
          if (end > start + 1) this.copy(text.bytes, text.at[start + 1]!, text.at[end]!);
          n += d.wordsBefore[end]! - d.wordsBefore[start]!;
          prev = anchorWords[end - 1]!;
          continue;
        }
        w = draw(d.unigram, 0, rand());
      }
      if (punct[w]) {
        if (prev === SENTENCE || punct[prev]) w = draw(d.unigram, 0, rand());
        else {
          this.copy(forms.bytes, forms.at[w]! + 1, forms.at[w + 1]!);
          prev = w;
          continue;
        }
      }
      this.word(w, prev === SENTENCE);
      prev = w;
      n++;
    }
    if (punct[prev]) this.pos--; // punctuation is one byte
    this.copy(forms.bytes, forms.at[SENTENCE]! + 1, forms.at[SENTENCE + 1]!);
    return this.take();
  }

  /**
   * A title of `length` words, Title Case (as most arXiv ML titles) or, one time in four, sentence case: a walk on
   * the title bigrams whose escapes copy runs from the anchor paper's real title, so titles read like titles and,
   * as in real papers, share their topic words with the abstract.
   */
  title(length: number): string {
    const d = this.d;
    const { punct, minor, colon, forms } = this.p;
    const rows = d.titleRows;
    const words = d.titleWords;
    const titleCase = this.rand() < 0.75;
    let prev = TITLE_START;
    let at = this.titleFrom + Math.floor(this.rand() * Math.max(1, this.titleTo - this.titleFrom));
    let runLeft = 0;
    for (let n = 0, steps = 0; n < length && steps < 4 * length + 8; steps++) {
      let w: number;
      if (runLeft > 0 && at < this.titleTo) {
        w = words[at++]!;
        runLeft--;
      } else {
        w = rows.offsets[prev] === rows.offsets[prev + 1] ? ESCAPE : draw(rows, prev, this.rand());
        if ((w === ESCAPE || !this.onTopic(w)) && this.titleTo > this.titleFrom) {
          // Forward through the anchor title, skipping 0-2 tokens and wrapping, as for abstracts.
          at += Math.floor(this.rand() * 3);
          if (at >= this.titleTo || at < this.titleFrom) at = this.titleFrom + ((at - this.titleFrom) % (this.titleTo - this.titleFrom) + (this.titleTo - this.titleFrom)) % (this.titleTo - this.titleFrom);
          runLeft = this.runs[Math.floor(this.rand() * 256)]! - 1;
          w = words[at++]!;
        } else if (w === ESCAPE) w = draw(d.unigram, 0, this.rand());
      }
      const last = n + 1 >= length;
      // No leading, doubled or trailing punctuation, no word twice in a row, no title opening with "of" or ending
      // with "the": skip, ending any run.
      if (
        w <= TITLE_START ||
        w === prev ||
        (punct[w] && (prev === TITLE_START || punct[prev] || last)) ||
        (minor[w] && (last || (prev === TITLE_START && minor[w] === 2)))
      ) {
        runLeft = 0;
        continue;
      }
      if (punct[w]) this.copy(forms.bytes, forms.at[w]! + 1, forms.at[w + 1]!);
      else {
        this.word(w, prev === TITLE_START || prev === colon || (titleCase && !minor[w]));
        n++;
      }
      prev = w;
    }
    if (this.pos === 0) this.word(draw(d.unigram, 0, this.rand()), true);
    return this.take();
  }
}

/** Index of the first cumulative weight above r * total (binary search; for short lists). */
function pick(cum: Float64Array, r: number): number {
  const target = r * cum[cum.length - 1]!;
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > target) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

function cumulative(weights: number[]): Float64Array {
  const out = new Float64Array(weights.length);
  let run = 0;
  weights.forEach((w, i) => (out[i] = run += w));
  return out;
}

const sampleOf = <T extends ArrayLike<number>>(arr: T, rand: () => number): number => arr[Math.floor(rand() * arr.length)]!;

function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/**
 * Papers in id order: ids YYMM.NNNNN ascending, dates ascending with them over 60 months from 2021-01 (a month holds
 * ceil(n / 60) papers, at most 99,999). Each paper picks a domain in proportion to its real abstracts, then an anchor
 * paper of that domain for its topic and lengths (see Sampler.lengths), 1-8 real author names and 1-3 categories.
 */
export function* generatePapers(model: CorpusModel, n: number, seed: number): Generator<SyntheticPaper> {
  const rand = mulberry32(seed);
  const s = new Sampler(model, rand);
  const perMonth = Math.min(MAX_PER_MONTH, Math.max(1, Math.ceil(n / SPAN_MONTHS)));
  const names = model.authorNames;
  for (let i = 0; i < n; i++) {
    const month = Math.floor(i / perMonth);
    const seq = i - month * perMonth;
    const year = FIRST_YEAR + Math.floor(month / 12);
    const mon = (month % 12) + 1;
    const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
    const day = 1 + Math.floor((seq * days) / perMonth);
    const published = new Date(Date.UTC(year, mon - 1, day, 0, 0, Math.floor(rand() * 86_400))).toISOString();

    const di = s.domain();
    const anchor = Math.floor(rand() * model.domains[di]!.documents);
    s.begin(di, anchor);
    const [titleLength, abstractLength] = s.lengths();
    const title = s.title(titleLength);
    const abstract = s.abstract(abstractLength);

    const nAuthors = sampleOf(model.authorCounts, rand);
    let authors = "";
    for (let k = 0; k < nAuthors; k++) authors += (k ? ", " : "") + names[Math.floor(rand() * names.length)];

    // 1-3 distinct categories (45% one, 35% two, 20% three): cross-listing is common on arXiv but not the rule.
    const r = rand();
    const nCats = r < 0.45 ? 1 : r < 0.8 ? 2 : 3;
    let categories = s.category(di);
    for (let k = 1; k < nCats; k++) {
      const c = s.category(di);
      if (!` ${categories} `.includes(` ${c} `)) categories += " " + c;
    }
    yield { id: `${pad(year % 100, 2)}${pad(mon, 2)}.${pad(seq + 1, 5)}`, title, abstract, authors, categories, published };
  }
}

// ---------------------------------------------------------------- Kaggle JSON lines

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The snapshot's version date: "Mon, 2 Apr 2007 19:18:42 GMT". */
function rfc2822(d: Date): string {
  const t = `${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
  return `${DAY_NAMES[d.getUTCDay()]}, ${d.getUTCDate()} ${MONTH_NAMES[d.getUTCMonth()]} ${d.getUTCFullYear()} ${t} GMT`;
}

/**
 * One line of the Kaggle arXiv snapshot, with the 14 fields (in order) that bench/import-bench.ts writes; v1's
 * date is `published`. Written by hand rather than by JSON.stringify, which spent most of its time scanning the
 * abstract for characters to escape: no generated text has any (words come from TOKEN, names pass PLAIN_NAME;
 * quotes, backslashes and control characters match neither), and --check parses every line it writes.
 */
function kaggleLine(p: SyntheticPaper, rand: () => number): string {
  const names = p.authors.split(", ");
  let parsed = "";
  for (const name of names) {
    const cut = name.lastIndexOf(" ");
    parsed += `${parsed ? "," : ""}["${name.slice(cut + 1)}","${cut > 0 ? name.slice(0, cut) : ""}",""]`;
  }
  let last = new Date(p.published);
  let versions = `{"version":"v1","created":"${rfc2822(last)}"}`;
  // About a third of papers get a v2, an eighth of those a v3, days to weeks later.
  for (let v = 2; v <= 3 && rand() < (v === 2 ? 0.35 : 0.12); v++) {
    last = new Date(last.getTime() + (1 + Math.floor(rand() * 60)) * 86_400_000 + Math.floor(rand() * 86_400_000));
    versions += `,{"version":"v${v}","created":"${rfc2822(last)}"}`;
  }
  const comments = rand() < 0.6 ? `"${5 + Math.floor(rand() * 35)} pages, ${Math.floor(rand() * 12)} figures"` : "null";
  const license = rand() < 0.5 ? '"http://creativecommons.org/licenses/by/4.0/"' : "null";
  return (
    `{"id":"${p.id}","submitter":"${names[0]}","authors":"${p.authors}","title":"${p.title}","comments":${comments},` +
    `"journal-ref":null,"doi":null,"report-no":null,"categories":"${p.categories}","license":${license},` +
    `"abstract":"  ${p.abstract}\\n","versions":[${versions}],"update_date":"${last.toISOString().slice(0, 10)}",` +
    `"authors_parsed":[${parsed}]}`
  );
}

/** Writes n papers as Kaggle JSON lines, in chunks of about 1 MB with back-pressure, so memory stays flat. */
export async function writeKaggleJsonl(model: CorpusModel, n: number, seed: number, path: string): Promise<{ bytes: number }> {
  const out = createWriteStream(path);
  // A second stream for the fields papers do not carry, so the file holds exactly generatePapers(model, n, seed).
  const extra = mulberry32(seed ^ 0x5bd1e995);
  let bytes = 0;
  let lines: string[] = [];
  let chars = 0;
  const flush = async () => {
    const buf = Buffer.from(lines.join(""));
    bytes += buf.length;
    lines = [];
    chars = 0;
    if (!out.write(buf)) await once(out, "drain");
  };
  try {
    for (const p of generatePapers(model, n, seed)) {
      const line = kaggleLine(p, extra) + "\n";
      lines.push(line);
      chars += line.length;
      if (chars >= 1 << 20) await flush();
    }
    if (lines.length) await flush();
    out.end();
    await once(out, "finish");
  } catch (err) {
    out.destroy();
    throw err;
  }
  return { bytes };
}

// ---------------------------------------------------------------- queries

/** Function words and abstract boilerplate: frequent, but nobody searches for them. */
const STOPWORDS = new Set(
  `a about above after again against all also although among an and any are as at be because been before being below
between both but by can could did do does doing during each either et al. e.g. i.e. etc. few for from further had has
have having here how however if in into is it its itself just may might more most much must no nor not of off on once
only or other our ours out over own per same should so some such than that the their them then there these they this
those through thus to too under until up upon very via was we were what when where whether which while who whom why
will with within without would yet you your us one two three four five first second third new novel propose proposed
proposes show shows shown paper work approach approaches method methods results result using use used uses based
existing present presents introduce introduces demonstrate demonstrates achieve achieves achieved significantly
significant various several different including well furthermore moreover across better improve improves improved
address leverage leverages enable enables provide provides study studies effective effectively extensive experiments
experiment state-of-the-art art state code available publicly recent recently often many large small high low end
make makes made remains key specific additional able due ago given like even still whereas less least total
associated compared related respectively overall among previously previous prior following despite toward towards
common current currently typically usually especially particularly increasingly widely highly`.split(/\s+/),
);

const QUESTION_TEMPLATES = [
  "how do {P} improve {P}",
  "what is the effect of {P} on {P}",
  "which methods reduce {T} in {P}",
  "can {P} be used for {P}",
  "papers on {P} for {P}",
  "how to evaluate {P} on {T} tasks",
  "why does {P} fail on {P}",
  "recent work on {P} with {P}",
  "comparison of {P} and {P} for {T}",
  "what are the limitations of {P} in {P}",
  "efficient {P} for {P} with limited {T}",
  "does {T} help {P} generalize to {P}",
  "survey of {P} approaches for {T}",
  "best practices for training {P} at scale",
];

/** Pair counts below this are chance adjacencies, not phrases anyone would search for. */
const MIN_PHRASE_COUNT = 5;

/** Term and phrase pools shared by all query kinds, weighted towards frequent ones. */
class QueryPools {
  readonly terms: number[];
  readonly termCum: Float64Array;
  readonly pairs: [number, number][] = [];
  readonly pairCum: Float64Array;
  /** Content-word successors of each pair's second word, for three-word chains. */
  private readonly successors = new Map<number, number[]>();

  constructor(private readonly model: CorpusModel) {
    const content = model.words.map((w, id) => id > TITLE_START && w.length >= 3 && /^\p{L}/u.test(w) && !STOPWORDS.has(w.toLowerCase()));
    const byDf = [...model.docFreq.keys()].filter((id) => content[id]).sort((a, b) => model.docFreq[b]! - model.docFreq[a]! || a - b);
    // "Frequent but not stopword": the 2,000 most widespread content words, drawn by sqrt(df) so the head is
    // common without every query being "model".
    this.terms = byDf.slice(0, 2000);
    this.termCum = cumulative(this.terms.map((id) => Math.sqrt(model.docFreq[id]!)));

    // Phrases: adjacent content words that occur together far more than chance (PMI > 2), most frequent first.
    const pairCount = new Map<number, number>();
    for (const d of model.domains) {
      const { offsets, next, count } = d.abstractBigrams;
      for (let a = 0; a + 1 < offsets.length; a++) {
        if (!content[a]) continue;
        for (let i = offsets[a]!; i < offsets[a + 1]!; i++) {
          if (content[next[i]!]) pairCount.set(a * model.words.length + next[i]!, (pairCount.get(a * model.words.length + next[i]!) ?? 0) + count[i]!);
        }
      }
    }
    const total = model.unigram.reduce((s, c) => s + c, 0);
    const minCount = model.fromSharedData ? MIN_PHRASE_COUNT : 1;
    const candidates: [number, number, number][] = [];
    for (const [key, c] of pairCount) {
      const a = Math.floor(key / model.words.length);
      const b = key - a * model.words.length;
      const pmi = Math.log2((c * total) / (model.unigram[a]! * model.unigram[b]! || 1));
      if (c >= minCount && pmi > 2) candidates.push([a, b, c]);
    }
    candidates.sort((x, y) => y[2] - x[2] || x[0] - y[0] || x[1] - y[1]);
    const kept = candidates.slice(0, 3000);
    for (const [a, b] of kept) {
      this.pairs.push([a, b]);
      const list = this.successors.get(a) ?? [];
      list.push(b);
      this.successors.set(a, list);
    }
    this.pairCum = cumulative(kept.map((c) => Math.sqrt(c[2])));
  }

  private word(id: number): string {
    return this.model.words[id]!.toLowerCase();
  }

  term(rand: () => number): string {
    return this.word(this.terms[pick(this.termCum, rand())]!);
  }

  /** A two-word phrase from the bigrams, or two frequent terms when the model has too few. */
  phrase(rand: () => number): string[] {
    return this.phraseIds(rand).map((id) => this.word(id));
  }

  private phraseIds(rand: () => number): number[] {
    if (this.pairs.length < 20) return [this.terms[pick(this.termCum, rand())]!, this.terms[pick(this.termCum, rand())]!];
    return [...this.pairs[pick(this.pairCum, rand())]!];
  }

  /** A phrase extended by a third word that is itself a phrase with the second ("reinforcement learning agents"). */
  chain(rand: () => number): string[] {
    const ids = this.phraseIds(rand);
    const after = this.successors.get(ids[1]!);
    if (after) {
      const c = after[Math.floor(rand() * after.length)]!;
      if (!ids.includes(c)) ids.push(c);
    }
    return ids.map((id) => this.word(id));
  }
}

/**
 * A fixed query mix: 60% keyword (2-4 words, from bigram phrases and frequent terms), 30% natural-language questions
 * (6-12 words), 10% with syntax (a quoted phrase, cat:, after:, before:). Distinct where the model allows, in a
 * seeded shuffled order. Filters use the corpus's categories and its date span (2021-2025).
 */
export function benchQueries(model: CorpusModel, count: number, seed: number): string[] {
  const rand = mulberry32(seed);
  const pools = new QueryPools(model);
  // Categories as papers get them: a domain by its share, then a category by weight.
  const domainCum = cumulative(model.domains.map((d) => d.documents || 1));
  const categoryCum = model.domains.map((d) => cumulative(d.categories.map((c) => c.weight)));
  const keyword = Math.round(count * 0.6);
  const natural = Math.round(count * 0.3);
  const kinds = [...Array<string>(keyword).fill("k"), ...Array<string>(natural).fill("n"), ...Array<string>(Math.max(0, count - keyword - natural)).fill("s")];
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!];
  }

  const keywordQuery = (): string => {
    const r = rand();
    let words: string[];
    if (r < 0.45) words = pools.phrase(rand);
    else if (r < 0.7) words = pools.chain(rand);
    else if (r < 0.85) words = [...pools.phrase(rand), pools.term(rand)];
    else words = Array.from({ length: 2 + Math.floor(rand() * 3) }, () => pools.term(rand));
    return [...new Set(words)].slice(0, 4).join(" ");
  };
  const question = (): string => {
    for (;;) {
      const t = QUESTION_TEMPLATES[Math.floor(rand() * QUESTION_TEMPLATES.length)]!;
      const q = t.replace(/\{([PT])\}/g, (_, k: string) => (k === "T" ? pools.term(rand) : (rand() < 0.3 ? pools.chain(rand) : pools.phrase(rand)).join(" ")));
      const n = q.split(" ").length;
      if (n >= 6 && n <= 12) return q;
    }
  };
  const category = () => {
    const d = pick(domainCum, rand());
    return model.domains[d]!.categories[pick(categoryCum[d]!, rand())]!.name;
  };
  const day = (): string => {
    const month = Math.floor(rand() * SPAN_MONTHS);
    return `${FIRST_YEAR + Math.floor(month / 12)}-${pad((month % 12) + 1, 2)}-${pad(1 + Math.floor(rand() * 28), 2)}`;
  };
  const syntax = (): string => {
    const quoted = `"${pools.phrase(rand).join(" ")}"`;
    switch (Math.floor(rand() * 6)) {
      case 0: return quoted;
      case 1: return `${quoted} ${pools.term(rand)}`;
      case 2: return `${keywordQuery()} cat:${category()}`;
      case 3: return `${keywordQuery()} after:${day()}`;
      case 4: return `${keywordQuery()} before:${FIRST_YEAR + 1 + Math.floor(rand() * 4)}`;
      default: return `${quoted} cat:${category()} after:${FIRST_YEAR + Math.floor(rand() * 5)}`;
    }
  };

  const seen = new Set<string>();
  const out: string[] = [];
  for (const kind of kinds) {
    let q = "";
    // Bounded retries: the small fallback model may run out of distinct queries.
    for (let attempt = 0; attempt < 50; attempt++) {
      q = kind === "k" ? keywordQuery() : kind === "n" ? question() : syntax();
      if (!seen.has(q)) break;
    }
    seen.add(q);
    out.push(q);
  }
  return out;
}

/** The SciFact claims (scifact/queries.jsonl), the first `limit` in file order; empty when the shared data is absent. */
export function realQueries(limit = Infinity, opts: { sharedDir?: string } = {}): string[] {
  const file = join(resolve(opts.sharedDir ?? DEFAULT_SHARED), "scifact/queries.jsonl");
  const out: string[] = [];
  for (const o of readJsonl(file, [])) {
    if (out.length >= limit) break;
    const text = str(o.text).trim();
    if (text) out.push(text);
  }
  return out;
}

// ---------------------------------------------------------------- self-check

const WORD = /\p{L}[\p{L}\p{N}'-]*/gu;
const countWords = (text: string) => text.match(/[^\s.,;:]+/g)?.length ?? 0;

/** Parses 1,000 bench queries with the project's own query parser and prints the mix it sees. */
async function checkQueries(model: CorpusModel): Promise<void> {
  const { parseQuery } = await import("../src/search/query/parse-query.js");
  let keyword = 0;
  let question = 0;
  let syntax = 0;
  let warnings = 0;
  let empty = 0;
  const queries = benchQueries(model, 1000, 1);
  for (const q of queries) {
    const parsed = parseQuery(q);
    warnings += parsed.warnings.length > 0 ? 1 : 0;
    empty += parsed.terms.length + parsed.phrases.length === 0 ? 1 : 0;
    if (parsed.phrases.length || parsed.categories.length || parsed.after || parsed.before) syntax++;
    else if (parsed.terms.length >= 6 || q.split(" ").length >= 6) question++;
    else keyword++;
  }
  console.log(`query mix:       ${fmt(keyword)} keyword, ${fmt(question)} questions, ${fmt(syntax)} with syntax of ${fmt(queries.length)} ` +
    `(${fmt(new Set(queries).size)} distinct); parseQuery: ${warnings} with warnings, ${empty} without search words`);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en");
const PROFILE_WORDS = ["model", "models", "learning", "language", "diffusion", "reinforcement", "patients", "cells", "propose"];

async function check(sharedDir: string | undefined): Promise<void> {
  const t0 = performance.now();
  const model = await loadLanguageModel({ sharedDir });
  const loadS = (performance.now() - t0) / 1000;
  const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, x) => s + x, 0) / a.length;
  const skipped = model.fromSharedData ? `${model.skipped.length} malformed files/lines skipped` : model.skipped.join("; ");
  console.log(`source:          ${model.source} (${skipped}); loaded in ${loadS.toFixed(1)} s`);
  const edges = model.domains.reduce((s, d) => s + d.abstractBigrams.next.length, 0);
  console.log(`vocabulary:      ${fmt(model.words.length - 2)} words, ${fmt(model.tokens)} abstract tokens, ${fmt(edges)} abstract bigrams`);
  console.log(`domains:         ${model.domains.map((d) => `${d.name} ${fmt(d.documents)}`).join(", ")}`);
  console.log(`mean title:      ${mean(model.titleLengths).toFixed(1)} words (distribution of ${fmt(model.titleLengths.length)})`);
  console.log(`mean abstract:   ${mean(model.abstractLengths).toFixed(1)} words (distribution of ${fmt(model.abstractLengths.length)})`);
  console.log(`authors:         ${fmt(model.authorNames.length)} names, mean ${mean(model.authorCounts).toFixed(1)} a paper`);

  const t1 = performance.now();
  generatePapers(model, 1, 1).next(); // builds and caches the sampler tables
  const tablesS = (performance.now() - t1) / 1000;

  // The timed run: 100,000 papers, keeping three to show and the mean lengths.
  const n = 100_000;
  const samples: SyntheticPaper[] = [];
  let titleWords = 0;
  let abstractWords = 0;
  const cpu0 = process.cpuUsage();
  const t2 = performance.now();
  let i = 0;
  for (const p of generatePapers(model, n, 42)) {
    if (i++ % 49_999 === 0) samples.push(p);
    if (i <= 10_000) (titleWords += countWords(p.title)), (abstractWords += countWords(p.abstract));
  }
  const genS = (performance.now() - t2) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;

  console.log("\nsample papers (of the timed run):");
  for (const p of samples) console.log(JSON.stringify(p, null, 2));

  console.log("\nsample queries:");
  for (const q of benchQueries(model, 10, 1)) console.log(`  ${q}`);
  await checkQueries(model);
  const real = realQueries(3, { sharedDir });
  console.log(`real queries:    ${real.length ? `${fmt(realQueries(Infinity, { sharedDir }).length)}, e.g. ${real.map((q) => JSON.stringify(q)).join(", ")}` : "none (scifact/queries.jsonl absent)"}`);

  const [load1] = loadavg();
  console.log(`\ngeneration:      ${fmt(n)} papers in ${genS.toFixed(2)} s = ${fmt(n / genS)} papers/s (${fmt(n / cpuS)} papers per CPU-second; ` +
    `${availableParallelism()} CPUs, load average ${load1!.toFixed(1)}); tables built in ${tablesS.toFixed(1)} s`);
  console.log(`generated means: title ${(titleWords / 10_000).toFixed(1)} words, abstract ${(abstractWords / 10_000).toFixed(1)} words (first 10,000 papers)`);

  const dir = mkdtempSync(join(tmpdir(), "pb-corpus-"));
  try {
    const file = join(dir, "corpus.jsonl");
    const t3 = performance.now();
    const { bytes } = await writeKaggleJsonl(model, n, 42, file);
    const writeS = (performance.now() - t3) / 1000;
    // The importer's own Kaggle mapping must accept every line.
    const { mapKaggle } = await import("../src/ingest/formats/kaggle.js");
    let accepted = 0;
    const lines = readFileSync(file, "utf8").split("\n").filter(Boolean);
    for (const line of lines) if (mapKaggle(JSON.parse(line)).paper.title) accepted++;
    console.log(`kaggle jsonl:    ${fmt(n)} papers, ${(bytes / 1e6).toFixed(0)} MB in ${writeS.toFixed(2)} s = ${fmt(n / writeS)} papers/s; mapKaggle accepted ${fmt(accepted)}/${fmt(lines.length)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  // Term profile: document frequency of common words in 10,000 synthetic papers beside the real abstracts.
  const df = new Map<string, number>();
  let docs = 0;
  let words = 0;
  for (const p of generatePapers(model, 10_000, 3)) {
    docs++;
    words += p.abstract.split(" ").length;
    for (const w of new Set(p.abstract.toLowerCase().match(WORD) ?? [])) df.set(w, (df.get(w) ?? 0) + 1);
  }
  const ids = new Map(model.words.map((w, id) => [w.toLowerCase(), id]));
  const realDf = (w: string) => (model.documents ? `${Math.round((100 * (model.docFreq[ids.get(w) ?? -1] ?? 0)) / model.documents)}%` : "-");
  const synDf = (w: string) => `${Math.round((100 * (df.get(w) ?? 0)) / docs)}%`;
  console.log(`10k papers:      ${fmt(df.size)} distinct abstract words, mean abstract ${fmt(words / docs)} words`);
  console.log(`df real→synth:   ${["the", "we", ...PROFILE_WORDS].map((w) => `${w} ${realDf(w)}→${synDf(w)}`).join(", ")}`);
  const ranked = [...df].sort((a, b) => b[1] - a[1]);
  const ranks = [1, 10, 100, 1000, 10000].filter((r) => r <= ranked.length);
  console.log(`df by rank:      ${ranks.map((r) => `#${r} ${ranked[r - 1]![0]} ${((100 * ranked[r - 1]![1]) / docs).toFixed(1)}%`).join(", ")}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url) && process.argv.includes("--check")) {
  const i = process.argv.indexOf("--shared-dir");
  await check(i > 0 ? process.argv[i + 1] : undefined);
}
