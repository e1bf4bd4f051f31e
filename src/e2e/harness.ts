// The end-to-end harness: a hub composed as `paperboard serve` composes it, over a seeded temporary store, on a free port.
//
// `npm test` runs TypeScript through vitest without building dist/, so the
// server is built in-process from the same parts serve.ts wires together
// (createServices, the search indexer, createWebApp, @hono/node-server),
// with autosync off and arXiv replaced by a local fake. The moderator is
// created by the real CLI (`paperboard user add --moderator`), as an
// operator would, when a suite asks for it (a child process costs a few
// seconds of CPU); otherwise, like ordinary accounts, through AccountsService.
import { mkdtemp, rm } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createServices, type Services } from "../app.js";
import { runCli } from "../cli/test-support/run-cli.js";
import { loadConfig } from "../config/config.js";
import { Autosync } from "../jobs/autosync.js";
import { SearchIndexer } from "../jobs/search-indexer.js";
import { hubWebApp } from "../web/hub-app.js";
import { startFakeArxiv, type FakeArxiv, type FakeArxivPaper } from "./fake-arxiv.js";
import { seedRecords, submittable } from "./seed.js";

export interface Credentials {
  name: string;
  displayName: string;
  password: string;
}

export interface Hub {
  /** http://127.0.0.1:<port>, no trailing slash. */
  url: string;
  services: Services;
  /** Today's feed day when the hub started (the seed is dated from it). */
  today: string;
  /** The paper only the fake arXiv knows, for the submission test. */
  submittable: FakeArxivPaper;
  arxiv: FakeArxiv;
  /** Created with `paperboard user add --moderator` when asked for, else through AccountsService. */
  moderator: Credentials;
  /** An ordinary account. */
  reader: Credentials;
  close(): Promise<void>;
}

const PASSWORD = "correct horse battery staple";

export interface HubOptions {
  /** Create the moderator with the real `paperboard user add` in a child process. */
  moderatorFromCli?: boolean;
}

export async function startHub(opts: HubOptions = {}): Promise<Hub> {
  const dataDir = await mkdtemp(join(tmpdir(), "paperboard-e2e-"));
  const now = new Date();
  const fresh = submittable(now);
  const arxiv = await startFakeArxiv([fresh]);
  // The environment is left out (as the CLI tests do), so a developer's PAPERBOARD_* settings cannot leak in.
  const config = loadConfig({
    env: {},
    overrides: { dataDir, port: 0, autosync: false, arxivApiUrl: arxiv.url, arxivDelayMs: 0, logLevel: "error", logFormat: "json" },
  });
  const s = await createServices(config);
  const today = s.feed.today();
  await s.store.upsertPapers(seedRecords(today));

  const moderator = { name: "mia", displayName: "Mia Moderator", password: PASSWORD };
  const reader = { name: "rita", displayName: "Rita Reader", password: PASSWORD };
  const email = (c: Credentials) => `${c.name}@example.org`;
  const cli = opts.moderatorFromCli
    ? runCli(["--data", dataDir, "user", "add", moderator.name, "--email", email(moderator), "--display-name", moderator.displayName, "--moderator"], {
        env: { PAPERBOARD_USER_PASSWORD: moderator.password },
      })
    : s.accounts.signUp({ name: moderator.name, email: email(moderator), displayName: moderator.displayName, password: moderator.password }, "moderator").then(() => null);
  await s.accounts.signUp({ name: reader.name, email: email(reader), displayName: reader.displayName, password: reader.password });

  // From here as serve.ts: the engine, its indexer, an autosync that is never started, the same app and an HTTP server.
  const engine = await s.search();
  const indexer = new SearchIndexer(engine, s.log);
  await indexer.kick();
  const autosync = new Autosync(async () => ({ failedDays: [], papers: 0, total: 0 }), s.log);
  const app = hubWebApp(s, engine, indexer, autosync);
  const server = await new Promise<Server>((resolve) => {
    const srv = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(srv as Server));
  });
  indexer.start();

  const created = await cli;
  if (created && created.code !== 0) throw new Error(`paperboard user add failed (${created.code}): ${created.stderr}`);

  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    services: s,
    today,
    submittable: fresh,
    arxiv,
    moderator,
    reader,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await autosync.stop();
      await indexer.stop();
      await s.close();
      await arxiv.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
