// `paperboard eval`: retrieval quality of the current store on a BEIR-format query set, per search mode.
import { Command } from "commander";
import { ValidationError } from "../../domain/errors.js";
import { readBeirQrels, readBeirQueries } from "../../search/eval/beir.js";
import { runEval } from "../../search/eval/run-eval.js";
import { SEARCH_MODES, type SearchMode } from "../../search/search-service.js";
import { printJson, withServices } from "../context.js";
import { EXIT } from "../exit-codes.js";

export function evalCommand(): Command {
  return new Command("eval")
    .description("Score search on BEIR-format queries and qrels over the papers in the store: nDCG@10, Recall@100, MRR@10 per mode")
    .requiredOption("--queries <file>", "queries as JSON lines {_id, text}")
    .requiredOption("--qrels <file>", "judgments: query-id<TAB>corpus-id<TAB>score, with a header line")
    .option("-m, --mode <modes...>", "modes to evaluate (default: every mode this hub can run)")
    .option("--json", "print the figures as JSON")
    .action(async (flags: { queries: string; qrels: string; mode?: string[]; json?: boolean }, cmd: Command) => {
      const modes = (flags.mode ?? ["lexical", "hybrid", "semantic"]) as SearchMode[];
      for (const m of modes) if (!(SEARCH_MODES as readonly string[]).includes(m)) throw new ValidationError(`unknown mode ${m}; expected ${SEARCH_MODES.join(", ")}`);
      const [q, r] = await Promise.all([readBeirQueries(flags.queries), readBeirQrels(flags.qrels)]);
      for (const e of [...q.errors, ...r.errors]) process.stderr.write(`skipped: ${e.file}:${e.line}: ${e.reason}\n`);
      process.exitCode = await withServices(cmd, async (s) => {
        const engine = await s.search();
        await engine.catchUp();
        const service = engine.service;
        const report: Record<string, unknown> = {};
        for (const mode of modes) {
          try {
            const ev = await runEval(async (text, limit) => (await service.search(text, { mode, limit, prefix: false })).results.map((x) => x.paper.id), q.queries, r.qrels, { limit: 100 });
            report[mode] = { queries: ev.queries, ndcgAt10: round(ev.mean.ndcgAt10), recallAt100: round(ev.mean.recallAt100), mrrAt10: round(ev.mean.mrrAt10) };
          } catch (err) {
            if (!(err instanceof ValidationError)) throw err;
            report[mode] = { unavailable: err.message };
          }
        }
        if (flags.json) printJson(report);
        else for (const [mode, v] of Object.entries(report)) process.stdout.write(`${mode.padEnd(9)} ${JSON.stringify(v)}\n`);
        return q.errors.length + r.errors.length > 0 ? EXIT.PARTIAL : EXIT.OK;
      });
    });
}

function round(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}
