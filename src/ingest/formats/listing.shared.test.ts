// Checks the listing parser against the five real listing snapshots and their JSON-lines twin in ../shared/data, when present.
import { createReadStream, existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { normaliseTitle } from "../../domain/title.js";
import { parseListing } from "./listing.js";

const DATA = fileURLToPath(new URL("../../../../shared/data", import.meta.url));
const SEEDS = join(DATA, "seeds");
const SEED_PAPERS = join(DATA, "seed-papers.jsonl");
const exists = existsSync(SEEDS) && existsSync(SEED_PAPERS);
if (!exists) console.log(`listing.shared.test: ${SEEDS} or ${SEED_PAPERS} not found; skipping the real-data checks`);

describe.skipIf(!exists)("parseListing over the shared listing snapshots", () => {
  it("finds the same 389 distinct titles as seed-papers.jsonl, with their metadata", async () => {
    const fromListings = new Map<string, { publishedAt: string | null; upvotes: number | undefined }>();
    let rejected = 0;
    for (const name of readdirSync(SEEDS).filter((f) => f.endsWith(".txt"))) {
      const file = join(SEEDS, name);
      for await (const r of parseListing(createReadStream(file), { file })) {
        if (!r.ok) {
          rejected++;
          continue;
        }
        // A paper listed in several snapshots may carry its metadata in only some of them.
        const key = normaliseTitle(r.record.paper.title);
        const seen = fromListings.get(key);
        fromListings.set(key, {
          publishedAt: seen?.publishedAt ?? r.record.paper.publishedAt,
          upvotes: seen?.upvotes ?? r.record.hub?.upvotes ?? undefined,
        });
      }
    }
    const seeds = readFileSync(SEED_PAPERS, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { title: string; upvotes?: number; published?: string });
    const fromJsonl = new Set(seeds.map((s) => normaliseTitle(s.title)));

    expect(rejected).toBe(0);
    expect(fromListings.size).toBe(389);
    expect(new Set(fromListings.keys())).toEqual(fromJsonl);
    for (const s of seeds) {
      const got = fromListings.get(normaliseTitle(s.title));
      expect(got?.upvotes, s.title).toBe(s.upvotes);
      expect(got?.publishedAt != null, s.title).toBe(s.published != null && /\d{4}$/.test(s.published));
    }
  });
});
