// `paperboard index`: bring the search index up to date with the store (after `import --no-index`, or from cron).
import { Command } from "commander";
import { printJson, withServices } from "../context.js";
import { createProgress } from "../progress.js";

export function indexCommand(): Command {
  return new Command("index")
    .description("Index for search every paper not yet indexed")
    .option("--json", "print {indexed, seconds}")
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const started = Date.now();
        const total = await s.store.lexical.pending();
        const progress = createProgress({ enabled: !flags.json });
        const indexed = await s.store.lexical.catchUp({ onProgress: (n) => progress.update({ records: n, label: `of ${total}` }) });
        progress.stop();
        const seconds = (Date.now() - started) / 1000;
        if (flags.json) printJson({ indexed, seconds: Number(seconds.toFixed(3)) });
        else process.stdout.write(`indexed ${indexed} papers in ${seconds.toFixed(1)} s\n`);
      });
    });
}
