// A response body as a Node stream that enforces an idle timeout and records whether it arrived whole.
import { Readable } from "node:stream";
import { ReadableStream } from "node:stream/web";
import { SourceError } from "../../domain/errors.js";

/** open: still arriving; complete: all bytes received; failed: cut short or stalled; dropped: the reader stopped early. */
export type BodyState = "open" | "complete" | "failed" | "dropped";

export interface WatchOptions {
  url: string;
  /** Longest wait for the next chunk from the network (time the consumer spends is not counted). */
  idleTimeoutMs: number;
  /** Aborts the underlying request (used when the body stalls). */
  abort: (reason: Error) => void;
  /** Called once, when the body stops being "open" for whatever reason. */
  onSettled: () => void;
}

/**
 * Wraps a fetch body. The timer runs only while a network read is pending,
 * so a slow consumer (batched database writes) never trips it. A broken or
 * stalled body errors the stream with a SourceError naming the URL, and
 * `state` lets callers refuse a page even if a parser swallowed that error.
 */
export class WatchedBody {
  readonly stream: Readable;
  private current: BodyState = "open";
  private failure: Error | null = null;
  private readonly settled: Promise<void>;
  private markSettled!: () => void;

  constructor(source: globalThis.ReadableStream<Uint8Array> | null, private readonly opts: WatchOptions) {
    this.settled = new Promise<void>((resolve) => (this.markSettled = resolve));
    const reader = source?.getReader() ?? null;
    const web = new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        if (!reader) {
          this.settle("complete");
          controller.close();
          return;
        }
        let stalled = false;
        const timer = setTimeout(() => {
          stalled = true;
          opts.abort(new SourceError(`${opts.url}: no data for ${opts.idleTimeoutMs} ms`));
        }, opts.idleTimeoutMs);
        try {
          const { done, value } = await reader.read();
          if (this.current !== "open") return; // dropped while the read was pending
          if (done) {
            this.settle("complete");
            controller.close();
          } else {
            controller.enqueue(value);
          }
        } catch (err) {
          if (this.current !== "open") return;
          const why = stalled ? `stalled (no data for ${opts.idleTimeoutMs} ms)` : `cut short (${describe(err)})`;
          const failure = new SourceError(`Response body from ${opts.url} ${why}`, { cause: err });
          this.failure = failure;
          this.settle("failed");
          controller.error(failure);
        } finally {
          clearTimeout(timer);
        }
      },
      cancel: async (reason) => {
        this.settle("dropped");
        await reader?.cancel(reason).catch(() => undefined);
      },
    });
    this.stream = Readable.fromWeb(web);
  }

  get state(): BodyState {
    return this.current;
  }

  /** The SourceError that ended the body, when state is "failed". */
  get error(): Error | null {
    return this.failure;
  }

  /**
   * Reads whatever the consumer left unread and resolves with the final
   * state. Draining (rather than dropping) keeps a half-read page from
   * passing as complete: the caller then sees "complete" or "failed".
   */
  async finish(): Promise<BodyState> {
    if (this.current === "open") {
      if (this.stream.destroyed) this.settle("dropped");
      else {
        this.stream.on("error", () => undefined);
        this.stream.resume();
      }
    }
    await this.settled;
    return this.current;
  }

  /** Stops the transfer and frees the request slot; a no-op once settled. */
  drop(): void {
    if (this.current === "open") this.stream.destroy();
  }

  private settle(state: Exclude<BodyState, "open">): void {
    if (this.current !== "open") return;
    this.current = state;
    this.markSettled();
    this.opts.onSettled();
  }
}

export function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : "";
    return `${err.message}${cause}`;
  }
  return String(err);
}
