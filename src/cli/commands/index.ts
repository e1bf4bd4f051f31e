// `paperboard index`: bring the search indexes (full text and vectors) up to date with the store (after `import --no-index`, or from cron).
import { Command } from "commander";
import { printJson, withServices } from "../context.js";
import { catchUpProgress, createProgress } from "../progress.js";

export function indexCommand(): Command {
  return new Command("index")
    .description("Index for search (full text and vectors) every paper not yet indexed")
    .option("--json", "print {indexed, embedded, seconds}")
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const started = Date.now();
        const engine = await s.search();
        const progress = createProgress({ enabled: !flags.json });
        const r = await engine.catchUp({ onProgress: catchUpProgress(progress) });
        progress.stop();
        const status = await engine.status();
        if (status.problem) process.stderr.write(`note: ${status.problem}\n`);
        if (status.reindexNeeded) process.stderr.write(`note: the configured model ${status.configuredModel} differs from the indexed ${status.activeModel}; run paperboard reindex\n`);
        const seconds = (Date.now() - started) / 1000;
        if (flags.json) printJson({ indexed: r.lexical, embedded: r.vectors, model: status.activeModel, seconds: Number(seconds.toFixed(3)) });
        else process.stdout.write(`indexed ${r.lexical} papers and embedded ${r.vectors} (${status.activeModel ?? "no vector model"}) in ${seconds.toFixed(1)} s\n`);
      });
    });
}
