// The papers every end-to-end test starts from, dated relative to today, with the facts the tests expect of them.
//
// Feed days are counted back from today's feed day, so the feed, trending
// window and submission window all hold them whenever the suite runs. Each
// paper is submitted at 09:00 UTC of its day, so the ratio between two
// papers' trending scores is fixed (only whole days separate them) and the
// trending order does not depend on the hour the suite runs.
import { addDays } from "../domain/feed-day.js";
import { emptyPaper, type ImportRecord } from "../domain/paper.js";
import type { FakeArxivPaper } from "./fake-arxiv.js";

/** The pieces of markup a hostile title or comment carries; neither may run. */
export const SCRIPT_TAG = "<script>window.__pwned=1</script>";
export const IMG_TAG = `<img src=x onerror="window.__pwned=1">`;

export interface SeedPaper {
  id: string;
  title: string;
  /** Days before today's feed day. */
  daysAgo: number;
  upvotes: number;
  comments: number;
  categories: readonly string[];
  abstract: string;
  code?: { url: string; stars: number };
  org?: { name: string; fullname: string };
}

export const ORG = { name: "acme-ai", fullname: "Acme AI Lab" };

/*
 * Trending score = (upvotes + 2·comments + √stars) · 2^(−age/48 h), ages a whole number of days apart:
 *   routing  (1 day ago):  40 + 4 + √100 = 54            → 54    (relative to a paper 1 day old)
 *   vit      (2 days):     30 + 10      = 40 · 2^(−½)    → 28.3
 *   protein  (1 day):      25                             → 25
 *   rlhf     (9 days):     200 · 2^(−4)                   → 12.5
 *   hostile  (2 days):     5 · 2^(−½)                     → 3.5
 *   weather  (8 days):     2 · 2^(−3.5)                   → 0.18
 *   tokenizers, kernels:   no interest                    → not listed
 */
export const PAPERS = {
  routing: {
    id: "2611.10001",
    title: "Sparse Mixture Routing at Scale",
    daysAgo: 1,
    upvotes: 40,
    comments: 2,
    categories: ["cs.LG", "cs.CL"],
    abstract: "We study how routing decisions shape sparse mixture-of-experts models trained on trillions of tokens.",
    code: { url: "https://github.com/acme-ai/sparse-routing", stars: 100 },
    org: ORG,
  },
  protein: {
    id: "2611.10002",
    title: "Protein Folding with Diffusion Models",
    daysAgo: 1,
    upvotes: 25,
    comments: 0,
    categories: ["q-bio.BM", "cs.LG"],
    abstract: "Denoising diffusion models predict protein structures from sequence alone.",
    org: ORG,
  },
  vit: {
    id: "2611.10003",
    title: "Vision Transformers Without Attention",
    daysAgo: 2,
    upvotes: 30,
    comments: 5,
    categories: ["cs.CV"],
    abstract: "Replacing attention by token mixing keeps vision models accurate at a fraction of the cost.",
  },
  tokenizers: {
    id: "2611.10004",
    title: "A Quiet Study of Tokenizers",
    daysAgo: 2,
    upvotes: 0,
    comments: 0,
    categories: ["cs.CL"],
    abstract: "Byte-level tokenizers compared on forty languages.",
  },
  hostile: {
    id: "2611.10005",
    title: `Robust parsing of ${SCRIPT_TAG} and ${IMG_TAG} in titles`,
    daysAgo: 2,
    upvotes: 5,
    comments: 0,
    categories: ["cs.CR"],
    abstract: `Abstracts may carry markup too: ${SCRIPT_TAG} ${IMG_TAG}.`,
  },
  weather: {
    id: "2611.10006",
    title: "Weather Forecasting with Graph Networks",
    daysAgo: 8,
    upvotes: 0,
    comments: 1,
    categories: ["physics.ao-ph", "cs.LG"],
    abstract: "Graph networks forecast the weather ten days ahead.",
  },
  rlhf: {
    id: "2611.10007",
    title: "Reinforcement Learning from Old Feedback",
    daysAgo: 9,
    upvotes: 200,
    comments: 0,
    categories: ["cs.LG", "cs.AI"],
    abstract: "Stale preference data still improves language models when reweighted.",
  },
  kernels: {
    id: "2611.10008",
    title: "Efficient Attention Kernels for Long Context",
    daysAgo: 9,
    upvotes: 0,
    comments: 0,
    categories: ["cs.LG"],
    abstract: "Fused kernels make long-context attention memory-bound no more.",
  },
} as const satisfies Record<string, SeedPaper>;

export type PaperKey = keyof typeof PAPERS;

/** Best first, as the trending page must list them (see the scores above). */
export const TRENDING_ORDER: PaperKey[] = ["routing", "vit", "protein", "rlhf", "hostile", "weather"];

/** The paper the fake arXiv serves for the submission test, published two days before the suite runs. */
export function submittable(now: Date): FakeArxivPaper {
  return {
    id: "2611.04242",
    title: "Fresh Results Fetched from a Local arXiv",
    summary: "A paper that only the test's own arXiv server knows about.",
    authors: ["Grace Hopper", "Edsger Dijkstra"],
    categories: ["cs.SE"],
    published: new Date(now.getTime() - 2 * 86_400_000).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

export function seedRecords(today: string): ImportRecord[] {
  return Object.values(PAPERS).map((p: SeedPaper) => {
    const day = addDays(today, -p.daysAgo);
    return {
      paper: {
        ...emptyPaper(p.id, "hf-daily"),
        version: 1,
        title: p.title,
        abstract: p.abstract,
        authors: [{ name: "Ada Lovelace" }, { name: "Alan Turing" }, { name: "Grace Hopper" }, { name: "Katherine Johnson" }],
        categories: [...p.categories],
        primaryCategory: p.categories[0] ?? null,
        publishedAt: `${addDays(day, -1)}T18:00:00.000Z`,
        links: { abs: `https://arxiv.org/abs/${p.id}`, pdf: `https://arxiv.org/pdf/${p.id}`, ...(p.code ? { code: p.code.url } : {}) },
      },
      hub: {
        feedDay: day,
        submittedAt: `${day}T09:00:00.000Z`,
        submittedBy: { name: "akhaliq", fullname: "AK" },
        upvotes: p.upvotes,
        numComments: p.comments,
        ...(p.org ? { organization: { ...p.org } } : {}),
        ...(p.code ? { githubRepo: p.code.url, githubStars: p.code.stars } : {}),
      },
    };
  });
}

/** The seeded feed days, newest first (distinct). */
export function seededDays(today: string): string[] {
  return [...new Set(Object.values(PAPERS).map((p) => addDays(today, -p.daysAgo)))].sort().reverse();
}

/** ISO 8601 week key (2024-W23) of a day, computed here independently of the hub's own period code. */
export function isoWeek(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const week = Math.floor((thursday.getTime() - jan1) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, "0")}`;
}
