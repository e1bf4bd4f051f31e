// Kysely table types: the one description of the database both dialects share.
import type { Generated } from "kysely";
//
// Timestamps are ISO 8601 UTC strings in both databases so that ordering and
// equality are identical everywhere; JSON-valued columns are text holding JSON.

export interface PapersTable {
  /** Stable integer key (search and vector indexes refer to papers by it); assigned by the database. */
  seq: Generated<number>;
  id: string;
  version: number | null;
  title: string;
  abstract: string;
  authors: string;
  /** Author names, comma-separated: what lexical search indexes. */
  author_names: string;
  categories: string;
  primary_category: string | null;
  published_at: string | null;
  updated_at: string | null;
  comments: string | null;
  journal_ref: string | null;
  doi: string | null;
  license: string | null;
  abs_url: string | null;
  pdf_url: string | null;
  code_url: string | null;
  project_url: string | null;
  source: string;
  title_key: string;
  created_at: string;
  modified_at: string;
}

export interface PaperHubTable {
  paper_id: string;
  feed_day: string | null;
  submitted_at: string | null;
  submitted_by: string | null;
  upvotes: number | null;
  num_comments: number | null;
  organization: string | null;
  org_name: string | null;
  github_repo: string | null;
  github_stars: number | null;
  project_page: string | null;
  ai_summary: string | null;
  ai_keywords: string | null;
  thumbnail: string | null;
  discussion_id: string | null;
  last_listed_day: string | null;
  modified_at: string;
}

export interface SyncStateTable {
  key: string;
  value: string;
  updated_at: string;
}

export interface SearchIndexStateTable {
  name: string;
  /** Papers with seq up to this are in the lexical index (SQLite). */
  indexed_seq: number;
}

export interface FtsPendingTable {
  seq: number;
}

export interface Database {
  papers: PapersTable;
  paper_hub: PaperHubTable;
  sync_state: SyncStateTable;
  search_index_state: SearchIndexStateTable;
  fts_pending: FtsPendingTable;
}
