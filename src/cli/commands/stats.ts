// `paperboard stats`: what the store holds.
import { Command } from "commander";
import { withServices, printJson } from "../context.js";

export function statsCommand(): Command {
  return new Command("stats")
    .description("Show what the store holds")
    .option("--json", "print as JSON")
    .action(async (flags: { json?: boolean }, cmd: Command) => {
      await withServices(cmd, async (s) => {
        const stats = { papers: await s.store.countPapers(), storage: s.store.capabilities.dialect };
        if (flags.json) printJson(stats);
        else process.stdout.write(`papers: ${stats.papers}\nstorage: ${stats.storage}\n`);
      });
    });
}
