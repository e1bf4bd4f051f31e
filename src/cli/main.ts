#!/usr/bin/env node
// The `paperboard` command: one binary whose subcommands import, sync, inspect, export and serve.
import { Command, CommanderError } from "commander";
import { ConfigError, NotFoundError, SourceError, ValidationError } from "../domain/errors.js";
import { exportCommand } from "./commands/export.js";
import { evalCommand } from "./commands/eval.js";
import { importCommand } from "./commands/import.js";
import { indexCommand } from "./commands/index.js";
import { mcpCommand } from "./commands/mcp.js";
import { reindexCommand } from "./commands/reindex.js";
import { searchCommand } from "./commands/search.js";
import { serveCommand } from "./commands/serve.js";
import { statsCommand } from "./commands/stats.js";
import { syncCommand } from "./commands/sync.js";
import { userCommand } from "./commands/user.js";
import { digestCommand } from "./commands/digest.js";
import { subscribeCommand } from "./commands/subscribe.js";
import { EXIT } from "./exit-codes.js";

export function buildProgram(): Command {
  const program = new Command("paperboard")
    .description("Paperboard: a self-hosted research-paper hub")
    .version("0.1.0")
    .option("-d, --data <dir>", "data directory (also PAPERBOARD_DATA_DIR; default ./data)")
    .option("-c, --config <file>", "JSON config file (also PAPERBOARD_CONFIG; default ./paperboard.config.json if present)")
    .option("--database-url <url>", "postgres://… to use PostgreSQL (also PAPERBOARD_DATABASE_URL)")
    .showHelpAfterError("(run with --help for usage)")
    .exitOverride();
  for (const c of [importCommand(), syncCommand(), searchCommand(), indexCommand(), reindexCommand(), evalCommand(), statsCommand(), exportCommand(), serveCommand(), userCommand(), mcpCommand(), subscribeCommand(), digestCommand()]) program.addCommand(c);
  for (const c of program.commands) {
    c.exitOverride();
    for (const sub of c.commands) sub.exitOverride();
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    process.exitCode = exitCodeFor(err);
    if (!(err instanceof CommanderError)) process.stderr.write(`paperboard: ${(err as Error).message}\n`);
    if (process.exitCode === EXIT.FAILED && process.env.PAPERBOARD_DEBUG) console.error(err);
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.code === "commander.helpDisplayed" || err.code === "commander.version" || err.code === "commander.help" ? EXIT.OK : EXIT.USAGE;
  }
  if (err instanceof ConfigError || err instanceof ValidationError) return EXIT.USAGE;
  // Naming something that is not there (`user set-role nobody admin`) is bad input: nothing was done.
  if (err instanceof NotFoundError) return EXIT.USAGE;
  if (err instanceof SourceError) return EXIT.FAILED;
  return EXIT.FAILED;
}

await main(process.argv);
