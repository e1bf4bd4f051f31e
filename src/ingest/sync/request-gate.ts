// The request slot of one remote: one request in flight at a time and a minimum gap between request starts.
/** Time source; injectable so tests need not wait for real. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`; rejects with the signal's own reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const onAbort = () => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      }, ms);
      signal?.addEventListener("abort", onAbort, { once: true });
    }),
};

/**
 * A FIFO mutex plus pacing. The slot is meant to be held from the first
 * attempt of a request until its body has been read (or dropped), so a slow
 * download counts as "in flight" for the remote, which is what its terms mean.
 */
export class RequestGate {
  private tail: Promise<void> = Promise.resolve();
  private lastStart: number | null = null;

  constructor(
    private readonly minIntervalMs: number,
    private readonly clock: Clock,
  ) {}

  /** Waits for the slot in arrival order. The returned release is idempotent. */
  async acquire(signal?: AbortSignal): Promise<() => void> {
    let open!: () => void;
    const mine = new Promise<void>((resolve) => (open = resolve));
    const previous = this.tail;
    this.tail = previous.then(() => mine);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      open();
    };
    try {
      await waitOrAbort(previous, signal);
    } catch (err) {
      // Keep the queue intact: our turn passes straight on once it comes.
      void previous.then(release);
      throw err;
    }
    return release;
  }

  /** With the slot held: sleeps until the minimum interval since the last start has passed, then marks a start. */
  async pace(signal?: AbortSignal): Promise<void> {
    if (this.lastStart !== null) {
      const wait = this.lastStart + this.minIntervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait, signal);
    }
    signal?.throwIfAborted();
    this.lastStart = this.clock.now();
  }
}

function waitOrAbort(p: Promise<void>, signal?: AbortSignal): Promise<void> {
  if (!signal) return p;
  signal.throwIfAborted();
  return new Promise<void>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, reject);
  });
}
