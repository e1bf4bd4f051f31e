// Re-ranking a hybrid ranking's top candidates with the words of its best papers: pseudo-relevance feedback on the lexical side.
//
// A query that says what it wants in other words than the papers ("letting a
// chatbot read far longer texts without retraining") finds few of its words
// in the papers the engines put first. The fused ranking still tends to hold
// the right papers near the top, found by meaning; their own words ("context
// window", "extrapolation", "positional") are what the query meant. So the
// candidates are scored again by BM25 against the query plus the words that
// best characterise the first FEEDBACK_DOCS of them (RM3-style expansion,
// Lavrenko & Croft 2001; Abdul-Jaleel et al. 2004), and that score is mixed
// into the fused one.
//
// How much it is mixed in depends on the query. When one of the first papers
// already holds most of the query's rare words (`coverage`, weighted by
// IDF), the query is specific and the engines agree on it: expansion only
// drifts. When none does, expansion is what helps. The mix is
// (1 − coverage)³, so a keyword query or a title is left as it was, and a
// question none of whose words the first papers hold is ordered by the
// expanded BM25 alone.
//
// Measured with bench:quality (builtin provider, tuned on the seed set and
// SciFact train, never on SciFact test), hybrid nDCG@10 without → with:
// seed paraphrase 0.559 → 0.625, seed keyword 0.879 → 0.879, SciFact train
// 0.712 → 0.709. SciFact's claims each have one or two relevant abstracts,
// where expansion towards the topic of the first papers helps least; a
// research hub's questions name a topic with many. Other mixes, paraphrase /
// keyword / SciFact train: 0.85·(1 − c)² 0.634 / 0.879 / 0.703; 0.6·(1 − c)²
// 0.609 / 0.879 / 0.707; 0.85·(1 − c)³ 0.616 / 0.879 / 0.710; 0.85·(1 − c)^2.5
// 0.618 / 0.879 / 0.708; at 0.85·(1 − c)², 5 expansion words gave 0.604 / 0.877 /
// 0.705, 10 feedback papers 0.616 / 0.878 / 0.706, expansion weight 1 0.611 / 0.879 / 0.706.
// Without the coverage gate the same expansion gave paraphrase 0.636 but
// keyword 0.756 and SciFact 0.69; coverage averaged over the first three
// papers instead of their best gave 0.629 / 0.881 / 0.706, but re-ranked title look-ups
// whose other first papers are merely related. Scoring only the candidates
// keeps it cheap (no second index search) and the same on every store.
import { rawTokens, stemToken } from "./postings/index-tokens.js";
import { STOPWORDS } from "./stopwords.js";
import { minMax, type Scored } from "./fusion.js";

export interface RerankCandidate extends Scored {
  /** The paper's terms (see paperTerms), title first. */
  terms: readonly string[];
}

/** Document frequencies of terms over the whole hub, when an index knows them. */
export interface TermStats {
  size(): number;
  documentFrequency(term: string): number;
}

export interface RerankOptions {
  /** Papers whose words expand the query. */
  feedbackDocs?: number;
  /** Words added to the query. */
  expansionTerms?: number;
  /** Weight of the strongest expansion word relative to a query word (the others scale down with their scores). */
  expansionWeight?: number;
  /** Largest share of the final score the re-ranking takes (for a query none of whose words the first papers hold). */
  weight?: number;
  /** Exponent of (1 − coverage) in the mix. */
  gate?: number;
  /** Papers whose coverage of the query is measured. */
  coverageDocs?: number;
}

export const RERANK_DEFAULTS: Required<RerankOptions> = {
  feedbackDocs: 15,
  expansionTerms: 10,
  expansionWeight: 1.5,
  weight: 1,
  gate: 3,
  coverageDocs: 3,
};

/** Below this share the re-ranking could only reorder near-ties: the candidates are left as they are. */
export const MIN_RERANK_WEIGHT = 0.01;

/** BM25 constants (Robertson's usual values). */
const K1 = 1.2;
const B = 0.75;

/**
 * Terms of a text as the re-ranker counts them: the postings index's tokens
 * and stems (so its document frequencies apply), without stop words, numbers
 * and one-letter tokens.
 */
export function textTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of rawTokens(text)) if (t.length >= 2 && !STOPWORDS.has(t) && !isDigits(t)) out.push(stemToken(t));
  return out;
}

function isDigits(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A paper's terms, its title counted twice (a title says more per word than an abstract, as the lexical engines' field weights do). */
export function paperTerms(title: string, abstract: string | null | undefined): string[] {
  const t = textTerms(title);
  return [...t, ...t, ...textTerms(abstract ?? "")];
}

function counts(terms: readonly string[]): Map<string, number> {
  const c = new Map<string, number>();
  for (const t of terms) c.set(t, (c.get(t) ?? 0) + 1);
  return c;
}

/**
 * The largest share of the query's weight (IDF) that one of the first `docs` candidates holds:
 * 0 when none holds a query term, 1 when one holds all of them (a title looked up, a keyword
 * query). 1 for no query terms or no candidates.
 */
export function queryCoverage(queryTerms: readonly string[], candidates: readonly { terms: readonly string[] }[], idf: (t: string) => number, docs = 3): number {
  const q = [...new Set(queryTerms)];
  const total = q.reduce((s, t) => s + idf(t), 0);
  const top = candidates.slice(0, docs);
  if (total <= 0 || top.length === 0) return 1;
  let best = 0;
  for (const c of top) {
    const has = new Set(c.terms);
    best = Math.max(best, q.reduce((s, t) => s + (has.has(t) ? idf(t) : 0), 0) / total);
  }
  return best;
}

/**
 * The share of the final score the re-ranking takes for these query terms, from the coverage of
 * the first candidates; below MIN_RERANK_WEIGHT the candidates are left as they are.
 */
export function rerankMix(queryTerms: readonly string[], candidates: readonly { terms: readonly string[] }[], idf: (t: string) => number, opts: RerankOptions = {}): number {
  const o = { ...RERANK_DEFAULTS, ...opts };
  return rerankWeight(queryCoverage(queryTerms, candidates, idf, o.coverageDocs), o);
}

/** The share of the final score the re-ranking takes for a query of this coverage. */
export function rerankWeight(coverage: number, opts: RerankOptions = {}): number {
  const o = { ...RERANK_DEFAULTS, ...opts };
  return o.weight * Math.max(0, 1 - coverage) ** o.gate;
}

/**
 * IDF (BM25's, always positive) from the hub's counts when given and holding
 * papers, else from the candidates themselves (measured nearly as good:
 * seed paraphrase 0.621 vs 0.626, SciFact train 0.698 vs 0.706).
 */
export function idfFunction(candidates: readonly { terms: readonly string[] }[], stats?: TermStats | null): (t: string) => number {
  if (stats && stats.size() > 0) {
    const n = stats.size();
    const cache = new Map<string, number>();
    return (t) => {
      let v = cache.get(t);
      if (v === undefined) {
        const df = Math.min(stats.documentFrequency(t), n);
        v = Math.log(1 + (n - df + 0.5) / (df + 0.5));
        cache.set(t, v);
      }
      return v;
    };
  }
  const df = new Map<string, number>();
  for (const c of candidates) for (const t of new Set(c.terms)) df.set(t, (df.get(t) ?? 0) + 1);
  const n = candidates.length;
  return (t) => {
    const d = df.get(t) ?? 0;
    return Math.log(1 + (n - d + 0.5) / (d + 0.5));
  };
}

/**
 * The candidates re-ordered (best first, ties by id): score = (1 − m)·fused + m·feedback, both
 * min-max scaled over the candidates, m = rerankWeight(coverage). Returns them unchanged (same
 * order and scores) when m is below MIN_RERANK_WEIGHT. Pure: the same input gives the same output.
 */
export function feedbackRerank(
  queryTerms: readonly string[],
  candidates: readonly RerankCandidate[],
  stats?: TermStats | null,
  opts: RerankOptions = {},
): Scored[] {
  const o = { ...RERANK_DEFAULTS, ...opts };
  const unchanged = () => candidates.map(({ id, score }) => ({ id, score }));
  if (candidates.length < 2 || queryTerms.length === 0) return unchanged();
  const idf = idfFunction(candidates, stats);
  const mix = rerankMix(queryTerms, candidates, idf, o);
  if (!(mix >= MIN_RERANK_WEIGHT)) return unchanged();

  const docs = candidates.map((c) => ({ id: c.id, score: c.score, tf: counts(c.terms), len: c.terms.length }));
  const avgLen = docs.reduce((s, d) => s + d.len, 0) / docs.length || 1;
  const inQuery = new Set(queryTerms);

  // Expansion words: mean relative frequency in the feedback papers × IDF; a word of only one candidate is noise.
  const candidateDf = new Map<string, number>();
  for (const d of docs) for (const t of d.tf.keys()) candidateDf.set(t, (candidateDf.get(t) ?? 0) + 1);
  const weightOf = new Map<string, number>();
  for (const d of docs.slice(0, o.feedbackDocs)) {
    if (d.len === 0) continue;
    for (const [t, f] of d.tf) if (!inQuery.has(t) && candidateDf.get(t)! >= 2) weightOf.set(t, (weightOf.get(t) ?? 0) + f / d.len);
  }
  const expansion = [...weightOf]
    .map(([t, w]) => [t, w * idf(t)] as const)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, o.expansionTerms);
  const top = expansion[0]?.[1] ?? 1;
  const terms: Array<readonly [string, number]> = [...[...inQuery].map((t) => [t, 1] as const), ...expansion.map(([t, w]) => [t, (o.expansionWeight * w) / top] as const)];

  const bm25 = docs.map((d) => {
    let s = 0;
    for (const [t, w] of terms) {
      const f = d.tf.get(t);
      if (!f) continue;
      s += (w * idf(t) * f * (K1 + 1)) / (f + K1 * (1 - B + (B * d.len) / avgLen));
    }
    return s;
  });
  const fused = minMax(docs);
  const fb = minMax(docs.map((d, i) => ({ id: d.id, score: bm25[i]! })));
  return docs
    .map((d) => ({ id: d.id, score: (1 - mix) * fused.get(d.id)! + mix * fb.get(d.id)! }))
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
