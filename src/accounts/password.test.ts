import { describe, expect, it } from "vitest";
import { DEFAULT_SCRYPT, hashPassword, needsRehash, verifyPassword } from "./password.js";

const CHEAP = { ln: 10, r: 8, p: 1 };

describe("password hashing", () => {
  it("hashes with the default scrypt cost into a self-describing string", async () => {
    const hash = await hashPassword("correct horse battery staple");
    expect(hash).toMatch(/^\$scrypt\$ln=15,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery staple", hash)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", hash)).toBe(false);
    expect(needsRehash(hash)).toBe(false);
  });

  it("salts every hash, so equal passwords hash differently", async () => {
    const [a, b] = await Promise.all([hashPassword("same password", CHEAP), hashPassword("same password", CHEAP)]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("verifies with the parameters stored in the hash, and asks for a rehash when they differ from the current ones", async () => {
    const old = await hashPassword("pässword-ünïcode", CHEAP);
    expect(old.startsWith("$scrypt$ln=10,r=8,p=1$")).toBe(true);
    expect(await verifyPassword("pässword-ünïcode", old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(old, CHEAP)).toBe(false);
    expect(DEFAULT_SCRYPT.ln).toBeGreaterThanOrEqual(15);
  });

  it("treats Unicode-equivalent spellings of a password as the same password", async () => {
    const composed = "caf\u00e9 au lait";
    const decomposed = "cafe\u0301 au lait";
    expect(await verifyPassword(decomposed, await hashPassword(composed, CHEAP))).toBe(true);
  });

  it("rejects malformed or out-of-bounds hashes without throwing", async () => {
    const good = await hashPassword("secret-pass", CHEAP);
    const salt = good.split("$")[3];
    for (const bad of [
      "",
      "plain-text-password",
      good.replace("$scrypt$", "$argon2id$"),
      good.slice(0, -5),
      good.replace("ln=10", "ln=30"), // a cost that would stall the server
      good.replace("r=8", "r=0"),
      `$scrypt$ln=10,r=8,p=1$${salt}$AAAA`,
    ]) {
      expect(await verifyPassword("secret-pass", bad), bad).toBe(false);
      expect(needsRehash(bad)).toBe(true);
    }
  });
});
