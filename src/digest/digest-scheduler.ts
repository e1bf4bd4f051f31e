// Runs the digest job inside the server process: every minute, one run at a time, errors logged and never thrown.
//
// Digests are due by each subscriber's local hour, so a minute's tick is
// enough; a run that is still going when the next tick comes is not
// doubled (and if a cron `digest send` runs meanwhile, the deliveries'
// idempotency keys and leases keep the two apart).
import type { Logger } from "../logging/logger.js";
import type { DigestSender, SendReport } from "./digest-sender.js";

export class DigestScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly abort = new AbortController();

  constructor(
    private readonly sender: Pick<DigestSender, "run">,
    private readonly log: Pick<Logger, "info" | "warn" | "error">,
    private readonly intervalMs = 60_000,
  ) {}

  /** One run now unless one is going; resolves when it ends. */
  tick(): Promise<void> {
    this.running ??= (async () => {
      try {
        this.logReport(await this.sender.run({ signal: this.abort.signal }));
      } catch (err) {
        this.log.error({ err }, "digest run failed");
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Stops ticking and lets the run in hand finish its current mails (the rest stay pending for the next start). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await this.running;
  }

  private logReport(r: SendReport): void {
    if (r.sent.length + r.failed.length + r.deferred > 0) {
      this.log.info({ sent: r.sent.length, empty: r.empty, failed: r.failed.length, deferred: r.deferred }, "digests sent");
    }
    if (r.stopped && r.stopped !== "interrupted") this.log.warn({ reason: r.stopped }, "digest run stopped early; pending mails go in a later run");
    for (const f of r.failed) this.log.warn({ subscription: f.subscriptionId, period: f.period, error: f.error }, "digest not delivered");
  }
}
