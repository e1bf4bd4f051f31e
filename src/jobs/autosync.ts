// The start-up back-fill of the Daily Papers feed, run in the background by `serve`, with a status the web pages show.
import type { Logger } from "../logging/logger.js";

export type AutosyncStatus =
  | { state: "off" }
  | { state: "running"; daysDone: number; daysTotal: number; papers: number }
  | { state: "done"; daysTotal: number; papers: number; failedDays: string[] }
  | { state: "offline"; reason: string };

export interface DayProgress {
  done: number;
  total: number;
  papers: number;
}

/** The sync run to perform; reports progress per day and resolves with what failed. */
export type BackfillRun = (onProgress: (p: DayProgress) => void, signal: AbortSignal) => Promise<{ failedDays: string[]; papers: number; total: number }>;

export class Autosync {
  private current: AutosyncStatus = { state: "off" };
  private readonly abort = new AbortController();
  private running: Promise<void> | null = null;

  constructor(
    private readonly run: BackfillRun,
    private readonly log: Logger,
  ) {}

  status(): AutosyncStatus {
    return this.current;
  }

  /** Starts the back-fill without waiting for it; failures degrade to the offline state, never crash the server. */
  start(days: number): void {
    this.current = { state: "running", daysDone: 0, daysTotal: days, papers: 0 };
    this.running = this.run((p) => {
      this.current = { state: "running", daysDone: p.done, daysTotal: p.total, papers: p.papers };
    }, this.abort.signal)
      .then((r) => {
        // Every day failing means the feed is unreachable: say so quietly instead of reporting each day.
        if (r.total > 0 && r.failedDays.length === r.total) {
          this.current = { state: "offline", reason: "the Daily Papers feed could not be reached" };
          this.log.info({ failedDays: r.failedDays.length }, "autosync: Daily Papers feed unreachable; working offline");
        } else {
          this.current = { state: "done", daysTotal: r.total, papers: r.papers, failedDays: r.failedDays };
          this.log.info({ papers: r.papers, failedDays: r.failedDays }, "autosync: back-fill finished");
        }
      })
      .catch((err: unknown) => {
        this.current = { state: "offline", reason: (err as Error).message };
        this.log.info({ err: (err as Error).message }, "autosync: back-fill failed; working offline");
      });
  }

  async stop(): Promise<void> {
    this.abort.abort();
    await this.running;
  }
}
