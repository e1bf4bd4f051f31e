// Personal access tokens: created in settings, shown once, stored hashed, listed, revoked, and resolved for API requests.
import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import { hashToken } from "../accounts/session-token.js";
import { FieldError, NotFoundError, ValidationError } from "../domain/errors.js";
import { ApiTokensRepo, type ApiTokenRow } from "../storage/api-tokens-repo.js";
import type { Database, Role } from "../storage/schema.js";

export const SCOPES = ["read", "write"] as const;
export type Scope = (typeof SCOPES)[number];

/** `pb_` and 32 random bytes in base64url: the prefix lets secret scanners and the API tell a Paperboard token at a glance. */
export const TOKEN_PREFIX = "pb_";
const TOKEN_SHAPE = /^pb_[A-Za-z0-9_-]{43}$/;
export const TOKEN_NAME_MAX = 64;
/** Enough for every script and notebook a person keeps; a cap keeps a stolen session from minting thousands. */
export const MAX_TOKENS_PER_USER = 25;
/** last_used_at is written at most this often per token, not on every request. */
const TOUCH_AFTER_MS = 5 * 60_000;

export interface ApiTokenInfo {
  id: string;
  name: string;
  scopes: Scope[];
  /** "pb_…" and the token's last four characters. */
  hint: string;
  createdAt: string;
  lastUsedAt: string | null;
}

export interface CreatedToken {
  /** The secret: shown to its owner once, never stored. */
  token: string;
  info: ApiTokenInfo;
}

/** Who a valid token acts for, and what it may do. */
export interface TokenIdentity {
  tokenId: string;
  scopes: ReadonlySet<Scope>;
  user: { id: string; name: string; displayName: string; role: Role };
}

export const isTokenShaped = (raw: string): boolean => TOKEN_SHAPE.test(raw);

export class ApiTokensService {
  private readonly now: () => Date;

  constructor(
    private readonly repo: ApiTokensRepo,
    opts: { now?: () => Date } = {},
  ) {
    this.now = opts.now ?? (() => new Date());
  }

  static over(db: Kysely<Database>, opts: { now?: () => Date } = {}): ApiTokensService {
    return new ApiTokensService(new ApiTokensRepo(db), opts);
  }

  async create(userId: string, input: { name: string; scopes: readonly string[] }): Promise<CreatedToken> {
    const name = input.name.trim();
    if (!name) throw new FieldError("tokenName", "Give the token a name, such as the script or machine that will use it.");
    if (name.length > TOKEN_NAME_MAX) throw new FieldError("tokenName", `A token name can be at most ${TOKEN_NAME_MAX} characters.`);
    const scopes = SCOPES.filter((s) => input.scopes.includes(s));
    if (scopes.length === 0) throw new FieldError("scopes", "Choose at least one scope: read, write, or both.");
    if ((await this.repo.countByUser(userId)) >= MAX_TOKENS_PER_USER) {
      throw new ValidationError(`You have ${MAX_TOKENS_PER_USER} tokens, the most an account can hold; revoke one you no longer use first.`);
    }
    const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
    const row: ApiTokenRow = {
      id: randomBytes(12).toString("base64url"),
      user_id: userId,
      name,
      token_hash: hashToken(token),
      hint: token.slice(-4),
      scopes: scopes.join(","),
      created_at: this.now().toISOString(),
      last_used_at: null,
    };
    await this.repo.insert(row);
    return { token, info: toInfo(row) };
  }

  async list(userId: string): Promise<ApiTokenInfo[]> {
    return (await this.repo.listByUser(userId)).map(toInfo);
  }

  async revoke(userId: string, tokenId: string): Promise<void> {
    if (!(await this.repo.delete(userId, tokenId))) throw new NotFoundError("That token does not exist (any more).");
  }

  /** The identity of a token sent in a request; null for an unknown or revoked token, or one whose account is suspended. */
  async authenticate(raw: string): Promise<TokenIdentity | null> {
    if (!isTokenShaped(raw)) return null;
    const found = await this.repo.findByHash(hashToken(raw));
    if (!found || found.user.bannedAt) return null;
    const now = this.now();
    const last = found.token.last_used_at ? Date.parse(found.token.last_used_at) : -Infinity;
    if (now.getTime() - last >= TOUCH_AFTER_MS) await this.repo.touch(found.token.id, now.toISOString());
    const u = found.user;
    return {
      tokenId: found.token.id,
      scopes: new Set(parseScopes(found.token.scopes)),
      user: { id: u.id, name: u.name, displayName: u.displayName ?? u.name, role: u.role },
    };
  }
}

function parseScopes(s: string): Scope[] {
  const given = s.split(",");
  return SCOPES.filter((x) => given.includes(x));
}

function toInfo(r: ApiTokenRow): ApiTokenInfo {
  return { id: r.id, name: r.name, scopes: parseScopes(r.scopes), hint: `${TOKEN_PREFIX}…${r.hint}`, createdAt: r.created_at, lastUsedAt: r.last_used_at };
}
