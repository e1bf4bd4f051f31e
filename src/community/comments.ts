// Comments: add, reply (one level deep), edit and delete one's own; the thread a viewer sees.
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { CommentRecord, CommunityRepo } from "../storage/community-repo.js";
import { buildThread } from "./comment-tree.js";
import { activeUser, type Clock } from "./guards.js";
import { newId } from "./ids.js";
import { renderCommentMarkdown } from "./markdown.js";
import { isModerator, type Actor, type CommentView } from "./types.js";

/** Long enough for a careful review of a paper, short enough that one comment cannot swamp a page. */
export const MAX_COMMENT_LENGTH = 10_000;

/** Line endings as one `\n` (browsers send CRLF) and no surrounding blank space; refuses empty and overlong bodies. */
export function normaliseCommentBody(body: string): string {
  const text = body.replace(/\r\n?/g, "\n").trim();
  if (!text) throw new ValidationError("A comment cannot be empty.");
  if (text.length > MAX_COMMENT_LENGTH) {
    throw new ValidationError(`A comment can be at most ${MAX_COMMENT_LENGTH.toLocaleString("en")} characters; this one has ${text.length.toLocaleString("en")}.`);
  }
  return text;
}

export class CommentService {
  constructor(
    private readonly repo: CommunityRepo,
    private readonly now: Clock,
  ) {}

  /**
   * Adds a comment, or a reply when `replyTo` is given. A reply to a reply
   * joins the thread of the top-level comment, keeping replies one level deep.
   */
  async add(actor: Actor, paperId: string, body: string, replyTo?: string | null): Promise<CommentRecord> {
    const user = await activeUser(this.repo, actor.id);
    const text = normaliseCommentBody(body);
    const counts = await this.repo.paperCounts(paperId);
    if (!counts || (counts.hiddenAt && !isModerator(user))) throw new NotFoundError(`No paper with id ${paperId} in this hub.`);
    const parentId = replyTo ? await this.threadOf(replyTo, paperId, isModerator(user)) : null;
    const id = newId();
    const ok = await this.repo.insertComment({ id, paperId, userId: user.id, parentId, body: text, createdAt: this.now().toISOString() });
    if (!ok) throw new ValidationError("The comment you replied to has just been deleted.");
    return (await this.repo.getComment(id))!;
  }

  async edit(actor: Actor, commentId: string, body: string): Promise<CommentRecord> {
    const user = await activeUser(this.repo, actor.id);
    const c = await this.own(user.id, commentId);
    if (!(await this.repo.editComment(c.id, normaliseCommentBody(body), this.now().toISOString()))) throw gone();
    return (await this.repo.getComment(c.id))!;
  }

  /** Deletes the actor's own comment (a placeholder stays while it has replies). */
  async remove(actor: Actor, commentId: string): Promise<{ paperId: string }> {
    const user = await activeUser(this.repo, actor.id);
    const c = await this.own(user.id, commentId);
    if (!(await this.repo.deleteComment(c.id, this.now().toISOString()))) throw gone();
    return { paperId: c.paperId };
  }

  async thread(paperId: string, viewer: Actor | null): Promise<CommentView[]> {
    return buildThread(await this.repo.listComments(paperId), viewer, renderCommentMarkdown);
  }

  /** The top-level comment a reply to `id` belongs under. */
  private async threadOf(id: string, paperId: string, mod: boolean): Promise<string> {
    let target = await this.repo.getComment(id);
    if (target?.parentId) target = await this.repo.getComment(target.parentId);
    if (!target || target.paperId !== paperId || target.deletedAt) throw new ValidationError("The comment you replied to no longer exists.");
    if (target.hiddenAt && !mod) throw new ValidationError("The comment you replied to was hidden by a moderator.");
    return target.id;
  }

  private async own(userId: string, commentId: string): Promise<CommentRecord> {
    const c = await this.repo.getComment(commentId);
    if (!c || c.deletedAt) throw gone();
    if (c.userId !== userId) throw new ForbiddenError("You can only change your own comments.");
    return c;
  }
}

const gone = () => new NotFoundError("That comment does not exist (any more).");
