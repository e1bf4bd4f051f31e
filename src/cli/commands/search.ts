// `paperboard search "QUERY"`: the search service from the command line; `--json` for scripts.
import { Command } from "commander";
import { ValidationError } from "../../domain/errors.js";
import { replaceMarks } from "../../search/highlight.js";
import { SEARCH_MODES, type SearchMode } from "../../search/search-service.js";
import { printJson, withServices } from "../context.js";

export function searchCommand(): Command {
  return new Command("search")
    .description('Search the papers: words, "phrases", -exclusions, author:, cat:, after:/before:, org:, has:code, or an arXiv id')
    .argument("<query>", "the query")
    .option("-n, --limit <n>", "how many results", (v) => Number(v), 10)
    .option("-m, --mode <mode>", "hybrid | lexical | semantic", "hybrid")
    .option("--json", "print [{id, title, score}] best first")
    .action(async (query: string, flags: { limit: number; mode: string; json?: boolean }, cmd: Command) => {
      if (!(SEARCH_MODES as readonly string[]).includes(flags.mode)) throw new ValidationError(`--mode must be one of ${SEARCH_MODES.join(", ")}`);
      await withServices(cmd, async (s) => {
        // Papers imported with --no-index, or by another process, become searchable here.
        const engine = await s.search();
        await engine.catchUp();
        const r = await engine.service.search(query, { limit: flags.limit, mode: flags.mode as SearchMode });
        for (const w of r.warnings) process.stderr.write(`note: ${w}\n`);
        if (flags.json) {
          printJson(r.results.map((x) => ({ id: x.paper.id, title: x.paper.title, score: x.score })));
          return;
        }
        if (r.results.length === 0) process.stdout.write("No papers match.\n");
        r.results.forEach((x, i) => {
          const date = x.paper.publishedAt ? ` (${x.paper.publishedAt.slice(0, 10)})` : "";
          process.stdout.write(`${i + 1}. ${x.paper.title}${date}\n   ${x.paper.id}${x.snippet ? ` · ${replaceMarks(x.snippet, "*", "*")}` : ""}\n`);
        });
      });
    });
}
