// Progress display for long commands: a bar with records/s and ETA on a terminal, nothing otherwise.
import cliProgress from "cli-progress";
import type { CatchUpProgress } from "../search/search-engine.js";

export interface Progress {
  update(values: { bytes?: number; records: number; label?: string }): void;
  stop(): void;
}

const silent: Progress = { update() {}, stop() {} };

/** A progress bar on stderr when it is a terminal and JSON output was not asked for. */
export function createProgress(opts: { totalBytes?: number; enabled: boolean }): Progress {
  if (!opts.enabled || !process.stderr.isTTY) return silent;
  const started = Date.now();
  const sized = !!opts.totalBytes && opts.totalBytes > 0;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: sized
        ? " {bar} {percentage}% | {records} records | {rate} rec/s | ETA {eta_formatted} | {label}"
        : " {records} records | {rate} rec/s | {label}",
      hideCursor: true,
      etaBuffer: 50,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(sized ? opts.totalBytes! : 0, 0, { records: 0, rate: 0, label: "" });
  return {
    update({ bytes, records, label }) {
      const secs = Math.max(0.001, (Date.now() - started) / 1000);
      const payload = { records, rate: Math.round(records / secs), ...(label !== undefined ? { label } : {}) };
      if (sized && bytes !== undefined) bar.update(Math.min(bytes, opts.totalBytes!), payload);
      else bar.update(payload);
    },
    stop() {
      bar.stop();
    },
  };
}

/**
 * One progress line for a search catch-up: the full-text and ranking-index stages run at once
 * (SearchEngine.catchUp), so both counts stand side by side and the records shown are the papers
 * both have done; then the vectors' count.
 */
export function catchUpProgress(progress: Progress): (p: CatchUpProgress) => void {
  const text = new Map<string, { done: number; pending: number }>();
  return (p) => {
    if (p.stage === "vectors") {
      progress.update({ records: p.done, label: `vectors, ${p.pending.toLocaleString("en")} to go` });
      return;
    }
    text.set(p.stage === "lexical" ? "full text" : "ranking index", { done: p.done, pending: p.pending });
    const parts = [...text].map(([name, s]) => `${name} ${s.done.toLocaleString("en")}/${(s.done + s.pending).toLocaleString("en")}`);
    progress.update({ records: Math.min(...[...text.values()].map((s) => s.done)), label: parts.join(" · ") });
  };
}
