// MCP over streamable HTTP (POST /mcp), stateless: each request gets a fresh server and transport, answered as JSON.
//
// Stateless suits a read-only server: no session to keep, any instance can
// answer, and the SDK requires a new transport per request in this mode.
// Browsers send an Origin header; one naming another site is refused, as the
// MCP specification asks of HTTP servers (DNS-rebinding protection).
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { createMcpServer, type McpLog } from "./mcp-server.js";
import { PaperTools, type PaperToolsDeps } from "./paper-tools.js";

/** JSON-RPC requests to these tools are small; a larger body is refused before it is read. */
const MAX_BODY_BYTES = 256 * 1024;

export function mcpHttpHandler(deps: Omit<PaperToolsDeps, "publicUrl"> & { publicUrl?: string | undefined; log: McpLog }): (req: Request) => Promise<Response> {
  return async (req) => {
    const url = new URL(req.url);
    const origin = req.headers.get("Origin");
    const own = [url.origin, deps.publicUrl ? new URL(deps.publicUrl).origin : null];
    if (origin !== null && !own.includes(origin)) return jsonRpcError(403, "This origin may not call the MCP endpoint.");
    if (req.method !== "POST") return jsonRpcError(405, "This MCP endpoint is stateless: POST JSON-RPC requests to it.", { Allow: "POST" });
    const tools = new PaperTools({ ...deps, publicUrl: deps.publicUrl ?? url.origin });
    const server = createMcpServer(tools, deps.log);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
    await server.connect(transport);
    try {
      return await transport.handleRequest(req);
    } finally {
      // With JSON responses the answer is complete once handleRequest returns.
      await server.close();
    }
  };
}

function jsonRpcError(status: number, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}
