// The rules of accounts: sign-up, sign-in with lockout, sessions, settings, roles, bans and deleting an account.
import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { AuthError, FieldError, ForbiddenError, NotFoundError, ValidationError } from "../domain/errors.js";
import { AccountsRepo, type UniqueClash, type UserRow } from "../storage/accounts-repo.js";
import type { Database, Role } from "../storage/schema.js";
import { toAccount, type Account } from "./account.js";
import { readDisplayName, readEmail, readName, readOrgName, readPassword } from "./account-fields.js";
import { lockDelayMs } from "./lockout.js";
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword, type ScryptParams } from "./password.js";
import { hashToken, isTokenShaped, newToken } from "./session-token.js";

export interface AccountsOptions {
  /** Sliding session lifetime: a session idle this long ends. */
  sessionDays?: number;
  /** scrypt cost of new hashes (tests pass a cheap one). */
  hashParams?: ScryptParams;
  now?: () => Date;
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  displayName?: string;
}

export interface NewSession {
  /** Goes into the cookie; only its hash is stored. */
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

export interface ActiveSession {
  account: Account;
  csrfToken: string;
  expiresAt: Date;
  /** The expiry moved forward: the cookie should be sent again with it. */
  renewed: boolean;
}

/** One message for an unknown login and a wrong password, so sign-in does not tell who has an account. */
export const SIGN_IN_FAILED = "Wrong user name, email or password.";
export const LOCKED_HINT = "Too many failed attempts: try again later.";
const DAY_MS = 86_400_000;
/** Sliding expiry is written at most this often per session, not on every request. */
const RENEW_AFTER_MS = 60 * 60_000;

export class AccountsService {
  private readonly sessionMs: number;
  private readonly hashParams: ScryptParams;
  private readonly now: () => Date;
  /** A hash to verify against when the login names nobody, so that answer takes as long as a wrong password. */
  private decoy: Promise<string> | null = null;

  constructor(private readonly repo: AccountsRepo, opts: AccountsOptions = {}) {
    this.sessionMs = (opts.sessionDays ?? 30) * DAY_MS;
    this.hashParams = opts.hashParams ?? DEFAULT_SCRYPT;
    this.now = opts.now ?? (() => new Date());
  }

  static over(db: Kysely<Database>, opts: AccountsOptions = {}): AccountsService {
    return new AccountsService(new AccountsRepo(db), opts);
  }

  get sessionMaxAgeSeconds(): number {
    return Math.floor(this.sessionMs / 1000);
  }

  /** Creates an account; the CLI passes a role, the sign-up page never does. */
  async signUp(input: SignUpInput, role: Role = "user"): Promise<Account> {
    const name = readName(input.name);
    const email = readEmail(input.email);
    const password = readPassword(input.password);
    const displayName = readDisplayName(input.displayName);
    const at = this.now().toISOString();
    const row: UserRow = {
      id: randomUUID(),
      name,
      email,
      display_name: displayName,
      password_hash: await hashPassword(password, this.hashParams),
      role,
      org_name: null,
      banned_at: null,
      failed_logins: 0,
      locked_until: null,
      created_at: at,
      updated_at: at,
    };
    const clash = await this.repo.insertUser(row);
    if (clash) throw clashError(clash);
    return toAccount(row);
  }

  /** The account whose name or email and password match; AuthError otherwise, ForbiddenError for a banned account. */
  async signIn(login: string, password: string): Promise<Account> {
    const key = login.trim().toLowerCase();
    const user = key.includes("@") ? await this.repo.findByEmail(key) : await this.repo.findByName(key);
    if (!user) {
      await verifyPassword(password, await this.decoyHash());
      throw new AuthError(SIGN_IN_FAILED);
    }
    const now = this.now();
    if (user.locked_until && Date.parse(user.locked_until) > now.getTime()) throw new AuthError(`${SIGN_IN_FAILED} ${LOCKED_HINT}`);
    if (!(await verifyPassword(password, user.password_hash))) {
      let locked = false;
      await this.repo.recordFailedLogin(user.id, (failures) => {
        const delay = lockDelayMs(failures);
        locked = delay > 0;
        return delay > 0 ? new Date(now.getTime() + delay).toISOString() : null;
      });
      throw new AuthError(locked ? `${SIGN_IN_FAILED} ${LOCKED_HINT}` : SIGN_IN_FAILED);
    }
    // Checked after the password, so only the owner learns of the ban.
    if (user.banned_at) throw new ForbiddenError("This account is suspended.");
    if (user.failed_logins > 0 || user.locked_until) await this.repo.clearFailedLogins(user.id);
    if (needsRehash(user.password_hash, this.hashParams)) {
      await this.repo.updateUser(user.id, { password_hash: await hashPassword(password, this.hashParams) });
    }
    return toAccount(user);
  }

  async startSession(userId: string): Promise<NewSession> {
    const now = this.now();
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(now.getTime() + this.sessionMs);
    await this.repo.deleteExpiredSessions(userId, now.toISOString());
    await this.repo.insertSession({
      token_hash: hashToken(token),
      user_id: userId,
      csrf_token: csrfToken,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt.toISOString(),
    });
    return { token, csrfToken, expiresAt };
  }

  /** The live session of a cookie token, or null (unknown, expired, or its user banned); extends the expiry as it is used. */
  async resolveSession(token: string | undefined): Promise<ActiveSession | null> {
    if (!isTokenShaped(token)) return null;
    const now = this.now();
    const tokenHash = hashToken(token);
    const found = await this.repo.findSession(tokenHash, now.toISOString());
    if (!found || found.user.banned_at) return null;
    let expiresAt = new Date(found.session.expires_at);
    const renewed = now.getTime() - Date.parse(found.session.last_seen_at) >= RENEW_AFTER_MS;
    if (renewed) {
      expiresAt = new Date(now.getTime() + this.sessionMs);
      await this.repo.touchSession(tokenHash, now.toISOString(), expiresAt.toISOString());
    }
    return { account: toAccount(found.user), csrfToken: found.session.csrf_token, expiresAt, renewed };
  }

  async endSession(token: string | undefined): Promise<void> {
    if (isTokenShaped(token)) await this.repo.deleteSession(hashToken(token));
  }

  async findByName(name: string): Promise<Account | null> {
    const row = await this.repo.findByName(name.trim().toLowerCase());
    return row ? toAccount(row) : null;
  }

  async getAccount(id: string): Promise<Account> {
    return toAccount(await this.userById(id));
  }

  async updateProfile(userId: string, input: { displayName?: string; orgName?: string }): Promise<Account> {
    const patch = { display_name: readDisplayName(input.displayName), org_name: readOrgName(input.orgName) };
    await this.userById(userId);
    await this.repo.updateUser(userId, { ...patch, updated_at: this.now().toISOString() });
    return this.getAccount(userId);
  }

  /** A new email needs the current password: whoever controls the email can reset the account later. */
  async changeEmail(userId: string, email: string, currentPassword: string): Promise<Account> {
    const next = readEmail(email);
    await this.confirmPassword(userId, currentPassword);
    const clash = await this.repo.updateUser(userId, { email: next, updated_at: this.now().toISOString() });
    if (clash) throw clashError(clash);
    return this.getAccount(userId);
  }

  /** Changes the password and ends every other session of the account (a thief's included); `keepToken` is the caller's own session. */
  async changePassword(userId: string, currentPassword: string, newPassword: string, keepToken?: string): Promise<void> {
    const next = readPassword(newPassword, "newPassword");
    await this.confirmPassword(userId, currentPassword);
    await this.repo.updateUser(userId, { password_hash: await hashPassword(next, this.hashParams), updated_at: this.now().toISOString() });
    await this.repo.deleteSessionsOf(userId, isTokenShaped(keepToken) ? hashToken(keepToken) : undefined);
  }

  /** Deletes the account with its sessions, upvotes and comments (see AccountsRepo.deleteUser for the counts). */
  async deleteAccount(userId: string, password: string): Promise<void> {
    await this.confirmPassword(userId, password);
    await this.repo.deleteUser(userId);
  }

  async setRole(name: string, role: Role): Promise<Account> {
    const user = await this.repo.findByName(name.trim().toLowerCase());
    if (!user) throw new NotFoundError(`No user named ${name}.`);
    await this.repo.setRole(user.id, role, this.now().toISOString());
    return this.getAccount(user.id);
  }

  private async userById(id: string): Promise<UserRow> {
    const user = await this.repo.findById(id);
    if (!user) throw new NotFoundError("This account no longer exists.");
    return user;
  }

  private async confirmPassword(userId: string, password: string): Promise<void> {
    const user = await this.userById(userId);
    if (!(await verifyPassword(password, user.password_hash))) throw new FieldError("currentPassword", "The current password is not right.");
  }

  private decoyHash(): Promise<string> {
    return (this.decoy ??= hashPassword(newToken(), this.hashParams));
  }
}

function clashError(clash: UniqueClash): ValidationError {
  return clash === "name"
    ? new FieldError("name", "This user name is taken; choose another.")
    : new FieldError("email", "An account with this email already exists.");
}
