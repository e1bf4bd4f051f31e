import { describe, expect, it } from "vitest";
import { RateLimitError, ValidationError } from "../domain/errors.js";
import type { FetchedPaper } from "../ingest/fetch-arxiv-paper.js";
import { MAX_IN_FLIGHT, PaperIndexer } from "./paper-indexer.js";

describe("PaperIndexer", () => {
  it("fetches each id once while it is in flight, and refuses more than a few at once", async () => {
    const asked: string[] = [];
    const release: Array<() => void> = [];
    const indexer = new PaperIndexer((id) => {
      asked.push(id);
      return new Promise<FetchedPaper>((resolve) => release.push(() => resolve({ paper: { id } as FetchedPaper["paper"], fetched: true })));
    });
    const a = indexer.index("https://arxiv.org/abs/2406.00001v2");
    const again = indexer.index("2406.00001");
    for (let i = 2; i <= MAX_IN_FLIGHT; i++) void indexer.index(`2406.0000${i}`);
    await expect(indexer.index("2406.09999")).rejects.toBeInstanceOf(RateLimitError);
    expect(asked).toEqual(["2406.00001", "2406.00002", "2406.00003"]);
    release.forEach((r) => r());
    expect((await a).paper.id).toBe("2406.00001");
    expect(await again).toBe(await a);
    await expect(indexer.index("not an id")).rejects.toBeInstanceOf(ValidationError);
    // Freed slots take new ids.
    const later = indexer.index("2406.09999");
    release.at(-1)!();
    expect((await later).paper.id).toBe("2406.09999");
  });
});
