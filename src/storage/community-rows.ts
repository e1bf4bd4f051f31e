// The community's record types, and the comment and user SELECTs whose rows become them (community-repo.ts writes and reads the rest).
import type { Kysely, Transaction } from "kysely";
import type { Database, Role } from "./schema.js";

export type Db = Kysely<Database> | Transaction<Database>;

export interface CommentRecord {
  id: string;
  paperId: string;
  userId: string;
  parentId: string | null;
  /** Markdown source ("" once deleted). */
  body: string;
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
  hiddenAt: string | null;
  hiddenBy: string | null;
  authorName: string;
  authorDisplayName: string | null;
}

export interface NewComment {
  id: string;
  paperId: string;
  userId: string;
  parentId: string | null;
  body: string;
  createdAt: string;
}

/** Imported counts (from paper_hub, null when the source gave none) beside the hub's own (paper_stats). */
export interface PaperCounts {
  importedUpvotes: number | null;
  importedComments: number | null;
  localUpvotes: number;
  localComments: number;
  hiddenAt: string | null;
}

export interface LocalStats {
  upvotes: number;
  comments: number;
  hidden: boolean;
}

export interface UserRecord {
  id: string;
  name: string;
  displayName: string | null;
  role: Role;
  bannedAt: string | null;
  createdAt: string;
}

/** A paper as a user page lists it: what the user did with it and when. */
export interface PaperRef {
  id: string;
  title: string;
  at: string;
  hidden: boolean;
  /** For submissions: the feed day it was placed on. */
  feedDay?: string;
}

export interface UserComment extends CommentRecord {
  paperTitle: string;
  paperHidden: boolean;
}

export interface ModerationEntry {
  id: string;
  actorId: string | null;
  actorName: string;
  action: string;
  targetType: "paper" | "comment" | "user";
  targetId: string;
  reason: string | null;
  createdAt: string;
}

export interface FeedPlacement {
  paperId: string;
  userId: string;
  feedDay: string;
  submittedAt: string;
  /** JSON of the submitter as paper_hub.submitted_by stores it ({"name","fullname"}). */
  submittedBy: string;
}

export type PlaceOutcome = { placed: true } | { placed: false; reason: "duplicate"; feedDay: string | null } | { placed: false; reason: "limit" };

export type Hidden = { at: string; by: string } | null;

export function commentQuery(db: Db) {
  return db
    .selectFrom("comments as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select([
      "c.id",
      "c.paper_id",
      "c.user_id",
      "c.parent_id",
      "c.body",
      "c.created_at",
      "c.edited_at",
      "c.deleted_at",
      "c.hidden_at",
      "c.hidden_by",
      "u.name as author_name",
      "u.display_name as author_display_name",
    ]);
}

type CommentRow = Awaited<ReturnType<ReturnType<typeof commentQuery>["executeTakeFirstOrThrow"]>>;

export function toComment(r: CommentRow): CommentRecord {
  return {
    id: r.id,
    paperId: r.paper_id,
    userId: r.user_id,
    parentId: r.parent_id,
    body: r.body,
    createdAt: r.created_at,
    editedAt: r.edited_at,
    deletedAt: r.deleted_at,
    hiddenAt: r.hidden_at,
    hiddenBy: r.hidden_by,
    authorName: r.author_name,
    authorDisplayName: r.author_display_name,
  };
}

export function userQuery(db: Db) {
  return db.selectFrom("users").select(["id", "name", "display_name", "role", "banned_at", "created_at"]);
}

export function toUser(r: { id: string; name: string; display_name: string | null; role: Role; banned_at: string | null; created_at: string }): UserRecord {
  return { id: r.id, name: r.name, displayName: r.display_name, role: r.role, bannedAt: r.banned_at, createdAt: r.created_at };
}
