// Real Daily Papers responses from ../shared/data, imported through the real importer, read back through GET /api/daily_papers: the same papers, upvotes and facts per day.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { parseArxivId } from "../domain/arxiv-id.js";
import { importFiles } from "../ingest/import-files.js";
import { ImportPipeline } from "../ingest/import-pipeline.js";
import type { Store } from "../storage/store.js";
import { sqliteBackend } from "../storage/test-support/backends.js";
import { DailyItemSchema, type DailyItem } from "./schemas.js";
import { apiHub } from "./test-support/api-hub.js";

const RAW = fileURLToPath(new URL("../../../shared/data/hf-daily-papers/raw", import.meta.url));
const exists = existsSync(RAW);
if (!exists) console.log(`daily-papers.shared.test: ${RAW} not found; skipping the real-data round trip`);

/** An early file without submitters or submittedOnDailyAt, a mid one with submitters, a late one with organisations. */
const DAYS = ["2024-06-05", "2025-06-03", "2026-08-21"];
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

describe.skipIf(!exists)("GET /api/daily_papers over imported real responses", () => {
  const backend = sqliteBackend();
  let store: Store;
  let app: ReturnType<typeof apiHub>;
  const raw = new Map<string, any[]>();

  beforeAll(async () => {
    store = await backend.open();
    const files = DAYS.map((d) => `${RAW}/${d}.json`);
    for (const [i, f] of files.entries()) raw.set(DAYS[i]!, (JSON.parse(readFileSync(f, "utf8")) as unknown[]).filter((e): e is any => typeof e === "object" && e !== null));
    const summary = await importFiles(files, new ImportPipeline(store), { feed: { timeZone: "UTC", rolloverHour: 17 } });
    expect(summary.rejected).toBe(0);
    app = apiHub(store, { now: () => new Date("2026-09-01T00:00:00.000Z") });
  });
  afterAll(async () => {
    await store?.close();
    await backend.cleanup();
  });

  const listed = async (day: string): Promise<DailyItem[]> => {
    const items: DailyItem[] = [];
    for (let p = 0; ; p++) {
      const res = await app.request(`/api/daily_papers?date=${day}&limit=100&p=${p}`);
      expect(res.status).toBe(200);
      const page = z.array(DailyItemSchema).parse(await res.json());
      items.push(...page);
      if (page.length < 100) return items;
    }
  };

  it.each(DAYS)("lists the papers of %s with the source's upvotes, comments, submitters and organisations", async (day) => {
    const source = raw.get(day)!;
    expect(source.length).toBeGreaterThan(0);
    const expected = new Map(source.map((e) => [parseArxivId(e.paper.id)?.id ?? e.paper.id, e]));
    const items = await listed(day);
    expect(items.map((i) => i.paper.id).sort()).toEqual([...expected.keys()].sort());
    for (const item of items) {
      const e = expected.get(item.paper.id)!;
      expect([item.paper.id, item.upvotes, item.paper.upvotes]).toEqual([item.paper.id, e.paper.upvotes, e.paper.upvotes]);
      expect([item.paper.id, item.numComments]).toEqual([item.paper.id, e.numComments]);
      expect(item.title).toBe(oneLine(e.paper.title));
      expect(item.paper.submittedOnDailyAt?.slice(0, 10)).toBe(day);
      expect(item.paper.authors.map((a) => a.name)).toEqual(e.paper.authors.map((a: { name: string }) => oneLine(a.name)));
      if (e.submittedBy) expect(item.submittedBy?.user).toBe(e.submittedBy.name);
      if (e.organization) expect(item.organization).toMatchObject({ name: e.organization.name, fullname: e.organization.fullname });
      if (e.paper.githubRepo) expect(item.githubRepo).toBe(e.paper.githubRepo);
      if (e.paper.ai_keywords) expect(item.ai_keywords).toEqual(e.paper.ai_keywords);
    }
  });

  it("finds each imported paper by id, and the days through the week and month filters", async () => {
    const all = DAYS.flatMap((d) => raw.get(d)!.map((e) => e.paper.id as string));
    for (const id of all.slice(0, 5)) expect((await app.request(`/api/papers/${id}`)).status).toBe(200);
    const june = z.array(DailyItemSchema).parse(await (await app.request("/api/daily_papers?month=2025-06&limit=100")).json());
    expect(june).toHaveLength(raw.get("2025-06-03")!.length);
  });
});
