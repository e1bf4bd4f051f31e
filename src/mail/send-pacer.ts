// Paces sends to a configured rate (mails per second) across every lane of a run; 0 means no limit.
//
// Slots are handed out evenly, one every 1000/rate ms, with no burst: relays
// that cap senders (Amazon SES 14/s, many providers 1-10/s) count per second,
// and a burst at the start of each run is exactly what trips them.

export class SendPacer {
  private next = 0;

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((r) => setTimeout(r, ms)),
  ) {}

  /** Resolves when the caller may send one mail. */
  async take(): Promise<void> {
    if (!(this.perSecond > 0)) return;
    const interval = 1000 / this.perSecond;
    const t = this.now();
    const slot = Math.max(this.next, t);
    this.next = slot + interval;
    if (slot > t) await this.sleep(slot - t);
  }
}
