// Session and CSRF tokens: 32 random bytes for the browser, only a SHA-256 of the session token for the database.
import { createHash, randomBytes } from "node:crypto";

/** 32 bytes in base64url: 43 characters. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a string from a cookie or form has the shape of a token (cheap filter before any lookup). */
export function isTokenShaped(value: string | undefined): value is string {
  return !!value && TOKEN.test(value);
}

/** What the sessions table stores: a stolen database gives no usable cookie. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
