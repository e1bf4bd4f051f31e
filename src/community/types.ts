// The community's plain types: who acts, and what pages render of a paper's votes and comments.
import type { Role } from "../storage/schema.js";

/** Whoever performs an action: the web layer's Viewer fits as is. */
export interface Actor {
  id: string;
  name: string;
  role: Role;
}

export const isModerator = (a: Pick<Actor, "role"> | null | undefined): boolean => a?.role === "moderator" || a?.role === "admin";

/**
 * One comment as a reader sees it. `state` says what is shown: a visible
 * comment, a "[deleted]" or "[hidden by a moderator]" placeholder kept for its
 * replies, or (moderators only) a hidden comment shown in full and marked.
 */
export interface CommentView {
  id: string;
  parentId: string | null;
  state: "visible" | "deleted" | "hidden-placeholder" | "hidden";
  /** Null for placeholders. */
  author: { name: string; displayName: string } | null;
  /** Sanitised HTML of the body; "" for placeholders. */
  html: string;
  /** Markdown source, only for the viewer's own comments (to fill the edit form). */
  source: string | null;
  createdAt: string;
  editedAt: string | null;
  /** What the viewer may do with it. */
  canEdit: boolean;
  canDelete: boolean;
  canReply: boolean;
  canModerate: boolean;
  /** Replies (one level deep: always empty on a reply). */
  replies: CommentView[];
}

/** What the paper page shows of the community. */
export interface PaperCommunityView {
  /** Imported count (paper_hub.upvotes, when known) plus the hub's own votes. */
  upvotes: number;
  upvoted: boolean;
  /** Imported count plus the hub's own live comments. */
  commentCount: number;
  comments: CommentView[];
  hidden: boolean;
}

export interface UpvoteState {
  upvoted: boolean;
  count: number;
}
