import { describe, expect, it } from "vitest";
import { DigestScheduler } from "./digest-scheduler.js";
import type { SendReport } from "./digest-sender.js";

const empty: SendReport = { sent: [], empty: 0, failed: [], deferred: 0, stopped: null };

describe("DigestScheduler", () => {
  it("runs one digest run at a time, logs failures instead of throwing, and stops the run in hand", async () => {
    let runs = 0;
    let release!: () => void;
    const signals: AbortSignal[] = [];
    const sender = {
      run: async (o: { signal?: AbortSignal } = {}) => {
        runs++;
        signals.push(o.signal!);
        if (runs === 2) throw new Error("database gone");
        if (runs === 1) await new Promise<void>((r) => (release = r));
        return { ...empty, failed: [{ subscriptionId: "s", email: "a@b.org", period: "2024-06-06", error: "550 no such mailbox" }] };
      },
    };
    const logged: string[] = [];
    const log = { info: (_o: object, m?: string) => void logged.push(`info ${m}`), warn: (_o: object, m?: string) => void logged.push(`warn ${m}`), error: (_o: object, m?: string) => void logged.push(`error ${m}`) };
    const s = new DigestScheduler(sender, log as never, 60_000);
    const first = s.tick();
    const second = s.tick();
    expect(second).toBe(first);
    release();
    await first;
    expect(runs).toBe(1);
    await s.tick();
    expect(logged).toEqual(["info digests sent", "warn digest not delivered", "error digest run failed"]);
    const stopping = s.stop();
    await stopping;
    expect(signals[0]!.aborted).toBe(true);
  });
});
