// The rules for what a user may type into account fields: each reader normalises a value or throws a FieldError naming the field.
import { FieldError } from "../domain/errors.js";

/** Handles appear in URLs (/u/:name), so they are short, lowercase and URL-safe. */
const NAME = /^[a-z0-9_-]{2,32}$/;
/** Deliberately loose: one @, a dot in the domain, no spaces. Only a confirmation mail could prove more. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;
/** RFC 5321 caps a path at 256 octets including the angle brackets. */
const EMAIL_MAX = 254;
export const PASSWORD_MIN = 8;
/** Hashing cost does not depend on length, but a megabyte password is an attack, not a password. */
export const PASSWORD_MAX = 1024;
const DISPLAY_MAX = 64;
/** Organisation handles as the Daily Papers feed spells them (e.g. `google`, `meta-llama`), so /orgs/:name joins both. */
const ORG = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Control characters and bidirectional overrides can disguise a name as another one. */
const DISGUISING = /[\p{Cc}\u200B-\u200F\u202A-\u202E\u2066-\u2069]/u;

export function readName(raw: string): string {
  const name = raw.trim().toLowerCase();
  if (!NAME.test(name)) throw new FieldError("name", "A user name has 2 to 32 characters: letters a-z, digits, - and _.");
  return name;
}

export function readEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (email.length > EMAIL_MAX || !EMAIL.test(email)) throw new FieldError("email", "Enter an email address such as ada@example.org.");
  return email;
}

export function readPassword(raw: string, field = "password"): string {
  const length = [...raw].length;
  if (length < PASSWORD_MIN) throw new FieldError(field, `A password has at least ${PASSWORD_MIN} characters.`);
  if (length > PASSWORD_MAX) throw new FieldError(field, `A password has at most ${PASSWORD_MAX} characters.`);
  return raw;
}

/** Empty means "show my user name". */
export function readDisplayName(raw: string | undefined): string | null {
  const v = (raw ?? "").trim().replace(/\s+/g, " ");
  if (!v) return null;
  if ([...v].length > DISPLAY_MAX) throw new FieldError("displayName", `A display name has at most ${DISPLAY_MAX} characters.`);
  if (DISGUISING.test(v)) throw new FieldError("displayName", "A display name cannot hold control or text-direction characters.");
  return v;
}

/** Empty means "no organisation". */
export function readOrgName(raw: string | undefined): string | null {
  const v = (raw ?? "").trim();
  if (!v) return null;
  if (!ORG.test(v)) throw new FieldError("orgName", "An organisation handle has up to 64 characters: letters, digits, and . _ - (as in /orgs/google).");
  return v;
}
