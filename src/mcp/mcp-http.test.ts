// The MCP server over streamable HTTP at /mcp, served on a port and driven by the SDK's own client.
import type { AddressInfo } from "node:net";
import { serve, type ServerType } from "@hono/node-server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HIDDEN_ID, seedExportStore, TRICKY_TITLE } from "../export/test-support/export-fixtures.js";
import { exportApp } from "../export/test-support/export-app.js";
import type { Store } from "../storage/store.js";
import { sqliteBackend } from "../storage/test-support/backends.js";
import { expectToolContract } from "./test-support/tool-contract.js";

const backend = sqliteBackend();
let store: Store;
let server: ServerType;
let base = "";
let client: Client;

beforeAll(async () => {
  store = await backend.open();
  await seedExportStore(store);
  const app = exportApp(store);
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
      base = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
  client = new Client({ name: "paperboard-test", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${base}/mcp`)));
});
afterAll(async () => {
  await client?.close();
  await new Promise((r) => server.close(r));
  await store.close();
  await backend.cleanup();
});

describe("MCP over streamable HTTP", () => {
  it("lists, calls and fails the tools as the contract says", async () => {
    await expectToolContract(client, { titleOf2406_00001: TRICKY_TITLE, hiddenId: HIDDEN_ID, hubBase: base });
  });

  it("refuses a browser page of another site, and GET (the endpoint is stateless)", async () => {
    const init = { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json, text/event-stream" }, body: "{}" };
    const foreign = await fetch(`${base}/mcp`, { ...init, headers: { ...init.headers, Origin: "https://evil.example" } });
    expect(foreign.status).toBe(403);
    const get = await fetch(`${base}/mcp`, { headers: { Accept: "text/event-stream" } });
    expect(get.status).toBe(405);
  });
});
