// The papers a for-you list is chosen from: those that entered the feed in the last N days, plus the nearest neighbours of the newest likes.
//
// The window is counted in feed days up to today's; a hub fed from an
// archive (nothing in the window) uses the N days up to its latest feed day
// instead, as trending does. The background, the papers the model learns as
// "not what this reader picked", comes from the days just before the window,
// so the model never learns a candidate as a negative; a young hub without
// such days uses the candidates themselves, as arxiv-sanity does.
import { addDays, feedDayOf } from "../domain/feed-day.js";
import type { FeedDayRule } from "../domain/ingest-types.js";
import { enteredAt } from "../domain/trending.js";
import type { SemanticIndex } from "../search/vector/semantic-index.js";
import type { FeedEntry, FeedRepo } from "../storage/feed-repo.js";
import type { Store } from "../storage/store.js";

export interface PoolOptions {
  windowDays: number;
  /** Feed days before the window the background is drawn from. */
  backgroundDays: number;
  maxCandidates: number;
  maxBackground: number;
  /** Likes whose neighbours join the candidates (the newest ones), and neighbours per like. */
  neighbourSeeds: number;
  neighboursEach: number;
  /**
   * Neighbours that entered the feed (or were published) longer ago than this
   * are left out: the list is about what is new, and old near-copies of the
   * likes would crowd out the window (bench/personal-eval.ts, with recency:
   * P@10 0.136 with neighbours of up to 30 days, 0.135 without neighbours,
   * 0.112 up to 90 days, 0.054 of any age).
   */
  neighbourMaxAgeDays: number;
}

export const DEFAULT_POOL: PoolOptions = { windowDays: 14, backgroundDays: 60, maxCandidates: 1000, maxBackground: 300, neighbourSeeds: 20, neighboursEach: 10, neighbourMaxAgeDays: 30 };

export interface PoolEntry extends FeedEntry {
  enteredAt: string | null;
}

export interface CandidatePool {
  candidates: PoolEntry[];
  background: FeedEntry[];
  /** The feed days the window covered. */
  from: string;
  to: string;
}

export interface PoolDeps {
  feedRepo: Pick<FeedRepo, "listRange" | "latestDay" | "countsFor">;
  store: Pick<Store, "getPapers">;
  rule: FeedDayRule;
}

export async function candidatePool(deps: PoolDeps, now: Date, seeds: readonly string[], index: SemanticIndex | null, o: PoolOptions): Promise<CandidatePool> {
  let to = feedDayOf(now, deps.rule);
  let from = addDays(to, -(o.windowDays - 1));
  let window = await deps.feedRepo.listRange(from, to, { limit: o.maxCandidates, offset: 0 });
  if (window.total === 0) {
    const latest = await deps.feedRepo.latestDay(to);
    if (latest) {
      to = latest;
      from = addDays(latest, -(o.windowDays - 1));
      window = await deps.feedRepo.listRange(from, to, { limit: o.maxCandidates, offset: 0 });
    }
  }
  const [background, neighbours] = await Promise.all([
    deps.feedRepo.listRange(addDays(from, -o.backgroundDays), addDays(from, -1), { limit: o.maxBackground, offset: 0 }),
    index ? neighboursOf(deps, index, seeds.slice(0, o.neighbourSeeds), o.neighboursEach) : Promise.resolve([]),
  ]);
  const seen = new Set<string>();
  const candidates: PoolEntry[] = [];
  const oldest = now.getTime() - o.neighbourMaxAgeDays * 86_400_000;
  const add = (e: FeedEntry, neighbour: boolean) => {
    if (seen.has(e.paper.id)) return;
    seen.add(e.paper.id);
    const at = enteredAt(e.paper);
    const t = at ? Date.parse(at) : NaN;
    // Nothing from the future: an evaluation replays an archive as of a past day.
    if (t > now.getTime() || (neighbour && !(t >= oldest))) return;
    candidates.push({ ...e, enteredAt: at });
  };
  for (const e of window.entries) add(e, false);
  for (const e of neighbours) add(e, true);
  return { candidates, background: background.entries, from, to };
}

/** Visible papers nearest to the seeds, with their shown counts. */
async function neighboursOf(deps: PoolDeps, index: SemanticIndex, seeds: readonly string[], k: number): Promise<FeedEntry[]> {
  const hits = await Promise.all(seeds.map((id) => index.neighbours(id, k)));
  const ids = [...new Set(hits.flat().map((h) => h.id))];
  if (ids.length === 0) return [];
  const [papers, counts] = await Promise.all([deps.store.getPapers(ids), deps.feedRepo.countsFor(ids)]);
  return papers.flatMap((paper) => {
    const c = counts.get(paper.id);
    return c && !c.hidden ? [{ paper, upvotes: c.upvotes, comments: c.comments }] : [];
  });
}
