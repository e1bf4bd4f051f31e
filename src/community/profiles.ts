// User pages: what a user submitted, upvoted and said, with hidden content left out for everyone but moderators.
import type { CommunityRepo, PaperRef } from "../storage/community-repo.js";
import type { Role } from "../storage/schema.js";
import { renderCommentMarkdown } from "./markdown.js";
import { isModerator, type Actor } from "./types.js";

/** How many items of each list a user page shows. */
export const PROFILE_LIST_LIMIT = 50;

export interface ProfileComment {
  id: string;
  paperId: string;
  paperTitle: string;
  html: string;
  createdAt: string;
  /** The comment or its paper is hidden (only moderators get such entries). */
  hidden: boolean;
}

export interface UserProfile {
  name: string;
  displayName: string;
  role: Role;
  joinedAt: string;
  /** Set only for moderators viewing a banned account. */
  bannedAt: string | null;
  submitted: PaperRef[];
  upvoted: PaperRef[];
  comments: ProfileComment[];
}

/** Null when there is no such user, or the account is banned and the viewer no moderator. */
export async function loadProfile(repo: CommunityRepo, name: string, viewer: Actor | null): Promise<UserProfile | null> {
  const user = await repo.userByName(name);
  const mod = isModerator(viewer);
  if (!user || (user.bannedAt && !mod)) return null;
  const [submitted, upvoted, comments] = await Promise.all([
    repo.submissionsBy(user.id, PROFILE_LIST_LIMIT),
    repo.upvotedBy(user.id, PROFILE_LIST_LIMIT),
    repo.commentsBy(user.id, PROFILE_LIST_LIMIT),
  ]);
  const visible = (p: PaperRef) => mod || !p.hidden;
  return {
    name: user.name,
    displayName: user.displayName ?? user.name,
    role: user.role,
    joinedAt: user.createdAt,
    bannedAt: mod ? user.bannedAt : null,
    submitted: submitted.filter(visible),
    upvoted: upvoted.filter(visible),
    comments: comments
      .filter((c) => mod || (!c.hiddenAt && !c.paperHidden))
      .map((c) => ({
        id: c.id,
        paperId: c.paperId,
        paperTitle: c.paperTitle,
        html: renderCommentMarkdown(c.body),
        createdAt: c.createdAt,
        hidden: c.hiddenAt != null || c.paperHidden,
      })),
  };
}
