// Term counts of recently ranked papers, kept between requests: every for-you request reads the same few hundred recent papers, and tokenising them is most of its cost.
import type { StoredPaper } from "../domain/paper.js";
import { termCounts } from "./features.js";

/** About two months of a busy feed plus the likes of the active readers; a few megabytes. */
const MAX_ENTRIES = 20_000;

export class TermCache {
  private readonly entries = new Map<string, { modifiedAt: string; counts: Map<string, number> }>();

  /** The paper's counts, recomputed when the paper changed since they were cached. */
  of(p: StoredPaper): Map<string, number> {
    const hit = this.entries.get(p.id);
    if (hit && hit.modifiedAt === p.modifiedAt) {
      // Re-inserting keeps the map in least-recently-used order for eviction.
      this.entries.delete(p.id);
      this.entries.set(p.id, hit);
      return hit.counts;
    }
    const counts = termCounts(p);
    this.entries.set(p.id, { modifiedAt: p.modifiedAt, counts });
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return counts;
  }
}
