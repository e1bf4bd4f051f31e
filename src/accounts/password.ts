// Password hashing: scrypt from node:crypto, stored as one self-describing string.
//
// Format: `$scrypt$ln=15,r=8,p=1$<salt>$<key>` (salt and key in base64url),
// after the PHC string format, so the cost can be raised later and old hashes
// still verify; `needsRehash` tells the sign-in flow when to upgrade one.
// N = 2^15, r = 8 needs 32 MiB and about 80 ms per hash on one core of the
// development machine. That is under OWASP's scrypt minimum (N = 2^17, 128 MiB
// per hash), chosen so a small server survives a burst of concurrent sign-ins;
// raising DEFAULT_SCRYPT upgrades each hash at its owner's next sign-in.
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

export interface ScryptParams {
  /** log2 of the cost N. */
  ln: number;
  r: number;
  p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { ln: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Stored parameters are trusted only within these bounds, so a tampered row cannot make a verify eat the server. */
const BOUNDS = { ln: [10, 20], r: [1, 32], p: [1, 16] } as const;
const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

interface Parsed extends ScryptParams {
  salt: Buffer;
  key: Buffer;
}

function derive(password: string, salt: Buffer, params: ScryptParams, keylen: number): Promise<Buffer> {
  const N = 2 ** params.ln;
  // scrypt needs 128 * N * r * p bytes; Node's default ceiling (32 MiB) is exactly what N = 2^15, r = 8 needs, so leave room.
  const options: ScryptOptions = { N, r: params.r, p: params.p, maxmem: 256 * N * params.r * params.p };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize("NFC"), salt, keylen, options, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

function parse(hash: string): Parsed | null {
  const m = FORMAT.exec(hash);
  if (!m) return null;
  const [ln, r, p] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const within = (v: number, [lo, hi]: readonly [number, number]) => v >= lo && v <= hi;
  if (!within(ln, BOUNDS.ln) || !within(r, BOUNDS.r) || !within(p, BOUNDS.p)) return null;
  const salt = Buffer.from(m[4]!, "base64url");
  const key = Buffer.from(m[5]!, "base64url");
  // A short key would make a truncated hash verify; 32 bytes is what hashPassword writes.
  if (salt.length < 16 || key.length < KEY_BYTES) return null;
  return { ln, r, p, salt, key };
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return `$scrypt$ln=${params.ln},r=${params.r},p=${params.p}$${salt.toString("base64url")}$${key.toString("base64url")}`;
}

/** True when `password` matches `hash`; false for a wrong password or a malformed hash (never throws for either). */
export async function verifyPassword(password: string, hash: string): Promise<boolean> {
  const parsed = parse(hash);
  if (!parsed) return false;
  const key = await derive(password, parsed.salt, parsed, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when `hash` was made with other parameters than `params` (or cannot be read), so it should be replaced after a successful sign-in. */
export function needsRehash(hash: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const parsed = parse(hash);
  return !parsed || parsed.ln !== params.ln || parsed.r !== params.r || parsed.p !== params.p || parsed.key.length !== KEY_BYTES;
}
