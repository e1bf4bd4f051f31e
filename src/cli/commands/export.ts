// `paperboard export`: every paper as JSON lines (lossless) or Kaggle snapshot lines, to stdout or a file, streamed.
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import type { Writable } from "node:stream";
import { Command } from "commander";
import { ValidationError } from "../../domain/errors.js";
import { BULK_FORMATS, exportLines, isBulkFormat, type BulkCounts } from "../../export/bulk-export.js";
import { withServices } from "../context.js";

export function exportCommand(): Command {
  return new Command("export")
    .description("Export every paper as JSON lines: jsonl (with hub facts; re-import with `import --format jsonl`) or kaggle (the arXiv snapshot format; `import --format kaggle`)")
    .option("-f, --format <format>", `${BULK_FORMATS.join(" | ")}`, "jsonl")
    .option("-o, --out <file>", "write to a file instead of stdout")
    .action(async (flags: { format: string; out?: string }, cmd: Command) => {
      const format = flags.format;
      if (!isBulkFormat(format)) throw new ValidationError(`--format must be one of ${BULK_FORMATS.join(", ")} (got "${format}")`);
      await withServices(cmd, async (s) => {
        const out: Writable = flags.out ? createWriteStream(flags.out) : process.stdout;
        const counts: BulkCounts = { written: 0, skipped: 0 };
        try {
          for await (const line of exportLines(s.store, format, counts)) {
            if (!out.write(line)) await once(out, "drain");
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
        if (counts.skipped > 0) process.stderr.write(`note: ${counts.skipped} paper(s) without an arXiv id left out: the Kaggle format has no place for them\n`);
      });
    });
}
