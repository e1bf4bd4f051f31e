// Runs the generic JSON-lines parser over seed-papers.jsonl and the SciFact corpus in ../shared/data, when present.
import { createReadStream, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseGenericJsonl } from "./jsonl.js";

const DATA = fileURLToPath(new URL("../../../../shared/data", import.meta.url));
const SEED_PAPERS = `${DATA}/seed-papers.jsonl`;
const SCIFACT = `${DATA}/scifact/corpus.jsonl`;
const exists = existsSync(SEED_PAPERS) && existsSync(SCIFACT);
if (!exists) console.log(`jsonl.shared.test: ${DATA} not complete; skipping the real-data checks`);

async function count(file: string): Promise<{ valid: number; rejected: number; ids: Set<string> }> {
  let valid = 0;
  let rejected = 0;
  const ids = new Set<string>();
  for await (const r of parseGenericJsonl(createReadStream(file), { file })) {
    if (r.ok) {
      valid++;
      ids.add(r.record.paper.id);
    } else rejected++;
  }
  return { valid, rejected, ids };
}

describe.skipIf(!exists)("parseGenericJsonl over shared data", () => {
  it("reads all 389 seed papers and all 5,183 SciFact abstracts", async () => {
    const seeds = await count(SEED_PAPERS);
    expect(seeds).toMatchObject({ valid: 389, rejected: 0 });
    expect(seeds.ids.size).toBe(389);
    const scifact = await count(SCIFACT);
    expect(scifact).toMatchObject({ valid: 5183, rejected: 0 });
    expect(scifact.ids.size).toBe(5183);
  });
});
