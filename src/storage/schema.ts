// Kysely table types: the one description of the database both dialects share.
import type { ColumnType, Generated } from "kysely";
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

/** A BIGINT column: pg reads it back as a string, SQLite as a number; callers convert with Number(). */
export type BigIntColumn = ColumnType<number | string, number, number>;

export interface EmbeddingModelsTable {
  /** `provider:model`, as modelKey() builds it. */
  key: string;
  provider: string;
  model: string;
  dims: number;
  /** At most one model is active (a partial unique index); 'building' ones are being filled; 'retired' ones hold no vectors. */
  state: "active" | "building" | "retired";
  /** Papers with seq up to this have a vector of this model, unless queued in vector_pending. */
  indexed_seq: ColumnType<number | string, number | undefined, number>;
  /** The gen of this model's newest write; never lowered, so gens are never reused. */
  last_gen: ColumnType<number | string, number | undefined, number>;
  created_at: string;
  activated_at: string | null;
}

export interface PaperVectorsTable {
  model_key: string;
  seq: BigIntColumn;
  /** The write (see EmbeddingModelsTable.last_gen) that stored this vector. */
  gen: BigIntColumn;
  /** Little-endian float32 values. */
  vector: Buffer;
}

export interface VectorPendingTable {
  model_key: string;
  seq: BigIntColumn;
}

export type Role = "user" | "moderator" | "admin";

export interface UsersTable {
  id: string;
  /** The handle in /u/:name, lowercase. */
  name: string;
  /** Lowercased. */
  email: string;
  display_name: string | null;
  /** scrypt parameters, salt and key, self-describing (see accounts/password.ts). */
  password_hash: string;
  role: ColumnType<Role, Role | undefined, Role>;
  org_name: string | null;
  banned_at: string | null;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  /** SHA-256 (hex) of the cookie token. */
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface UpvotesTable {
  user_id: string;
  paper_id: string;
  created_at: string;
}

/** Local community counts and moderation state of a paper (imported counts stay in paper_hub). */
export interface PaperStatsTable {
  paper_id: string;
  upvotes: ColumnType<number, number | undefined, number>;
  comments: ColumnType<number, number | undefined, number>;
  hidden_at: string | null;
  hidden_by: string | null;
}

export interface CommentsTable {
  id: string;
  paper_id: string;
  user_id: string;
  parent_id: string | null;
  /** Markdown source; rendered and sanitised on display. */
  body: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  hidden_at: string | null;
  hidden_by: string | null;
}

export interface SubmissionsTable {
  paper_id: string;
  user_id: string | null;
  feed_day: string;
  submitted_at: string;
}

export interface ModerationLogTable {
  id: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  target_type: string;
  target_id: string;
  reason: string | null;
  created_at: string;
}

export interface Database {
  papers: PapersTable;
  paper_hub: PaperHubTable;
  sync_state: SyncStateTable;
  search_index_state: SearchIndexStateTable;
  fts_pending: FtsPendingTable;
  embedding_models: EmbeddingModelsTable;
  paper_vectors: PaperVectorsTable;
  vector_pending: VectorPendingTable;
  users: UsersTable;
  sessions: SessionsTable;
  upvotes: UpvotesTable;
  paper_stats: PaperStatsTable;
  comments: CommentsTable;
  submissions: SubmissionsTable;
  moderation_log: ModerationLogTable;
}
