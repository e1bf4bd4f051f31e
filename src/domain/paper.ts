// The paper record and the hub's own facts about a paper: plain types, no I/O.
//
// A paper's bibliographic record (what arXiv or another source says about it)
// is kept apart from the hub facts (what happened to it on a daily feed:
// submission, upvotes, comments, organisation, AI summary). Importers produce
// both; storage keeps them in separate tables so a bibliographic update never
// erases community data and vice versa.

export interface Author {
  name: string;
  affiliation?: string;
}

export interface PaperLinks {
  /** Human-readable abstract page, e.g. https://arxiv.org/abs/2407.21783 */
  abs?: string;
  pdf?: string;
  /** Code repository, e.g. a GitHub URL. */
  code?: string;
  /** Project page. */
  project?: string;
}

/** Where a record came from: the format it was imported in (sync sources use the same formats). */
export const PAPER_SOURCES = ["kaggle", "arxiv-atom", "arxiv-oai", "hf-daily", "listing", "jsonl"] as const;
export type PaperSource = (typeof PAPER_SOURCES)[number];

export interface Paper {
  /** arXiv id without version (`2407.21783`, `hep-th/9901001`), else the source's id. */
  id: string;
  /** Latest version number known (1 for v1); null when the source does not say. */
  version: number | null;
  title: string;
  abstract: string;
  authors: Author[];
  categories: string[];
  primaryCategory: string | null;
  /** ISO 8601 UTC timestamps (`toISOString()` form), null when unknown. */
  publishedAt: string | null;
  updatedAt: string | null;
  comments: string | null;
  journalRef: string | null;
  doi: string | null;
  license: string | null;
  links: PaperLinks;
  source: PaperSource;
}

export interface FeedUser {
  /** Username (the `user`/`name` handle). */
  name: string;
  fullname?: string;
  avatarUrl?: string;
}

export interface Organization {
  name: string;
  fullname?: string;
  avatarUrl?: string;
}

/** The hub's own facts about a paper on the daily feed. */
export interface HubFacts {
  /** Feed day, `YYYY-MM-DD`, the day the paper is listed on the daily feed. */
  feedDay: string | null;
  /** ISO timestamp when it was submitted to the feed. */
  submittedAt: string | null;
  submittedBy: FeedUser | null;
  upvotes: number | null;
  numComments: number | null;
  organization: Organization | null;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
  thumbnail: string | null;
  /** Discussion id on the source hub, if any. */
  discussionId: string | null;
  /**
   * The latest feed day this paper was seen listed on. Counters come from the
   * newest listing, so re-importing an older listing cannot roll them back.
   * Maintained by mergeHub; importers leave it unset.
   */
  lastListedDay: string | null;
}

/**
 * What an importer yields for one valid input record. `paper.id` may be
 * empty when the source has no id; the importer then de-duplicates by
 * normalised title and derives an id (see `titleId`).
 */
export interface ImportRecord {
  paper: Paper;
  hub?: Partial<HubFacts>;
}

/** A paper as read back from the store, with its hub facts if any. */
export interface StoredPaper extends Paper {
  hub: HubFacts | null;
  /** When this row was first stored and last changed (ISO). */
  createdAt: string;
  modifiedAt: string;
}

export function emptyPaper(id: string, source: PaperSource): Paper {
  return {
    id,
    version: null,
    title: "",
    abstract: "",
    authors: [],
    categories: [],
    primaryCategory: null,
    publishedAt: null,
    updatedAt: null,
    comments: null,
    journalRef: null,
    doi: null,
    license: null,
    links: {},
    source,
  };
}
