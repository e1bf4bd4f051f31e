// Who may act: checks every community write makes against the users table, not against what a request claims.
import { ForbiddenError } from "../domain/errors.js";
import type { CommunityRepo, UserRecord } from "../storage/community-repo.js";
import { isModerator } from "./types.js";

/** The acting user as stored now; a banned or deleted account may not act even with a session still in hand. */
export async function activeUser(repo: CommunityRepo, userId: string): Promise<UserRecord> {
  const user = await repo.userById(userId);
  if (!user) throw new ForbiddenError("Your account no longer exists.");
  if (user.bannedAt) throw new ForbiddenError("Your account is suspended.");
  return user;
}

export async function activeModerator(repo: CommunityRepo, userId: string): Promise<UserRecord> {
  const user = await activeUser(repo, userId);
  if (!isModerator(user)) throw new ForbiddenError("Only moderators can do this.");
  return user;
}

export type Clock = () => Date;
