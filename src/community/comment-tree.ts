// Building the comment thread a viewer sees from a paper's comment rows: nesting, placeholders and permissions.
import type { CommentRecord } from "../storage/community-repo.js";
import { isModerator, type Actor, type CommentView } from "./types.js";

/**
 * Arranges rows (oldest first) into top-level comments with their replies.
 * Deleted and hidden comments keep their place only while they have replies a
 * viewer sees, as a placeholder; otherwise they are left out. Moderators see
 * hidden comments in full, marked as hidden. Rows are expected oldest first.
 */
export function buildThread(rows: CommentRecord[], viewer: Actor | null, render: (markdown: string) => string): CommentView[] {
  const mod = isModerator(viewer);
  const replies = new Map<string, CommentRecord[]>();
  for (const r of rows) {
    if (!r.parentId) continue;
    const list = replies.get(r.parentId) ?? [];
    list.push(r);
    replies.set(r.parentId, list);
  }
  const out: CommentView[] = [];
  for (const r of rows) {
    if (r.parentId) continue;
    const shownReplies = (replies.get(r.id) ?? [])
      .filter((x) => !x.deletedAt && (!x.hiddenAt || mod))
      .map((x) => view(x, x.hiddenAt ? "hidden" : "visible", viewer, render, []));
    let state: CommentView["state"];
    if (r.deletedAt) state = "deleted";
    else if (r.hiddenAt) state = mod ? "hidden" : "hidden-placeholder";
    else state = "visible";
    const placeholder = state === "deleted" || state === "hidden-placeholder";
    if (placeholder && shownReplies.length === 0) continue;
    out.push(view(r, state, viewer, render, shownReplies));
  }
  return out;
}

function view(r: CommentRecord, state: CommentView["state"], viewer: Actor | null, render: (md: string) => string, replies: CommentView[]): CommentView {
  const shown = state === "visible" || state === "hidden";
  const own = !!viewer && viewer.id === r.userId && shown;
  return {
    id: r.id,
    parentId: r.parentId,
    state,
    author: shown ? { name: r.authorName, displayName: r.authorDisplayName ?? r.authorName } : null,
    html: shown ? render(r.body) : "",
    source: own ? r.body : null,
    createdAt: r.createdAt,
    editedAt: shown ? r.editedAt : null,
    canEdit: own,
    canDelete: own,
    canReply: !!viewer && !r.parentId && state === "visible",
    canModerate: isModerator(viewer) && shown,
    replies,
  };
}
