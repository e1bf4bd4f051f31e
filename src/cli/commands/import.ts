// `paperboard import FILE...`: files of any supported format into the store, with a summary and meaningful exit code.
import { Command } from "commander";
import type { ImportSummary } from "../../domain/ingest-types.js";
import { importFiles, parseFormat, totalSize } from "../../ingest/import-files.js";
import type { Services } from "../../app.js";
import { withServices, interruptSignal, printJson } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { catchUpProgress, createProgress } from "../progress.js";
import { printRejections, summaryErrors, summaryTotals, totalsLine } from "../summary-output.js";

export function importCommand(): Command {
  return new Command("import")
    .description("Import papers from files: Kaggle arXiv snapshot (JSON lines, .gz), arXiv API Atom, OAI-PMH, Daily Papers JSON, listing text, generic JSON lines")
    .argument("<files...>", "files to import, plain or gzip-compressed")
    .option("-f, --format <format>", "kaggle | arxiv-atom | arxiv-oai | hf-daily | listing | jsonl (default: detected from content)")
    .option("--json", "print the summary as JSON (also the default when stdout is not a terminal)")
    .option("--batch-size <n>", "records per transaction", (v) => Number(v), 2000)
    .option("--no-index", "leave search indexing to the server or `paperboard index` (faster bulk loads)")
    .action(async (files: string[], flags: { format?: string; json?: boolean; batchSize: number; index: boolean }, cmd: Command) => {
      const format = flags.format ? parseFormat(flags.format) : undefined;
      const json = !!flags.json || !process.stdout.isTTY;
      process.exitCode = await withServices(cmd, async (s) => {
        const started = Date.now();
        const progress = createProgress({ enabled: !flags.json, totalBytes: await totalSize(files).catch(() => 0) });
        let records = 0;
        let label = "";
        const stop = interruptSignal(() => s.log.warn("interrupted: finishing the current batch, then stopping (Ctrl-C again to quit now)"));
        const pipeline = s.pipeline({
          batchSize: flags.batchSize,
          onProgress: (sum) => {
            records = sum.read;
            progress.update({ records, label });
          },
        });
        let summary: ImportSummary;
        try {
          summary = await importFiles(files, pipeline, {
            format,
            feed: s.feedRule,
            signal: stop.signal,
            worker: true,
            onBytes: (bytes) => progress.update({ bytes, records, label }),
            onFile: (file) => (label = file),
          });
        } finally {
          progress.stop();
          stop.dispose();
        }
        const seconds = (Date.now() - started) / 1000;
        const indexed = flags.index && !stop.signal.aborted ? await indexForSearch(s, !flags.json) : null;
        report(summary, { json, seconds, interrupted: stop.signal.aborted, indexed });
        if (stop.signal.aborted) return EXIT.INTERRUPTED;
        return summary.rejected > 0 ? EXIT.PARTIAL : EXIT.OK;
      });
    });
}

/** Brings the search index up to date after an import, with its own progress line; returns papers indexed and seconds. */
async function indexForSearch(s: Services, showProgress: boolean): Promise<{ papers: number; vectors: number; seconds: number }> {
  const started = Date.now();
  const progress = createProgress({ enabled: showProgress });
  try {
    const engine = await s.search();
    const r = await engine.catchUp({ onProgress: catchUpProgress(progress) });
    return { papers: r.lexical, vectors: r.vectors, seconds: (Date.now() - started) / 1000 };
  } finally {
    progress.stop();
  }
}

function report(summary: ImportSummary, o: { json: boolean; seconds: number; interrupted: boolean; indexed: { papers: number; vectors: number; seconds: number } | null }): void {
  printRejections(summary);
  if (o.json) {
    printJson({
      ...summaryTotals(summary),
      interrupted: o.interrupted,
      seconds: Number(o.seconds.toFixed(3)),
      recordsPerSecond: Math.round(summary.read / Math.max(o.seconds, 0.001)),
      // maxRSS is in kilobytes: the peak resident memory of this whole run.
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
      ...(o.indexed ? { indexed: o.indexed.papers, embedded: o.indexed.vectors, indexSeconds: Number(o.indexed.seconds.toFixed(3)) } : {}),
      errors: summaryErrors(summary),
    });
  } else {
    process.stdout.write(
      `${o.interrupted ? "Interrupted: " : ""}${totalsLine(summary)} in ${o.seconds.toFixed(1)} s\n` +
        (o.indexed ? `indexed ${o.indexed.papers} papers for search in ${o.indexed.seconds.toFixed(1)} s\n` : ""),
    );
  }
}
