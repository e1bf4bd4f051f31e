// Keeps the search index in step with the store while the server runs: catches up at start and then on an interval.
import type { Logger } from "../logging/logger.js";
/** What the indexer keeps in step: the search engine's catch-up (full text, then vectors). */
export interface CatchUpTarget {
  catchUp(opts: { signal?: AbortSignal }): Promise<{ lexical: number; vectors: number } | number>;
}

export class SearchIndexer {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private readonly abort = new AbortController();

  constructor(
    private readonly index: CatchUpTarget,
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
          const r = await this.index.catchUp({ signal: this.abort.signal });
          const n = typeof r === "number" ? { lexical: r, vectors: 0 } : r;
          if (n.lexical + n.vectors > 0) this.log.info({ indexed: n.lexical, embedded: n.vectors }, "search index caught up");
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
