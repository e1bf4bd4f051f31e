// Syncing Hugging Face Daily Papers day by day: back-fill, incremental catch-up, per-day progress and failures.
import { ValidationError } from "../../domain/errors.js";
import { addDays } from "../../domain/feed-day.js";
import type { ImportSummary } from "../../domain/ingest-types.js";
import { parseHfDaily } from "../formats/hf-daily.js";
import { addSummary, emptySummary } from "../import-summary.js";
import { tally, type Tally } from "./tally.js";
import type { SyncDeps } from "./sync-deps.js";
import { requireDay, utcDay } from "./utc-day.js";
import { describe } from "./watched-body.js";

export const HF_STATE_KEY = "hf:last-day";
/** The API's largest page; a page this full may have a next one. */
const PAGE_LIMIT = 100;
/** No real day has more than a few hundred papers; this stops a server that ignores `p`. */
const MAX_PAGES_PER_DAY = 20;
const MAX_DAYS = 3660;

export interface HfDayProgress {
  day: string;
  /** Days finished so far in this run (failed ones included). */
  done: number;
  total: number;
  summary: ImportSummary;
  /** Set when this day failed. */
  error?: string;
}

export interface HfSyncOptions {
  /** Last day to sync (default: today). */
  date?: string;
  /** Number of days ending at `date`/today (default 1). */
  days?: number;
  /** "Today" in UTC, injectable for tests and for a scheduler's own clock. */
  today?: string;
  onProgress?: (p: HfDayProgress) => void;
}

export interface HfSyncResult {
  /** Days attempted, oldest first. */
  days: string[];
  failed: Array<{ day: string; error: string }>;
  summary: ImportSummary;
  /** Value of hf:last-day after the run (null if never set). */
  lastDay: string | null;
  /** False when any day failed: the CLI should exit non-zero. */
  ok: boolean;
}

/**
 * Without `date` or `days`, catches up from the stored hf:last-day (inclusive,
 * because that day's votes and late submissions keep changing) to today.
 * Days run oldest first so hf:last-day only advances over an unbroken run of
 * successes: a failed day stops the watermark there and the next incremental
 * run redoes it, while the remaining days are still fetched in this run.
 * The watermark never moves backwards, so back-filling old days cannot undo it.
 */
export async function syncHfDays(deps: SyncDeps, opts: HfSyncOptions = {}): Promise<HfSyncResult> {
  const today = requireDay(opts.today, "today") ?? utcDay(Date.now());
  const stored = await deps.state.getSyncState(HF_STATE_KEY);
  const days = planDays(opts, today, stored);
  const result: HfSyncResult = { days, failed: [], summary: emptySummary(), lastDay: stored, ok: true };
  let unbroken = true;

  for (const [i, day] of days.entries()) {
    const daySummary = emptySummary();
    let error: string | undefined;
    try {
      await syncDay(deps, day, daySummary);
    } catch (err) {
      if (deps.signal?.aborted) throw err;
      error = describe(err);
      result.failed.push({ day, error });
      deps.log?.warn({ day, err: error }, "Daily Papers day failed; continuing with the next day");
    }
    addSummary(result.summary, daySummary);
    if (error) unbroken = false;
    else if (unbroken && (result.lastDay === null || day > result.lastDay)) {
      await deps.state.setSyncState(HF_STATE_KEY, day);
      result.lastDay = day;
    }
    opts.onProgress?.({ day, done: i + 1, total: days.length, summary: daySummary, ...(error ? { error } : {}) });
  }
  result.ok = result.failed.length === 0;
  return result;
}

function planDays(opts: HfSyncOptions, today: string, stored: string | null): string[] {
  const date = requireDay(opts.date, "date");
  if (opts.days !== undefined && (!Number.isInteger(opts.days) || opts.days < 1 || opts.days > MAX_DAYS)) {
    throw new ValidationError(`days must be an integer from 1 to ${MAX_DAYS}`);
  }
  let first: string;
  let last: string;
  if (date !== undefined || opts.days !== undefined) {
    last = date ?? today;
    first = addDays(last, -((opts.days ?? 1) - 1));
  } else {
    last = today;
    first = stored !== null && stored < today ? stored : today;
  }
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Imports one day, page by page; the asked date is passed as the authoritative feed day. */
async function syncDay(deps: SyncDeps, day: string, summary: ImportSummary): Promise<void> {
  let previousIds = "";
  for (let p = 0; p < MAX_PAGES_PER_DAY; p++) {
    const u = new URL(`${deps.urls.hfApi.replace(/\/+$/, "")}/api/daily_papers`);
    u.searchParams.set("date", day);
    u.searchParams.set("limit", String(PAGE_LIMIT));
    if (p > 0) u.searchParams.set("p", String(p));
    const url = u.toString();
    const seen: Tally = { entries: 0, ids: [] };
    const page = await deps.http.consume(
      url,
      async (res) => {
        seen.entries = 0;
        seen.ids.length = 0;
        const results = parseHfDaily(res.body, { file: url, feedDay: day });
        return deps.sink.importResults(tally(results, seen), { signal: deps.signal });
      },
      { signal: deps.signal },
    );
    addSummary(summary, page);
    deps.log?.info({ day, page: p, entries: seen.entries }, "Daily Papers page imported");
    const ids = seen.ids.join(",");
    if (seen.entries < PAGE_LIMIT || ids === previousIds) return;
    previousIds = ids;
  }
  deps.log?.warn({ day, pages: MAX_PAGES_PER_DAY }, "Daily Papers day still had full pages; stopped paging");
}
