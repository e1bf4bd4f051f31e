import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { LinkSigner } from "./signed-links.js";

const signer = new LinkSigner(randomBytes(32));
const now = new Date("2024-06-05T12:00:00Z");

describe("LinkSigner", () => {
  it("verifies its own tokens for the same nonce, and names purpose and row", () => {
    const token = signer.sign("unsubscribe", "sub123", "nonce-a");
    const t = LinkSigner.read(token)!;
    expect(t).toMatchObject({ purpose: "unsubscribe", id: "sub123", expiresAt: null });
    expect(signer.check(t, "nonce-a", now)).toBe("ok");
    expect(token).toMatch(/^[A-Za-z0-9._-]+$/);
  });

  it("refuses another nonce (revoked links), another key, a changed id or purpose", () => {
    const token = signer.sign("manage", "subscriber1", "nonce-a");
    expect(signer.check(LinkSigner.read(token)!, "nonce-b", now)).toBe("invalid");
    expect(new LinkSigner(randomBytes(32)).check(LinkSigner.read(token)!, "nonce-a", now)).toBe("invalid");
    expect(signer.check(LinkSigner.read(token.replace("subscriber1", "subscriber2"))!, "nonce-a", now)).toBe("invalid");
    expect(signer.check(LinkSigner.read(`a${token.slice(1)}`)!, "nonce-a", now)).toBe("invalid");
  });

  it("expires confirmation links, and cannot be given a later expiry", () => {
    const token = signer.sign("confirm", "sub1", "n", new Date("2024-06-12T12:00:00Z"));
    expect(signer.check(LinkSigner.read(token)!, "n", now)).toBe("ok");
    expect(signer.check(LinkSigner.read(token)!, "n", new Date("2024-06-12T12:00:01Z"))).toBe("expired");
    const [c, id, , mac] = token.split(".");
    const later = Math.floor(Date.parse("2030-01-01T00:00:00Z") / 1000).toString(36);
    expect(signer.check(LinkSigner.read(`${c}.${id}.${later}.${mac}`)!, "n", now)).toBe("invalid");
  });

  it("reads only well-formed tokens", () => {
    for (const bad of [undefined, "", "x.y.z", "u.id..short", "z.id..AAAAAAAAAAAAAAAAAAAAAA", "u.a b..AAAAAAAAAAAAAAAAAAAAAA"]) expect(LinkSigner.read(bad)).toBeNull();
  });
});
