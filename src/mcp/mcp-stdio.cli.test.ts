// `paperboard mcp` over stdio: the real CLI spawned (the built `dist/cli/main.js mcp`) on a seeded data directory, driven by the SDK's client.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, MAIN, PROJECT_ROOT } from "../cli/test-support/run-cli.js";
import { HIDDEN_ID, seedExportStore, TRICKY_TITLE } from "../export/test-support/export-fixtures.js";
import { openStore } from "../storage/open-store.js";
import { expectToolContract } from "./test-support/tool-contract.js";

const data = mkdtempSync(join(tmpdir(), "pb-mcp-"));
const PUBLIC = "https://papers.example.org";
let client: Client;
let transport: StdioClientTransport;
let stderr = "";
const protocolErrors: Error[] = [];

beforeAll(async () => {
  const store = await openStore({ dataDir: data });
  await seedExportStore(store);
  await store.close();
  transport = new StdioClientTransport({
    command: process.execPath,
    args: [MAIN, "mcp", "--data", data],
    cwd: PROJECT_ROOT,
    env: cliEnv({ PAPERBOARD_LOG_LEVEL: "info", PAPERBOARD_LOG_FORMAT: "json", PAPERBOARD_PUBLIC_URL: PUBLIC }) as Record<string, string>,
    stderr: "pipe",
  });
  transport.stderr!.on("data", (d: Buffer) => (stderr += d.toString("utf8")));
  client = new Client({ name: "paperboard-test", version: "1.0.0" });
  // Anything but JSON-RPC on the server's stdout would surface here.
  client.onerror = (err) => protocolErrors.push(err);
  await client.connect(transport);
}, 120_000);
afterAll(async () => {
  await client?.close();
  rmSync(data, { recursive: true, force: true });
});

describe("paperboard mcp (stdio)", () => {
  it("serves the tools, with links to the hub's public URL", async () => {
    await expectToolContract(client, { titleOf2406_00001: TRICKY_TITLE, hiddenId: HIDDEN_ID, hubBase: PUBLIC });
  }, 60_000);

  it("keeps stdout for the protocol: logs went to stderr", () => {
    expect(protocolErrors).toEqual([]);
    expect(stderr).toContain("Paperboard MCP server ready on stdio");
  });
});
