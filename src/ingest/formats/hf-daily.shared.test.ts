// Runs the Daily Papers parser over the real captured responses in ../shared/data, when that folder is present.
import { createReadStream, existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { feedDayFromFileName, parseHfDaily } from "./hf-daily.js";

const RAW = fileURLToPath(new URL("../../../../shared/data/hf-daily-papers/raw", import.meta.url));
const exists = existsSync(RAW);
if (!exists) console.log(`hf-daily.shared.test: ${RAW} not found; skipping the real-data checks`);

describe.skipIf(!exists)("parseHfDaily over the shared Daily Papers capture", () => {
  it("reads 9,581 valid entries (9,577 distinct ids) and rejects the 300 Python-repr strings", async () => {
    const files = readdirSync(RAW).filter((f) => f.endsWith(".json")).sort();
    expect(files).toHaveLength(580);
    let valid = 0;
    const ids = new Set<string>();
    const reasons = new Map<string, number>();
    const badDays = new Set<string>();
    for (const name of files) {
      const file = join(RAW, name);
      const feedDay = feedDayFromFileName(file);
      expect(feedDay, name).toBe(name.slice(0, 10));
      for await (const r of parseHfDaily(createReadStream(file), { file, ...(feedDay ? { feedDay } : {}) })) {
        if (r.ok) {
          valid++;
          ids.add(r.record.paper.id);
          expect(r.record.hub?.feedDay).toBe(feedDay);
        } else {
          reasons.set(r.reason, (reasons.get(r.reason) ?? 0) + 1);
          badDays.add(name);
        }
      }
    }
    expect(valid).toBe(9581);
    expect(ids.size).toBe(9577);
    expect(Object.fromEntries(reasons)).toEqual({ "entry is a string (Python repr?), not a JSON object": 300 });
    expect(badDays.size).toBe(22);
    expect([...badDays].sort()[0]).toBe("2024-12-11.json");
    expect([...badDays].sort().at(-1)).toBe("2025-01-10.json");
  }, 120_000);
});
