// Incremental OAI-PMH ListRecords harvest of arXiv: paging by resumption token, importing each page, keeping the watermark.
import { SourceError } from "../../domain/errors.js";
import type { ImportSummary, OaiPageMeta } from "../../domain/ingest-types.js";
import { parseArxivOai } from "../formats/arxiv-oai.js";
import { addSummary, emptySummary } from "../import-summary.js";
import { loadResume, saveResume, type OaiResume } from "./oai-resume-state.js";
import type { SyncDeps } from "./sync-deps.js";
import { dayOfDate, requireDay, utcDay } from "./utc-day.js";

export interface OaiHarvestOptions {
  /** OAI set, e.g. "cs" or "cs:cs:LG"; all of arXiv when absent. */
  set?: string;
  /** Inclusive lower datestamp bound; defaults to the stored watermark (incremental harvest). */
  from?: string;
  until?: string;
  metadataPrefix?: "arXiv" | "arXivRaw";
}

export interface OaiHarvestResult {
  summary: ImportSummary;
  pages: number;
  stateKey: string;
  /** The `from` actually used (null: full harvest). */
  from: string | null;
  until: string | null;
  /** The watermark after the run: the next run's default `from` (unchanged when `advanced` is false). */
  nextFrom: string | null;
  /** Whether this run moved the watermark (see harvestOai). */
  advanced: boolean;
  /** True when the run continued an interrupted harvest from its saved token. */
  resumed: boolean;
}

/** State key of a harvest's watermark; one per set and metadata format, since each is a separate list. */
export function oaiStateKey(set: string | undefined, prefix: string): string {
  return `arxiv-oai:${set ?? "all"}:${prefix}`;
}

/**
 * Harvests ListRecords from `from` (given, else the stored watermark, else
 * everything). The watermark is written only after the last page, as the
 * server's day at the start (so records changed during the run are seen
 * again next time: upserts make the overlap harmless), and only if the run
 * covered everything since the old watermark: no `until`, and `from` not
 * later than it. So a back-fill of an old range cannot skip recent changes.
 * A failed run leaves it untouched and is redone; its last token is kept to
 * try first. noRecordsMatch is a successful, empty harvest.
 */
export async function harvestOai(deps: SyncDeps, opts: OaiHarvestOptions = {}): Promise<OaiHarvestResult> {
  const prefix = opts.metadataPrefix ?? "arXiv";
  const key = oaiStateKey(opts.set, prefix);
  const watermark = (await deps.state.getSyncState(key)) || null;
  const from = requireDay(opts.from, "from") ?? watermark;
  const until = requireDay(opts.until, "until") ?? null;
  const advances = until === null && (watermark === null || (from !== null && from <= watermark));
  const base = deps.urls.arxivOai;

  const firstUrl = withQuery(base, { verb: "ListRecords", metadataPrefix: prefix, from, until, set: opts.set ?? null });
  const saved = await loadResume(deps.state, key);
  let resumed = saved !== null && saved.from === from && saved.until === until;
  let url = resumed && saved ? tokenUrl(base, saved.token) : firstUrl;
  let startedDay: string | null = resumed && saved ? saved.startedDay : null;
  let previousToken: string | null = resumed && saved ? saved.token : null;
  const summary = emptySummary();
  let pages = 0;

  for (;;) {
    const page = await fetchPage(deps, url);
    if (resumed && pages === 0 && page.meta.error?.code === "badResumptionToken") {
      deps.log?.warn({ key }, "saved resumption token no longer accepted; starting the list again");
      resumed = false;
      url = firstUrl;
      startedDay = null;
      previousToken = null;
      continue;
    }
    startedDay ??= page.day ?? utcDay(Date.now());
    pages += 1;
    addSummary(summary, page.summary);
    const error = page.meta.error;
    if (error && error.code !== "noRecordsMatch") {
      throw new SourceError(`OAI-PMH error ${error.code} from ${url}: ${error.message}`);
    }
    const token = page.meta.resumptionToken;
    deps.log?.info(
      { key, page: pages, read: page.summary.read, total: page.meta.completeListSize, cursor: page.meta.cursor },
      "OAI-PMH page imported",
    );
    if (error || !token) break;
    if (token === previousToken) throw new SourceError(`${url}: server repeated resumption token "${token}"`);
    previousToken = token;
    const marker: OaiResume = { token, from, until, startedDay };
    await saveResume(deps.state, key, marker);
    url = tokenUrl(base, token);
  }

  if (advances) await deps.state.setSyncState(key, startedDay);
  else deps.log?.info({ key, watermark, from, until }, "range did not cover everything since the watermark; kept it");
  await saveResume(deps.state, key, null);
  const after = advances ? startedDay : watermark;
  return { summary, pages, stateKey: key, from, until, nextFrom: after, advanced: advances, resumed };
}

interface Page {
  summary: ImportSummary;
  meta: OaiPageMeta;
  /** The server's day when it answered (responseDate, else the HTTP Date header). */
  day: string | null;
}

async function fetchPage(deps: SyncDeps, url: string): Promise<Page> {
  let meta: (OaiPageMeta & { responseDate?: string }) | null = null;
  const { summary, dateHeader } = await deps.http.consume(
    url,
    async (res) => {
      meta = null; // a re-read after a broken body starts clean
      const results = parseArxivOai(res.body, { file: url, onMeta: (m) => (meta = m) });
      const summary = await deps.sink.importResults(results, { signal: deps.signal });
      return { summary, dateHeader: res.headers.get("date") };
    },
    { signal: deps.signal },
  );
  const m = meta as (OaiPageMeta & { responseDate?: string }) | null;
  // The page trailer (token or error) comes last: without it the page is incomplete, whatever the parser made of it.
  if (!m) throw new SourceError(`${url}: OAI-PMH response ended before its resumptionToken (incomplete page)`);
  return { summary, meta: m, day: dayOfDate(m.responseDate) ?? dayOfDate(dateHeader) };
}

/** Follow-up requests carry only verb and token: OAI-PMH makes resumptionToken an exclusive argument. */
function tokenUrl(base: string, token: string): string {
  return withQuery(base, { verb: "ListRecords", resumptionToken: token });
}

function withQuery(base: string, params: Record<string, string | null>): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== null) u.searchParams.set(k, v);
  return u.toString();
}
