// Runs the Kaggle parser over the first 200 lines of the real snapshot in ../shared/data, when present.
import { createReadStream, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseKaggle } from "./kaggle.js";

const FILE = fileURLToPath(new URL("../../../../shared/data/arxiv-samples/arxiv-metadata-oai-snapshot.first200.jsonl", import.meta.url));
const exists = existsSync(FILE);
if (!exists) console.log(`kaggle.shared.test: ${FILE} not found; skipping the real-data checks`);

describe.skipIf(!exists)("parseKaggle over the shared snapshot sample", () => {
  it("reads all 200 records, ids 0704.0001 to 0704.0200", async () => {
    const ids: string[] = [];
    for await (const r of parseKaggle(createReadStream(FILE), { file: FILE })) {
      expect(r.ok, JSON.stringify(r)).toBe(true);
      if (!r.ok) continue;
      ids.push(r.record.paper.id);
      expect(r.record.paper.title).not.toBe("");
      expect(r.record.paper.publishedAt).toMatch(/^2007-0[34]-\d\dT/);
      if (r.record.paper.id === "0704.0001") {
        expect(r.record.paper).toMatchObject({ version: 2, doi: "10.1103/PhysRevD.76.013009", primaryCategory: "hep-ph" });
        expect(r.record.paper.authors[0]).toEqual({ name: "C. Balázs" });
      }
    }
    expect(ids).toHaveLength(200);
    expect(ids[0]).toBe("0704.0001");
    expect(ids.at(-1)).toBe("0704.0200");
  });
});
