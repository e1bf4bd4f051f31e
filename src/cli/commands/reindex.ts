// `paperboard reindex`: embed every paper with the configured model beside the current vectors, then switch to them.
import { Command } from "commander";
import { interruptSignal, printJson, withServices } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { createProgress } from "../progress.js";

export function reindexCommand(): Command {
  return new Command("reindex")
    .description(
      "Build the vector index of the configured embedding model (after changing PAPERBOARD_EMBEDDING_*). " +
        "A running server keeps searching the old vectors until this finishes; interrupted, it resumes next time.",
    )
    .option("--json", "print {model, embedded, switched, seconds}")
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      process.exitCode = await withServices(cmd, async (s) => {
        const started = Date.now();
        const engine = await s.search();
        await s.store.lexical.catchUp();
        const stop = interruptSignal();
        const progress = createProgress({ enabled: !flags.json });
        try {
          const r = await engine.reindex({ signal: stop.signal, onProgress: (done, pending) => progress.update({ records: done, label: `embedded, ${pending} to go` }) });
          progress.stop();
          const seconds = Number(((Date.now() - started) / 1000).toFixed(3));
          if (flags.json) printJson({ ...r, seconds });
          else if (stop.signal.aborted) process.stdout.write(`interrupted after embedding ${r.embedded} papers with ${r.model}; run again to continue\n`);
          else process.stdout.write(`${r.switched ? "switched search to" : "up to date:"} ${r.model} (${r.embedded} papers embedded in ${seconds.toFixed(1)} s)\n`);
          return stop.signal.aborted ? EXIT.INTERRUPTED : EXIT.OK;
        } finally {
          progress.stop();
          stop.dispose();
        }
      });
    });
}
