// `paperboard sync arxiv|hf`: fetch from the live sources into the store, picking up where the last run stopped.
import { Command } from "commander";
import { ValidationError } from "../../domain/errors.js";
import type { ImportSummary } from "../../domain/ingest-types.js";
import { queryArxivApi } from "../../ingest/sync/arxiv-api-query.js";
import { harvestOai } from "../../ingest/sync/arxiv-oai-harvest.js";
import { syncHfDays } from "../../ingest/sync/hf-daily-sync.js";
import { interruptSignal, printJson, withServices } from "../context.js";
import { EXIT } from "../exit-codes.js";
import { printRejections, summaryErrors, summaryTotals, totalsLine } from "../summary-output.js";

export function syncCommand(): Command {
  const sync = new Command("sync").description("Fetch papers from arXiv or the Daily Papers API");

  sync
    .command("arxiv")
    .description("arXiv: incremental OAI-PMH harvest (default), or API queries with --query / --id; paced at one request per 3 s")
    .option("--set <set>", "OAI-PMH set, e.g. cs or cs:cs:LG (default: all of arXiv)")
    .option("--from <date>", "harvest records changed since YYYY-MM-DD (default: the last successful harvest of this set)")
    .option("--until <date>", "harvest records changed up to YYYY-MM-DD")
    .option("--prefix <prefix>", "OAI metadata format: arXiv or arXivRaw", "arXiv")
    .option("--query <query>", "arXiv API search_query, e.g. 'cat:cs.LG AND ti:diffusion' (newest first)")
    .option("--id <ids...>", "arXiv ids to fetch through the API")
    .option("--max <n>", "stop an API query after N entries", (v) => Number(v))
    .option("--json", "print the summary as JSON")
    .action(async (flags: ArxivFlags, cmd: Command) => {
      process.exitCode = await withServices(cmd, async (s) => {
        const stop = interruptSignal();
        try {
          const deps = s.syncDeps("arxiv", { signal: stop.signal });
          if (flags.query || flags.id) {
            const r = await queryArxivApi(deps, {
              ...(flags.query ? { query: flags.query } : {}),
              ...(flags.id ? { ids: flags.id } : {}),
              ...(flags.max ? { max: flags.max } : {}),
            });
            return finish(r.summary, { pages: r.pages, totalResults: r.totalResults }, !!flags.json, []);
          }
          const prefix = flags.prefix === "arXivRaw" ? "arXivRaw" : flags.prefix === "arXiv" ? "arXiv" : badPrefix(flags.prefix);
          const r = await harvestOai(deps, {
            metadataPrefix: prefix,
            ...(flags.set ? { set: flags.set } : {}),
            ...(flags.from ? { from: flags.from } : {}),
            ...(flags.until ? { until: flags.until } : {}),
          });
          return finish(r.summary, { pages: r.pages, from: r.from, nextFrom: r.nextFrom, resumed: r.resumed }, !!flags.json, []);
        } finally {
          stop.dispose();
        }
      });
    });

  sync
    .command("hf")
    .description("Daily Papers API: one day (--date), a back-fill (--days N), or catch up since the last run")
    .option("--date <day>", "the feed day YYYY-MM-DD (default: today, UTC); the asked date becomes the papers' feed day")
    .option("--days <n>", "back-fill N days ending at --date or today", (v) => Number(v))
    .option("--json", "print the summary as JSON")
    .action(async (flags: { date?: string; days?: number; json?: boolean }, cmd: Command) => {
      process.exitCode = await withServices(cmd, async (s) => {
        const stop = interruptSignal();
        try {
          const r = await syncHfDays(s.syncDeps("hf", { signal: stop.signal }), {
            ...(flags.date ? { date: flags.date } : {}),
            ...(flags.days !== undefined ? { days: flags.days } : {}),
            onProgress: (p) => {
              if (!flags.json) process.stderr.write(`${p.day}: ${p.error ? `failed: ${p.error}` : `${p.summary.read} entries`} (${p.done}/${p.total})\n`);
            },
          });
          return finish(r.summary, { days: r.days.length, lastDay: r.lastDay }, !!flags.json, r.failed.map((f) => `${f.day}: ${f.error}`));
        } finally {
          stop.dispose();
        }
      });
    });

  return sync;
}

interface ArxivFlags {
  set?: string;
  from?: string;
  until?: string;
  prefix: string;
  query?: string;
  id?: string[];
  max?: number;
  json?: boolean;
}

function badPrefix(p: string): never {
  throw new ValidationError(`--prefix must be arXiv or arXivRaw, not ${p}`);
}

function finish(summary: ImportSummary, extra: Record<string, unknown>, json: boolean, failures: string[]): number {
  printRejections(summary);
  for (const f of failures) process.stderr.write(`failed: ${f}\n`);
  if (json) printJson({ ...summaryTotals(summary), ...extra, failures, errors: summaryErrors(summary) });
  else process.stdout.write(`${totalsLine(summary)}\n`);
  return summary.rejected > 0 || failures.length > 0 ? EXIT.PARTIAL : EXIT.OK;
}
