// Seeded random papers over a small vocabulary with common and rare words, for comparing the postings index with FTS5.
import { emptyPaper, type ImportRecord } from "../../../domain/paper.js";

export const VOCAB = [
  "attention", "transformer", "transformers", "graph", "networks", "network", "diffusion", "protein", "folding", "retrieval",
  "sparse", "dense", "quantum", "lattice", "gradient", "descent", "tokens", "vision", "speech", "robot", "policy", "reward",
  "kernel", "bayesian", "inference", "causal", "market", "galaxy", "cluster", "enzyme", "genome", "tumour", "café", "naïve",
  // Sharing stems with abstracts' boilerplate (based, paper, use), which the index holds too.
  "base", "papers", "using",
];
// Rarer made-up words, so most words are in few papers and idf matters (a word in over half the papers has idf ~0 in FTS5).
const SYLLABLES = ["ka", "lo", "mir", "ven", "tu", "sel", "dra", "pon"];
for (const a of SYLLABLES) for (const b of SYLLABLES) VOCAB.push(`${a}${b}x`);
const NAMES = ["Ada Lovelace", "Emmy Noether", "Alan Turing", "Grace Hopper", "Kurt Gödel", "Sophie Germain"];
const CATEGORIES = ["cs.LG", "cs.CL", "stat.ML", "q-bio.BM", "astro-ph.GA"];

export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function papers(n: number, seed: number): ImportRecord[] {
  const rand = random(seed);
  // A skewed pick, so some words are common and some rare, as in real abstracts.
  const word = () => VOCAB[Math.floor(VOCAB.length * rand() ** 1.5)]!;
  const words = (k: number) => Array.from({ length: k }, word).join(" ");
  return Array.from({ length: n }, (_, i) => ({
    paper: {
      ...emptyPaper(`2401.${String(i).padStart(5, "0")}`, "kaggle"),
      version: 1,
      title: `${words(2 + Math.floor(rand() * 6))}`,
      abstract: `We study ${words(10 + Math.floor(rand() * 60))}. The ${words(5)} is new.`,
      authors: [{ name: NAMES[Math.floor(rand() * NAMES.length)]! }],
      categories: [CATEGORIES[Math.floor(rand() * CATEGORIES.length)]!],
      publishedAt: new Date(Date.UTC(2020, 0, 1) + Math.floor(rand() * 1500) * 86_400_000).toISOString(),
    },
  }));
}

