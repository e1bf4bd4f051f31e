// Collections: named lists of saved papers, public or private, owned by one user. Saving counts as a like for the personal feed.
//
// A private collection does not exist for anyone but its owner: others get
// the same NotFoundError as for a collection that was never made, so its
// name and address leak nothing. Hidden papers stay in a collection (a
// moderator may restore them) but are never shown or exported from it.
import { randomBytes } from "node:crypto";
import { ForbiddenError, NotFoundError, ValidationError, FieldError } from "../domain/errors.js";
import type { StoredPaper } from "../domain/paper.js";
import type { CommunityRepo } from "../storage/community-repo.js";
import type { FeedEntry } from "../storage/feed-repo.js";
import type { CollectionRow, PersonalRepo } from "../storage/personal-repo.js";
import type { Store } from "../storage/store.js";
import { slugOfName, slugify } from "./slug.js";

export type Collection = CollectionRow;

export interface Owner {
  id: string;
  name: string;
  displayName: string;
}

export interface CollectionView {
  owner: Owner;
  collection: Collection;
  /** Visible papers, last added first, with their shown counts and when they were added. */
  entries: Array<FeedEntry & { addedAt: string }>;
}

export interface CollectionsDeps {
  repo: PersonalRepo;
  users: Pick<CommunityRepo, "userByName" | "userById">;
  store: Pick<Store, "getPapers" | "getPaper">;
  /** Shown counts with hidden papers left out (FeedService.visible). */
  visible: (papers: readonly StoredPaper[]) => Promise<FeedEntry[]>;
  clock?: () => Date;
}

export const NAME_MAX = 80;
/** Enough for any reader's shelves; a bound keeps pages and the model's inputs small. */
export const MAX_COLLECTIONS = 100;
export const MAX_ITEMS = 5000;
/** The collection "Save" puts a paper in when no other is named. */
export const DEFAULT_COLLECTION = { name: "Saved", slug: "saved" } as const;

export class CollectionsService {
  private readonly clock: () => Date;

  constructor(private readonly deps: CollectionsDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  /** A user's collections as the viewer may see them: all for the owner, public ones for everyone else. */
  async list(ownerName: string, viewerId: string | null): Promise<{ owner: Owner; collections: Collection[] }> {
    const owner = await this.owner(ownerName);
    const collections = await this.deps.repo.collectionsOf(owner.id, { publicOnly: owner.id !== viewerId });
    return { owner, collections };
  }

  /** The viewer's own collections (for "Save to collection" menus). */
  mine(userId: string): Promise<Collection[]> {
    return this.deps.repo.collectionsOf(userId);
  }

  /** The collection at /u/:owner/c/:slug as the viewer may see it; NotFoundError when it is missing or private to someone else. */
  async find(ownerName: string, slug: string, viewerId: string | null): Promise<{ owner: Owner; collection: Collection }> {
    const owner = await this.owner(ownerName);
    const collection = await this.deps.repo.collectionBySlug(owner.id, slug);
    if (!collection || (!collection.isPublic && owner.id !== viewerId)) throw new NotFoundError(`${owner.name} has no collection at this address.`);
    return { owner, collection };
  }

  async view(ownerName: string, slug: string, viewerId: string | null, limit = MAX_ITEMS): Promise<CollectionView> {
    const { owner, collection } = await this.find(ownerName, slug, viewerId);
    const items = await this.deps.repo.items(collection.id, limit);
    const added = new Map(items.map((i) => [i.paperId, i.at]));
    const entries = await this.deps.visible(await this.deps.store.getPapers(items.map((i) => i.paperId)));
    return { owner, collection, entries: entries.map((e) => ({ ...e, addedAt: added.get(e.paper.id)! })) };
  }

  async create(userId: string, input: { name: string; isPublic: boolean }): Promise<Collection> {
    const name = cleanName(input.name);
    if ((await this.deps.repo.collectionsOf(userId)).length >= MAX_COLLECTIONS) throw new ValidationError(`You can have at most ${MAX_COLLECTIONS} collections.`);
    const now = this.clock().toISOString();
    // A concurrent create may take the slug between the look-up and the insert: then look again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const slug = await this.freeSlug(userId, slugify(name));
      const row = { id: randomBytes(12).toString("base64url"), userId, name, slug, isPublic: input.isPublic, createdAt: now, updatedAt: now };
      if (await this.deps.repo.insertCollection(row)) return { ...row, items: 0 };
    }
    throw new ValidationError("Could not give the collection an address; please try again.");
  }

  /** Renames (its address follows the name) and sets its visibility. */
  async update(userId: string, id: string, input: { name: string; isPublic: boolean }): Promise<Collection> {
    const current = await this.own(userId, id);
    const name = cleanName(input.name);
    const base = slugify(name);
    // A change of case or punctuation that keeps the address keeps it (and its links).
    const slug = slugOfName(current.slug, base) ? current.slug : await this.freeSlug(userId, base);
    if (!(await this.deps.repo.updateCollection(userId, id, { name, slug, isPublic: input.isPublic, updatedAt: this.clock().toISOString() }))) {
      throw new ValidationError("Another of your collections took that name just now; please try again.");
    }
    return { ...current, name, slug, isPublic: input.isPublic };
  }

  async remove(userId: string, id: string): Promise<void> {
    await this.own(userId, id);
    await this.deps.repo.deleteCollection(userId, id);
  }

  /**
   * Saves a paper into the user's collection (their "Saved" one, made on
   * first use, when none is named). Saving again changes nothing. A saved
   * paper is a like, so a "not interested" mark on it is lifted.
   */
  async save(userId: string, paperId: string, collectionId?: string): Promise<Collection> {
    const paper = await this.deps.store.getPaper(paperId);
    if (!paper || (await this.deps.visible([paper])).length === 0) throw new NotFoundError(`No paper with id ${paperId} in this hub.`);
    const collection = collectionId ? await this.own(userId, collectionId) : await this.defaultOf(userId);
    if (collection.items >= MAX_ITEMS) throw new ValidationError(`A collection holds at most ${MAX_ITEMS} papers.`);
    await this.deps.repo.addItem(collection.id, paper.id, this.clock().toISOString());
    await this.deps.repo.unmarkNotInterested(userId, paper.id);
    return collection;
  }

  /** Takes a paper out of one of the user's collections (the "Saved" one when none is named). */
  async unsave(userId: string, paperId: string, collectionId?: string): Promise<void> {
    const collection = collectionId ? await this.own(userId, collectionId) : await this.deps.repo.collectionBySlug(userId, DEFAULT_COLLECTION.slug);
    if (collection) await this.deps.repo.removeItem(collection.id, paperId);
  }

  /** The viewer's collections, each saying whether it holds the paper (the paper page's menu). */
  async holding(userId: string, paperId: string): Promise<Array<Collection & { holds: boolean }>> {
    const [all, holding] = await Promise.all([this.deps.repo.collectionsOf(userId), this.deps.repo.collectionsHolding(userId, paperId)]);
    return all.map((c) => ({ ...c, holds: holding.has(c.id) }));
  }

  private async defaultOf(userId: string): Promise<Collection> {
    const existing = await this.deps.repo.collectionBySlug(userId, DEFAULT_COLLECTION.slug);
    if (existing) return existing;
    const now = this.clock().toISOString();
    const row = { id: randomBytes(12).toString("base64url"), userId, ...DEFAULT_COLLECTION, isPublic: false, createdAt: now, updatedAt: now };
    // A concurrent first save may have made it: then use that one.
    if (await this.deps.repo.insertCollection(row)) return { ...row, items: 0 };
    return (await this.deps.repo.collectionBySlug(userId, DEFAULT_COLLECTION.slug))!;
  }

  private async own(userId: string, id: string): Promise<Collection> {
    const c = await this.deps.repo.collectionById(id);
    if (!c) throw new NotFoundError("There is no such collection.");
    if (c.userId !== userId) throw new ForbiddenError("This collection is not yours.");
    return c;
  }

  private async owner(name: string): Promise<Owner> {
    const u = name.length <= 100 ? await this.deps.users.userByName(name) : null;
    if (!u) throw new NotFoundError(`There is no user named ${name.slice(0, 60)}.`);
    return { id: u.id, name: u.name, displayName: u.displayName ?? u.name };
  }

  private async freeSlug(userId: string, base: string): Promise<string> {
    const taken = await this.deps.repo.slugsLike(userId, base);
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }
}

function cleanName(raw: string): string {
  const name = raw.replace(/\s+/g, " ").trim();
  if (!name) throw new FieldError("name", "Give the collection a name.");
  if (name.length > NAME_MAX) throw new FieldError("name", `A collection name has at most ${NAME_MAX} characters.`);
  if (/[\u0000-\u001f\u007f]/.test(name)) throw new FieldError("name", "A collection name cannot hold control characters.");
  return name;
}
