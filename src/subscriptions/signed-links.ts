// Signed tokens in mailed links (confirm, unsubscribe, manage): HMAC-SHA256 over purpose, row id, expiry and the subscriber's nonce.
//
// A token is `<purpose>.<id>.<expiry>.<mac>`: it names its row, so no token
// table is needed, and it cannot be forged without the hub's key (kept in
// the store, made on first use). The subscriber's nonce enters the MAC, so
// replacing the nonce revokes every link mailed before. Confirmation links
// expire; unsubscribe and manage links do not, because a digest read months
// later must still unsubscribe in one click (RFC 8058).
import { createHmac, timingSafeEqual } from "node:crypto";

export const LINK_PURPOSES = ["confirm", "unsubscribe", "unsubscribe-all", "manage"] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

const CODE: Record<LinkPurpose, string> = { confirm: "c", unsubscribe: "u", "unsubscribe-all": "a", manage: "m" };
const PURPOSE = new Map(Object.entries(CODE).map(([p, c]) => [c, p as LinkPurpose]));
/** 128 bits of MAC: far beyond guessing, and a link stays short. */
const MAC_BYTES = 16;
const SHAPE = /^([cuam])\.([A-Za-z0-9_-]{1,64})\.([0-9a-z]{0,12})\.([A-Za-z0-9_-]{22})$/;

export interface LinkToken {
  purpose: LinkPurpose;
  /** The subscription (confirm, unsubscribe) or subscriber (unsubscribe-all, manage) it acts on. */
  id: string;
  expiresAt: Date | null;
  mac: string;
}

export type LinkCheck = "ok" | "invalid" | "expired";

export class LinkSigner {
  constructor(private readonly key: Buffer) {
    if (key.length < 32) throw new Error("the link signing key must have at least 32 bytes");
  }

  sign(purpose: LinkPurpose, id: string, nonce: string, expiresAt?: Date): string {
    const exp = expiresAt ? Math.floor(expiresAt.getTime() / 1000).toString(36) : "";
    return `${CODE[purpose]}.${id}.${exp}.${this.mac(CODE[purpose], id, exp, nonce)}`;
  }

  /** The token's fields, before any check; null when it does not have a token's shape. */
  static read(token: string | undefined): LinkToken | null {
    const m = token ? SHAPE.exec(token.trim()) : null;
    if (!m) return null;
    return { purpose: PURPOSE.get(m[1]!)!, id: m[2]!, expiresAt: m[3] ? new Date(parseInt(m[3], 36) * 1000) : null, mac: m[4]! };
  }

  /** Whether the token was made by this key for this nonce, and is still valid at `now`. */
  check(t: LinkToken, nonce: string, now: Date): LinkCheck {
    const exp = t.expiresAt ? Math.floor(t.expiresAt.getTime() / 1000).toString(36) : "";
    const expected = Buffer.from(this.mac(CODE[t.purpose], t.id, exp, nonce));
    const given = Buffer.from(t.mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return "invalid";
    return t.expiresAt && t.expiresAt.getTime() <= now.getTime() ? "expired" : "ok";
  }

  private mac(code: string, id: string, exp: string, nonce: string): string {
    return createHmac("sha256", this.key).update(`${code}.${id}.${exp}.${nonce}`).digest().subarray(0, MAC_BYTES).toString("base64url");
  }
}
