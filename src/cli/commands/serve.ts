// `paperboard serve`: the web server, with the Daily Papers back-fill running in the background.
import { serve } from "@hono/node-server";
import { Command } from "commander";
import { createServices } from "../../app.js";
import { syncHfDays } from "../../ingest/sync/hf-daily-sync.js";
import { Autosync } from "../../jobs/autosync.js";
import { SearchIndexer } from "../../jobs/search-indexer.js";
import { DigestScheduler } from "../../digest/digest-scheduler.js";
import { hubWebApp } from "../../web/hub-app.js";
import { configFrom } from "../context.js";

export function serveCommand(): Command {
  return new Command("serve")
    .description("Serve the hub over HTTP (default http://127.0.0.1:3000)")
    .option("-p, --port <port>", "port (also PORT)")
    .option("--host <host>", "address to bind (also PAPERBOARD_HOST; 0.0.0.0 for your network)")
    .option("--no-autosync", "do not back-fill the Daily Papers feed at start (also PAPERBOARD_AUTOSYNC=0)")
    .action(async (flags: { port?: string; host?: string; autosync: boolean }, cmd: Command) => {
      const config = configFrom(cmd, { port: flags.port, host: flags.host, ...(flags.autosync ? {} : { autosync: false }) });
      const s = await createServices(config);
      const engine = await s.search();
      const indexer = new SearchIndexer(engine, s.log);
      const autosync = new Autosync(async (onProgress, signal) => {
        let papers = 0;
        const r = await syncHfDays(s.syncDeps("hf", { signal, background: true }), {
          days: config.autosyncDays,
          onProgress: (p) => {
            papers += p.summary.read;
            onProgress({ done: p.done, total: p.total, papers });
            // Each synced day becomes searchable right away.
            void indexer.kick();
          },
        });
        return { failedDays: r.failed.map((f) => f.day), papers, total: r.days.length };
      }, s.log);
      const app = hubWebApp(s, engine, indexer, autosync);
      const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
        s.log.info({ url: `http://${config.host}:${info.port}`, storage: s.store.capabilities.dialect }, "Paperboard is serving");
        // Machine-readable line for scripts and tests that start the server on port 0.
        if (!process.stdout.isTTY) process.stdout.write(JSON.stringify({ listening: { host: config.host, port: info.port } }) + "\n");
        else process.stdout.write(`Paperboard: http://${config.host === "0.0.0.0" ? "localhost" : config.host}:${info.port}\n`);
      });
      indexer.start();
      if (config.autosync) autosync.start(config.autosyncDays);
      // Digests go out from the server by each subscriber's local hour (cron may run `paperboard digest send` as well).
      const digests = s.digests ? new DigestScheduler(s.digests, s.log) : null;
      digests?.start();
      const shutdown = async () => {
        s.log.info("shutting down");
        server.close();
        await autosync.stop();
        await indexer.stop();
        await digests?.stop();
        await s.close();
        process.exit(0);
      };
      process.once("SIGINT", shutdown);
      process.once("SIGTERM", shutdown);
    });
}
