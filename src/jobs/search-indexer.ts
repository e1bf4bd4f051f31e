// Keeps the search index in step with the store while the server runs: catches up at start and then on an interval.
import type { Logger } from "../logging/logger.js";
import type { LexicalIndex } from "../storage/lexical-index.js";

export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly index: LexicalIndex,
    private readonly log: Logger,
    private readonly intervalMs = 15_000,
  ) {}

  /**
   * Runs a catch-up; a kick during one makes it run once more when done, so
   * papers written meanwhile are not left for the next interval. Errors are
   * logged, never thrown.
   */
  kick(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          const n = await this.index.catchUp({ signal: this.abort.signal });
          if (n > 0) this.log.info({ indexed: n }, "search index caught up");
        } while (this.again && !this.abort.signal.aborted);
      } catch (err) {
        this.log.error({ err }, "search indexing failed");
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  start(): void {
    void this.kick();
    this.timer = setInterval(() => void this.kick(), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await this.running;
  }
}
