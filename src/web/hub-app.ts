// The web app of a running hub, wired from the services: what `paperboard serve` serves (and the browser tests too).
import type { Hono } from "hono";
import type { Services } from "../app.js";
import { fetchArxivPaper } from "../ingest/fetch-arxiv-paper.js";
import type { Autosync } from "../jobs/autosync.js";
import type { SearchIndexer } from "../jobs/search-indexer.js";
import type { SearchEngine } from "../search/search-engine.js";
import { createWebApp } from "./app.js";

export function hubWebApp(s: Services, engine: SearchEngine, indexer: SearchIndexer, autosync: Pick<Autosync, "status">): Hono {
  const config = s.config;
  return createWebApp({
    store: s.store,
    log: s.log,
    autosync,
    search: engine.service,
    accounts: s.accounts,
    community: s.community,
    feed: s.feed,
    // "Index this paper" through the shared, paced arXiv client; a fetched paper becomes searchable at once.
    fetchArxiv: async (input) => {
      const r = await fetchArxivPaper(s.store, s.syncDeps("arxiv"), input);
      if (r.fetched) void indexer.kick();
      return r;
    },
    transport: { secureCookies: config.secureCookies, trustProxy: config.trustProxy },
    publicUrl: config.publicUrl,
    personal: s.personal,
    subscriptions: { subscriptions: s.subscriptions, defaultTimeZone: config.feedTimeZone },
    api: { limits: s.apiLimits },
  });
}
