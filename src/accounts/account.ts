// An account as services and pages see it: the user row without its secrets.
import type { UserRow } from "../storage/accounts-repo.js";
import type { Role } from "../storage/schema.js";

export interface Account {
  id: string;
  /** The handle in /u/:name, lowercase. */
  name: string;
  email: string;
  displayName: string | null;
  role: Role;
  orgName: string | null;
  bannedAt: string | null;
  createdAt: string;
}

export const ROLES: readonly Role[] = ["user", "moderator", "admin"];

export function isRole(v: string): v is Role {
  return (ROLES as readonly string[]).includes(v);
}

export function toAccount(row: UserRow): Account {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    orgName: row.org_name,
    bannedAt: row.banned_at,
    createdAt: row.created_at,
  };
}
