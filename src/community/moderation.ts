// Moderation: hiding and restoring papers and comments, banning and unbanning users, and the log of every such act.
import { ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import type { CommunityRepo, ModerationEntry, UserRecord } from "../storage/community-repo.js";
import { activeModerator, type Clock } from "./guards.js";
import { newId } from "./ids.js";
import type { Actor } from "./types.js";

export const MAX_REASON_LENGTH = 500;

export interface LogPage {
  entries: ModerationEntry[];
  /** Cursor of the next (older) page, or null at the end. */
  nextCursor: string | null;
}

/** Every method returns whether the state changed: repeating an act is harmless and is not logged twice. */
export class ModerationService {
  constructor(
    private readonly repo: CommunityRepo,
    private readonly paperExists: (id: string) => Promise<boolean>,
    private readonly now: Clock,
  ) {}

  async hidePaper(actor: Actor, paperId: string, reason?: string): Promise<boolean> {
    const mod = await activeModerator(this.repo, actor.id);
    if (!(await this.paperExists(paperId))) throw new NotFoundError(`No paper with id ${paperId} in this hub.`);
    const at = this.now().toISOString();
    return this.repo.setPaperHidden(paperId, { at, by: mod.id }, this.entry(mod, "hide_paper", "paper", paperId, reason, at));
  }

  async restorePaper(actor: Actor, paperId: string, reason?: string): Promise<boolean> {
    const mod = await activeModerator(this.repo, actor.id);
    const at = this.now().toISOString();
    return this.repo.setPaperHidden(paperId, null, this.entry(mod, "restore_paper", "paper", paperId, reason, at));
  }

  /** Returns the comment's paper too, for the page to return to. */
  async hideComment(actor: Actor, commentId: string, reason?: string): Promise<{ changed: boolean; paperId: string }> {
    return this.commentHidden(actor, commentId, true, reason);
  }

  async restoreComment(actor: Actor, commentId: string, reason?: string): Promise<{ changed: boolean; paperId: string }> {
    return this.commentHidden(actor, commentId, false, reason);
  }

  /** Moderators may ban users; only admins may ban moderators; nobody bans an admin or themself here. */
  async banUser(actor: Actor, userName: string, reason?: string): Promise<boolean> {
    const mod = await activeModerator(this.repo, actor.id);
    const target = await this.target(userName);
    if (target.id === mod.id) throw new ValidationError("You cannot ban yourself.");
    if (target.role === "admin") throw new ForbiddenError("Administrators cannot be banned; demote the account first.");
    if (target.role === "moderator" && mod.role !== "admin") throw new ForbiddenError("Only administrators can ban moderators.");
    const at = this.now().toISOString();
    return this.repo.setUserBanned(target.id, at, this.entry(mod, "ban_user", "user", target.name, reason, at));
  }

  async unbanUser(actor: Actor, userName: string, reason?: string): Promise<boolean> {
    const mod = await activeModerator(this.repo, actor.id);
    const target = await this.target(userName);
    if (target.role === "moderator" && mod.role !== "admin") throw new ForbiddenError("Only administrators can unban moderators.");
    const at = this.now().toISOString();
    return this.repo.setUserBanned(target.id, null, this.entry(mod, "unban_user", "user", target.name, reason, at));
  }

  /** The moderation log, newest first; only moderators may read it. */
  async log(actor: Actor, opts: { limit: number; cursor?: string | undefined }): Promise<LogPage> {
    await activeModerator(this.repo, actor.id);
    const entries = await this.repo.listLog(opts.limit + 1, decodeCursor(opts.cursor));
    const more = entries.length > opts.limit;
    const page = entries.slice(0, opts.limit);
    const last = page.at(-1);
    return { entries: page, nextCursor: more && last ? encodeCursor(last) : null };
  }

  private async commentHidden(actor: Actor, commentId: string, hide: boolean, reason?: string): Promise<{ changed: boolean; paperId: string }> {
    const mod = await activeModerator(this.repo, actor.id);
    const c = await this.repo.getComment(commentId);
    if (!c) throw new NotFoundError("That comment does not exist (any more).");
    const at = this.now().toISOString();
    const entry = this.entry(mod, hide ? "hide_comment" : "restore_comment", "comment", c.id, reason, at);
    const changed = await this.repo.setCommentHidden(c.id, hide ? { at, by: mod.id } : null, entry);
    return { changed, paperId: c.paperId };
  }

  private async target(userName: string): Promise<UserRecord> {
    const user = await this.repo.userByName(userName.trim());
    if (!user) throw new NotFoundError(`No user named ${userName.trim().slice(0, 60)}.`);
    return user;
  }

  private entry(mod: UserRecord, action: string, targetType: ModerationEntry["targetType"], targetId: string, reason: string | undefined, at: string): ModerationEntry {
    const text = reason?.trim() ?? "";
    if (text.length > MAX_REASON_LENGTH) throw new ValidationError(`A reason can be at most ${MAX_REASON_LENGTH} characters.`);
    return { id: newId(), actorId: mod.id, actorName: mod.name, action, targetType, targetId, reason: text || null, createdAt: at };
  }
}

function encodeCursor(e: ModerationEntry): string {
  return Buffer.from(`${e.createdAt}|${e.id}`).toString("base64url");
}

function decodeCursor(cursor: string | undefined): { createdAt: string; id: string } | undefined {
  if (!cursor) return undefined;
  const [createdAt, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  if (!createdAt || !id) throw new ValidationError("That page of the moderation log does not exist.");
  return { createdAt, id };
}
