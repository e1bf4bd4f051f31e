// Test helper: what every MCP transport must do with the paper tools, checked through the SDK's client (the store holds seedExportStore's papers).
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { expect } from "vitest";

interface Paper {
  id: string;
  title: string;
  url: string | null;
}
type Structured = { papers?: Paper[]; paper?: Paper & { abstract: string; doi: string | null }; period?: { key: string }; id?: string; mode?: string };

export interface ContractExpectations {
  titleOf2406_00001: string;
  hiddenId: string;
  /** Base of the hub's page links in results, when the transport knows it. */
  hubBase: string | null;
}

export async function expectToolContract(client: Client, x: ContractExpectations): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(["get_paper", "list_daily_papers", "list_trending", "search_papers", "similar_papers"]);
  for (const t of tools) {
    expect(t.inputSchema.type).toBe("object");
    expect(t.outputSchema?.type).toBe("object");
    expect(t.annotations?.readOnlyHint).toBe(true);
  }

  const call = async (name: string, args: Record<string, unknown>) => {
    const r = await client.callTool({ name, arguments: args });
    const text = (r.content as Array<{ type: string; text: string }>)[0]!;
    return { isError: r.isError === true, text: text.text, data: r.structuredContent as Structured };
  };
  const ids = (d: Structured) => d.papers!.map((p) => p.id);

  const search = await call("search_papers", { query: "attention", mode: "lexical", limit: 10, filters: { category: "cs.CL" } });
  expect(search.isError).toBe(false);
  expect(ids(search.data)).toEqual(["2406.00003"]);
  // The text is the structured content as JSON, for clients that read text only.
  expect(JSON.parse(search.text)).toEqual(search.data);

  const paper = await call("get_paper", { id: "arXiv:2406.00001v2" });
  expect(paper.isError).toBe(false);
  expect(paper.data.paper).toMatchObject({ id: "2406.00001", title: x.titleOf2406_00001, doi: "10.1000/x_y" });
  expect(paper.data.paper!.url).toBe(x.hubBase ? `${x.hubBase}/papers/2406.00001` : "https://arxiv.org/abs/2406.00001");

  const daily = await call("list_daily_papers", { date: "2024-06-05", limit: 10 });
  expect(daily.data.period!.key).toBe("2024-06-05");
  expect(ids(daily.data)).toEqual(["2406.00001", "2406.00002"]);
  const week = await call("list_daily_papers", { week: "2024-W23", limit: 2 });
  expect(ids(week.data)).toHaveLength(2);

  const trending = await call("list_trending", { limit: 5 });
  expect(trending.isError).toBe(false);
  expect(ids(trending.data)).not.toContain(x.hiddenId);
  expect(ids(trending.data)[0]).toBe("2406.00001");

  const similar = await call("similar_papers", { id: "2406.00002", limit: 5 });
  expect(similar.isError).toBe(false);
  expect(similar.data.id).toBe("2406.00002");
  expect(ids(similar.data)).toContain("2406.00003");
  expect(ids(similar.data)).not.toContain("2406.00002");

  // Errors are tool results the agent can read, not protocol failures or crashes.
  for (const [name, args] of [
    ["get_paper", { id: "2406.99999" }],
    ["get_paper", { id: x.hiddenId }],
    ["similar_papers", { id: "no-such-paper", limit: 3 }],
  ] as const) {
    const r = await call(name, args);
    expect(r.isError, `${name} ${JSON.stringify(args)}`).toBe(true);
    expect(r.text).toMatch(/No paper with id .* in this hub\./);
  }
  const badDate = await call("list_daily_papers", { date: "2024-02-30" });
  expect(badDate.isError).toBe(true);
  expect(badDate.text).toMatch(/date must be a calendar day/);
  const badLimit = await call("list_trending", { limit: 500 });
  expect(badLimit.isError).toBe(true);

  // Still answering after the errors.
  expect((await call("list_trending", { limit: 1 })).isError).toBe(false);
}
