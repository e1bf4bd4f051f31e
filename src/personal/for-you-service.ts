// The personal "for you" ranking: a per-user model over paper vectors and words, blended with recency and follows, each pick with its reason.
//
// Per request: load the reader's signals (signals.ts) and the candidate pool
// (candidate-pool.ts), turn every paper into a feature (features.ts), train
// the reader's model on their likes against their "not interested" marks and
// the background (preference-model.ts), then score, blend (blend.ts) and
// explain (reasons.ts). Nothing is stored between requests, so a like counts
// at once. Without likes or marks (cold start) the community's interest
// stands in for the model, and follows still lift their papers. Without a
// ready semantic index the model runs on words alone.
import { NotFoundError, ValidationError } from "../domain/errors.js";
import type { FeedDayRule } from "../domain/ingest-types.js";
import type { StoredPaper } from "../domain/paper.js";
import { trendingScoreOf } from "../domain/trending.js";
import type { FeedRepo } from "../storage/feed-repo.js";
import type { PersonalRepo } from "../storage/personal-repo.js";
import type { Store } from "../storage/store.js";
import { DEFAULT_BLEND, blendScore, followedIn, recency, standardise, type BlendParams } from "./blend.js";
import { DEFAULT_POOL, candidatePool, type PoolEntry, type PoolOptions } from "./candidate-pool.js";
import { Vocabulary, type Feature } from "./features.js";
import { readySemantic, vectorsById, type SemanticSource } from "./paper-vectors.js";
import type { TrainingSet } from "./linear-profile.js";
import { DEFAULT_MODEL, DEFAULT_MODEL_PARAMS, fitModel, type ModelKind, type ModelParams } from "./preference-model.js";
import { reasonFor, type LikedPaper } from "./reasons.js";
import type { SemanticIndex } from "../search/vector/semantic-index.js";
import { TermCache } from "./term-cache.js";
import { hasSignals, loadSignals } from "./signals.js";

/** One pick: the paper, its blended score (comparable within one list only) and why it is there. */
export interface ForYouPick {
  paper: StoredPaper;
  score: number;
  reason: string;
}

export interface ForYouOptions {
  limit: number;
  /** ISO instant: only papers that entered the feed after it (a digest's previous send). */
  since?: string;
  /** Papers to leave out (a digest's already-sent papers). */
  excludeIds?: ReadonlySet<string>;
}

/** A pick with the counts a card shows. */
export interface ForYouEntry extends ForYouPick {
  upvotes: number;
  comments: number;
}

export interface ForYouFeed {
  entries: ForYouEntry[];
  /** The reader has no likes, marks or follows yet: the list is the community's, and the page offers the start page. */
  coldStart: boolean;
  /** Whether paper vectors took part (false: words only, the semantic index is not ready). */
  usedVectors: boolean;
  /** The feed days the candidates came from. */
  from: string;
  to: string;
}

export interface ForYouConfig {
  rule: FeedDayRule;
  model?: ModelKind;
  modelParams?: ModelParams;
  blend?: BlendParams;
  pool?: Partial<PoolOptions>;
  /** α, the share of paper vectors against words in a feature (features.ts), when vectors are available. */
  vectorShare?: number;
  /** Half-life of the cold-start ranking by community interest (the trending page's). */
  trendingHalfLifeHours?: number;
  clock?: () => Date;
}

export interface ForYouDeps {
  store: Pick<Store, "getPapers" | "getPaper" | "vectors">;
  repo: PersonalRepo;
  feedRepo: Pick<FeedRepo, "listRange" | "latestDay" | "countsFor">;
  semantic?: SemanticSource;
}

export const MAX_FOR_YOU = 200;
/** Papers under which a background is too thin to stand for "everything else"; candidates are used instead. */
const MIN_BACKGROUND = 30;
/** Most "not interested" papers the model learns from (the newest). */
const MAX_NEGATIVES = 200;
/**
 * α = 0.25: a quarter vectors, three quarters words. Measured in
 * bench/personal-eval.ts with the builtin model (P@10 over 400 simulated
 * readers): vectors alone 0.118, α = 0.5 0.129, α = 0.25 0.134, words alone
 * 0.142. The evaluation's topics are keywords drawn from the papers' own
 * words, which favours words; vectors are kept at a quarter for what words
 * miss (the same idea in other terms), and a stronger embedding model
 * carries more of the ranking through them.
 */
export const DEFAULT_VECTOR_SHARE = 0.25;
/** Share of candidates that must have a vector for vectors to be used; below it, words alone keep scores comparable. */
const VECTOR_COVERAGE = 0.8;

export class ForYouService {
  private readonly clock: () => Date;
  private readonly pool: PoolOptions;
  private readonly terms = new TermCache();

  constructor(
    private readonly deps: ForYouDeps,
    private readonly config: ForYouConfig,
  ) {
    this.clock = config.clock ?? (() => new Date());
    this.pool = { ...DEFAULT_POOL, ...config.pool };
  }

  get windowDays(): number {
    return this.pool.windowDays;
  }

  /** The user's top picks, best first (the digest's "for you" and the page). */
  async forYou(userId: string, opts: ForYouOptions): Promise<ForYouPick[]> {
    return (await this.feed(userId, opts)).entries.map(({ paper, score, reason }) => ({ paper, score, reason }));
  }

  async feed(userId: string, opts: ForYouOptions): Promise<ForYouFeed> {
    if (!Number.isInteger(opts.limit) || opts.limit < 1 || opts.limit > MAX_FOR_YOU) throw new ValidationError(`limit must be an integer from 1 to ${MAX_FOR_YOU}`);
    const since = opts.since === undefined ? null : Date.parse(opts.since);
    if (since !== null && !Number.isFinite(since)) throw new ValidationError("since must be an ISO date-time");
    const now = this.clock();
    const signals = await loadSignals(this.deps.repo, userId);
    const index = await readySemantic(this.deps.semantic);
    const likedIds = [...signals.likes.keys()];
    const pool = await candidatePool({ ...this.deps, rule: this.config.rule }, now, likedIds, index, this.pool);
    const out = (id: string) => signals.likes.has(id) || signals.notInterested.has(id) || !!opts.excludeIds?.has(id);
    const candidates = pool.candidates.filter(
      (c) => !out(c.paper.id) && (since === null || (c.enteredAt !== null && Date.parse(c.enteredAt) > since)),
    );
    const [liked, disliked] = await Promise.all([
      this.deps.store.getPapers(likedIds),
      this.deps.store.getPapers([...signals.notInterested].slice(0, MAX_NEGATIVES)),
    ]);
    let background = pool.background.map((e) => e.paper).filter((p) => !out(p.id));
    const thin = background.length < MIN_BACKGROUND;
    if (thin) background = candidates.map((c) => c.paper);

    const features = await this.features([...candidates.map((c) => c.paper), ...liked, ...disliked, ...background], index, candidates);
    const f = (p: StoredPaper) => features.of.get(p.id)!;
    const likes: LikedPaper[] = liked.map((p) => ({ title: p.title, via: signals.likes.get(p.id)!, feature: f(p) }));
    const training = { positives: liked.map(f), negatives: disliked.map(f), background: background.map(f), words: features.words };
    const raw = this.modelScores(candidates, training, features.of, now, thin);
    const z = standardise(raw);
    const blend = this.config.blend ?? DEFAULT_BLEND;
    const ranked = candidates
      .map((c, i) => {
        const follow = followedIn(c.paper, signals.follows);
        return { c, follow, score: blendScore(z[i]!, recency(c.enteredAt, now, blend.recencyHalfLifeHours), follow, blend) };
      })
      .sort((a, b) => b.score - a.score || (b.c.enteredAt ?? "").localeCompare(a.c.enteredAt ?? "") || (a.c.paper.id < b.c.paper.id ? -1 : 1))
      .slice(0, opts.limit);
    return {
      entries: ranked.map(({ c, follow, score }) => ({
        paper: c.paper,
        score,
        reason: reasonFor({ ...follow, feature: f(c.paper), upvotes: c.upvotes }, likes),
        upvotes: c.upvotes,
        comments: c.comments,
      })),
      coldStart: !hasSignals(signals),
      usedVectors: features.usedVectors,
      from: pool.from,
      to: pool.to,
    };
  }

  /**
   * The model's scores of the candidates; without likes or marks, the
   * community's interest (log-damped trending score). When the background is
   * the candidates themselves (`thin`), a logistic model would learn the very
   * papers it ranks as negatives and overfit against the reader's topic in a
   * small hub: the Rocchio profile, which only subtracts half their mean, stands in.
   */
  private modelScores(candidates: PoolEntry[], training: TrainingSet, features: Map<string, Feature>, now: Date, thin: boolean): number[] {
    if (training.positives.length === 0 && training.negatives.length === 0) {
      const halfLifeHours = this.config.trendingHalfLifeHours ?? 48;
      return candidates.map((c) =>
        Math.log1p(trendingScoreOf({ upvotes: c.upvotes, comments: c.comments, stars: c.paper.hub?.githubStars ?? null, since: c.enteredAt }, { halfLifeHours, now })),
      );
    }
    const kind = this.config.model ?? DEFAULT_MODEL;
    const score = fitModel(thin && kind === "logistic" ? "centroid" : kind, training, this.config.modelParams ?? DEFAULT_MODEL_PARAMS);
    return candidates.map((c) => score(features.get(c.paper.id)!));
  }

  /** Features of every paper of the request; vectors only when the index is ready and covers the candidates. */
  private async features(papers: StoredPaper[], index: SemanticIndex | null, candidates: PoolEntry[]): Promise<{ of: Map<string, Feature>; usedVectors: boolean; words: number }> {
    const unique = [...new Map(papers.map((p) => [p.id, p])).values()];
    let vectors = new Map<string, Float32Array>();
    if (index) vectors = await vectorsById(this.deps.store, index, unique.map((p) => p.id));
    const covered = candidates.length === 0 ? 0 : candidates.filter((c) => vectors.has(c.paper.id)).length / candidates.length;
    const usedVectors = index !== null && covered >= VECTOR_COVERAGE;
    const alpha = usedVectors ? (this.config.vectorShare ?? DEFAULT_VECTOR_SHARE) : 0;
    const counts = unique.map((p) => this.terms.of(p));
    const vocabulary = Vocabulary.of(counts);
    const of = new Map<string, Feature>();
    unique.forEach((p, i) => of.set(p.id, vocabulary.feature(vectors.get(p.id) ?? null, counts[i]!, { alpha })));
    return { of, usedVectors, words: vocabulary.size };
  }

  /** Marks a paper "not interested": it leaves the user's list and pushes similar papers down. */
  async notInterested(userId: string, paperId: string): Promise<void> {
    if (!(await this.deps.store.getPaper(paperId))) throw new NotFoundError(`No paper with id ${paperId} in this hub.`);
    await this.deps.repo.markNotInterested(userId, paperId, this.clock().toISOString());
  }

  async undoNotInterested(userId: string, paperId: string): Promise<void> {
    await this.deps.repo.unmarkNotInterested(userId, paperId);
  }

  /** A stored paper by id (the page's notice after an action names it), or null. */
  paper(id: string): Promise<StoredPaper | null> {
    return this.deps.store.getPaper(id);
  }
}
