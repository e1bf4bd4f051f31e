// Plain types of digests: a paper with the line saying why it is in a digest, and the personal-selection source.
import type { StoredPaper } from "../domain/paper.js";

/** At most this many papers in one digest: a mail is read in a minute, not scrolled. */
export const DIGEST_MAX_PAPERS = 10;

export interface DigestItem {
  paper: StoredPaper;
  /** One line: "trending: 42 upvotes", "matches your search 'state space models'", "new paper by Yann LeCun". */
  reason: string;
}

/**
 * A user's personal selection with the reason for each paper (the personal
 * feed's model, /papers/for-you), best first, without the papers in
 * `excludeIds` (those already mailed to the subscription).
 */
export interface ForYouSource {
  topFor(userId: string, limit: number, excludeIds: ReadonlySet<string>): Promise<DigestItem[]>;
}
