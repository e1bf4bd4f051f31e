// Test helper: users and papers written straight into a store, so community tests need no accounts service.
import { randomBytes } from "node:crypto";
import { emptyPaper, type HubFacts, type Paper } from "../../domain/paper.js";
import type { Role } from "../../storage/schema.js";
import type { Store } from "../../storage/store.js";
import type { Actor } from "../types.js";

export interface TestUser extends Actor {
  displayName: string | null;
}

/** Inserts a user row (with a password hash no password matches) and returns it as an actor. */
export async function insertUser(store: Store, name: string, opts: { role?: Role; displayName?: string | null; bannedAt?: string } = {}): Promise<TestUser> {
  const id = `u_${randomBytes(6).toString("hex")}`;
  const now = new Date().toISOString();
  const displayName = opts.displayName === undefined ? `${name[0]!.toUpperCase()}${name.slice(1)}` : opts.displayName;
  await store.db
    .insertInto("users")
    .values({
      id,
      name,
      email: `${name}@example.org`,
      display_name: displayName,
      password_hash: "test:not-a-hash",
      role: opts.role ?? "user",
      banned_at: opts.bannedAt ?? null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return { id, name, role: opts.role ?? "user", displayName };
}

/** Stores a paper (an arXiv-like record) with optional hub facts. */
export async function insertPaper(store: Store, id: string, opts: { publishedAt?: string | null; title?: string; hub?: Partial<HubFacts> } = {}): Promise<void> {
  const paper: Paper = {
    ...emptyPaper(id, "arxiv-atom"),
    version: 1,
    title: opts.title ?? `Paper ${id}`,
    abstract: `Abstract of ${id}.`,
    authors: [{ name: "Ada Lovelace" }],
    categories: ["cs.LG"],
    primaryCategory: "cs.LG",
    publishedAt: opts.publishedAt === undefined ? "2024-07-30T12:00:00.000Z" : opts.publishedAt,
    links: { abs: `https://arxiv.org/abs/${id}` },
  };
  await store.upsertPapers([opts.hub ? { paper, hub: opts.hub } : { paper }]);
}
