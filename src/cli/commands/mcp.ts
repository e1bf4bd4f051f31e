// `paperboard mcp`: the MCP tools over stdio, for an agent that starts the hub as a subprocess.
//
// stdout carries the protocol and nothing else: logs go to stderr (the
// logger's destination), and console.log/info/debug are sent there too, so a
// stray message from a library cannot corrupt a JSON-RPC frame.
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Command } from "commander";
import { createServices } from "../../app.js";
import { ListingService } from "../../export/listings.js";
import { createMcpServer } from "../../mcp/mcp-server.js";
import { PaperTools } from "../../mcp/paper-tools.js";
import { configFrom } from "../context.js";

export function mcpCommand(): Command {
  return new Command("mcp")
    .description("Serve the MCP tools (search, papers, daily feed, trending, similar papers) over stdio; logs go to stderr")
    .action(async (_flags: object, cmd: Command) => {
      for (const level of ["log", "info", "debug"] as const) console[level] = (...args: unknown[]) => console.error(...args);
      const s = await createServices(configFrom(cmd));
      const stop = new AbortController();
      let catchUp: Promise<unknown> = Promise.resolve();
      try {
        const engine = await s.search();
        // Papers imported with --no-index become searchable meanwhile; the protocol does not wait for it.
        catchUp = engine.catchUp({ signal: stop.signal }).catch((err: unknown) => {
          if (!stop.signal.aborted) s.log.warn({ err }, "search index catch-up failed");
        });
        const listings = new ListingService({ feed: s.feed, search: engine.service, community: s.community, store: s.store });
        const tools = new PaperTools({ listings, search: engine.service, feed: s.feed, publicUrl: s.config.publicUrl ?? null });
        const server = createMcpServer(tools, s.log);
        await server.connect(new StdioServerTransport());
        s.log.info("Paperboard MCP server ready on stdio");
        // The client ends the session by closing our stdin (or by a signal).
        await new Promise<void>((resolve) => {
          process.stdin.once("end", resolve);
          process.stdin.once("close", resolve);
          process.once("SIGINT", resolve);
          process.once("SIGTERM", resolve);
        });
        await server.close();
      } finally {
        stop.abort();
        await catchUp;
        await s.close();
      }
    });
}
