// `paperboard export`: every paper as JSON lines, to stdout or a file, streamed.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { Command } from "commander";
import { withServices } from "../context.js";

export function exportCommand(): Command {
  return new Command("export")
    .description("Export every paper with its hub facts as JSON lines (re-importable with `import --format jsonl`)")
    .option("-o, --out <file>", "write to a file instead of stdout")
    .action(async (flags: { out?: string }, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const out: Writable = flags.out ? createWriteStream(flags.out) : process.stdout;
        try {
          for await (const p of s.store.streamPapers()) {
            if (!out.write(JSON.stringify(p) + "\n")) await once(out, "drain");
          }
        } catch (err) {
          // A reader that went away (`| head`) ends the export quietly.
          if ((err as NodeJS.ErrnoException).code !== "EPIPE") throw err;
          return;
        }
        if (flags.out) {
          out.end();
          await once(out, "finish");
        }
      });
    });
}
