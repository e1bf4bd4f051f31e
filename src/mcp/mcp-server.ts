// The MCP server: the paper tools (paper-tools.ts) with their input and output schemas, for the stdio and HTTP transports alike.
//
// Every result is structured content (validated by the SDK against the
// output schema) and, for clients that read text only, the same JSON as
// text, as the MCP specification recommends. Domain errors (an unknown id,
// a bad date) come back as tool errors with their message; anything else is
// logged and reported as an internal error, without details.
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { z } from "zod";
import { DomainError } from "../domain/errors.js";
import { SEARCH_MODES, SEARCH_SORTS } from "../search/search-service.js";
import type { PaperTools } from "./paper-tools.js";

export const MCP_SERVER_NAME = "paperboard";
export const MCP_SERVER_VERSION = "0.1.0";
/** Most papers one call returns. */
export const MCP_MAX_LIMIT = 50;

export interface McpLog {
  error(obj: object, msg?: string): void;
}

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "a day written YYYY-MM-DD");
const limit = (fallback: number) => z.number().int().min(1).max(MCP_MAX_LIMIT).default(fallback).describe(`How many papers (1-${MCP_MAX_LIMIT}, default ${fallback}).`);
const paperId = z.string().min(1).max(200).describe("The paper's id: an arXiv id in any spelling (2407.21783, arXiv:2407.21783v2, hep-th/9901001, an arxiv.org URL) or the hub's own id.");

const summary = z.object({
  id: z.string(),
  title: z.string(),
  authors: z.array(z.string()),
  abstract: z.string().describe("Shortened to about 600 characters in lists; get_paper has the whole abstract."),
  publishedAt: z.string().nullable(),
  categories: z.array(z.string()),
  url: z.string().nullable(),
  arxivUrl: z.string().nullable(),
  pdfUrl: z.string().nullable(),
  codeUrl: z.string().nullable(),
  upvotes: z.number(),
  comments: z.number(),
  feedDay: z.string().nullable(),
  organization: z.string().nullable(),
});
const detail = summary.extend({
  updatedAt: z.string().nullable(),
  version: z.number().nullable(),
  doi: z.string().nullable(),
  journalRef: z.string().nullable(),
  arxivComments: z.string().nullable(),
  license: z.string().nullable(),
  githubStars: z.number().nullable(),
  projectPage: z.string().nullable(),
  aiSummary: z.string().nullable(),
  aiKeywords: z.array(z.string()),
});
const papers = z.array(summary);

export function createMcpServer(tools: PaperTools, log: McpLog): McpServer {
  const server = new McpServer({ name: MCP_SERVER_NAME, version: MCP_SERVER_VERSION }, { capabilities: { tools: {} } });
  const readOnly = { readOnlyHint: true, openWorldHint: false } as const;

  /** Runs a tool: its result as structured content and as JSON text; failures as tool errors. */
  const run = async (name: string, fn: () => Promise<Record<string, unknown>>): Promise<CallToolResult> => {
    try {
      const result = await fn();
      return { content: [{ type: "text", text: JSON.stringify(result, null, 2) }], structuredContent: result };
    } catch (err) {
      if (err instanceof DomainError) return { content: [{ type: "text", text: err.message }], isError: true };
      log.error({ err, tool: name }, "MCP tool failed");
      return { content: [{ type: "text", text: "The hub failed to answer this call (an internal error); try again later." }], isError: true };
    }
  };

  server.registerTool(
    "search_papers",
    {
      title: "Search papers",
      description:
        "Search the hub's papers by words and meaning. The query may use the hub's search syntax: \"phrases\", -exclusions, author:, cat:, after:/before:, org:, has:code, or be an arXiv id.",
      inputSchema: {
        query: z.string().max(250).describe("What to look for."),
        mode: z.enum(SEARCH_MODES).optional().describe("hybrid (default: words and meaning), lexical (words only) or semantic (meaning only)."),
        sort: z.enum(SEARCH_SORTS).optional().describe("relevance (default), date, upvotes or trending."),
        limit: limit(10),
        filters: z
          .object({
            category: z.string().max(40).optional().describe("An arXiv category (cs.LG) or archive (cs)."),
            after: day.optional().describe("Published on or after this day."),
            before: day.optional().describe("Published on or before this day."),
            hasCode: z.boolean().optional().describe("Only papers with a code repository."),
            author: z.string().max(100).optional().describe("Part of an author's name."),
            organization: z.string().max(100).optional().describe("An organisation's handle or name."),
          })
          .optional(),
      },
      outputSchema: { query: z.string(), mode: z.enum(SEARCH_MODES), papers, warnings: z.array(z.string()) },
      annotations: readOnly,
    },
    (args) => run("search_papers", () => tools.search(args)),
  );

  server.registerTool(
    "get_paper",
    {
      title: "Get a paper",
      description: "One paper with its whole abstract, dates, links, identifiers and the hub's counts.",
      inputSchema: { id: paperId },
      outputSchema: { paper: detail },
      annotations: readOnly,
    },
    (args) => run("get_paper", () => tools.paper(args.id)),
  );

  server.registerTool(
    "list_daily_papers",
    {
      title: "List the daily papers",
      description: "The papers of a day, an ISO week or a month on the daily feed, most upvoted first. Without a period: the latest feed day.",
      inputSchema: {
        date: day.optional().describe("A feed day, YYYY-MM-DD."),
        week: z.string().regex(/^\d{4}-W\d{2}$/, "an ISO week written YYYY-Www").optional().describe("An ISO week, YYYY-Www."),
        month: z.string().regex(/^\d{4}-\d{2}$/, "a month written YYYY-MM").optional().describe("A month, YYYY-MM."),
        limit: limit(20),
      },
      outputSchema: {
        period: z.object({ kind: z.enum(["day", "week", "month"]), key: z.string(), from: z.string(), to: z.string() }),
        papers,
      },
      annotations: readOnly,
    },
    (args) => run("list_daily_papers", () => tools.daily(args)),
  );

  server.registerTool(
    "list_trending",
    {
      title: "List trending papers",
      description: "Papers ranked by upvotes and comments, decayed by the time since they entered the feed.",
      inputSchema: { limit: limit(20) },
      outputSchema: { papers },
      annotations: readOnly,
    },
    (args) => run("list_trending", () => tools.trending(args)),
  );

  server.registerTool(
    "similar_papers",
    {
      title: "Find similar papers",
      description: "Papers like the given one, by meaning and by their characteristic words; the paper itself is left out.",
      inputSchema: { id: paperId, limit: limit(10) },
      outputSchema: { id: z.string(), papers },
      annotations: readOnly,
    },
    (args) => run("similar_papers", () => tools.similar(args)),
  );

  return server;
}
