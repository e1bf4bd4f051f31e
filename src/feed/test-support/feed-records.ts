// Test helper: papers on the daily feed, local community counts and accounts, written straight into a store.
import { emptyPaper, type HubFacts, type ImportRecord, type Paper } from "../../domain/paper.js";
import type { Role } from "../../storage/schema.js";
import type { Store } from "../../storage/store.js";

export interface FeedRecordOptions {
  day?: string | null;
  upvotes?: number;
  comments?: number;
  submittedAt?: string;
  org?: string;
  stars?: number;
  paper?: Partial<Paper>;
  hub?: Partial<HubFacts>;
}

/** A paper listed on `day` (hub facts), with a title and abstract derived from its id unless given. */
export function feedRecord(id: string, o: FeedRecordOptions = {}): ImportRecord {
  const paper: Paper = {
    ...emptyPaper(id, "hf-daily"),
    version: 1,
    title: `Paper ${id}`,
    abstract: `Abstract of paper ${id}.`,
    authors: [{ name: "Ada Lovelace" }, { name: "Alan Turing" }],
    categories: ["cs.LG"],
    primaryCategory: "cs.LG",
    publishedAt: o.day ? `${o.day}T08:00:00.000Z` : "2024-01-01T08:00:00.000Z",
    links: { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` },
    ...o.paper,
  };
  if (o.day === null) return { paper };
  const day = o.day ?? "2024-06-05";
  return {
    paper,
    hub: {
      feedDay: day,
      submittedAt: o.submittedAt ?? `${day}T09:00:00.000Z`,
      submittedBy: { name: "akhaliq", fullname: "AK" },
      upvotes: o.upvotes ?? 0,
      numComments: o.comments ?? 0,
      ...(o.org ? { organization: { name: o.org, fullname: `${o.org} Research` } } : {}),
      ...(o.stars != null ? { githubRepo: `https://github.com/x/${id}`, githubStars: o.stars } : {}),
      ...o.hub,
    },
  };
}

/** Sets the local counts and hidden state of a paper (what the community service maintains). */
export async function setStats(store: Store, paperId: string, s: { upvotes?: number; comments?: number; hidden?: boolean }): Promise<void> {
  const row = { paper_id: paperId, upvotes: s.upvotes ?? 0, comments: s.comments ?? 0, hidden_at: s.hidden ? "2024-06-06T00:00:00.000Z" : null, hidden_by: null };
  await store.db.deleteFrom("paper_stats").where("paper_id", "=", paperId).execute();
  await store.db.insertInto("paper_stats").values(row).execute();
}

/** An account row, enough for organisation pages. */
export async function addUser(store: Store, name: string, o: { org?: string; banned?: boolean; displayName?: string; role?: Role } = {}): Promise<void> {
  const now = "2024-06-01T00:00:00.000Z";
  await store.db
    .insertInto("users")
    .values({
      id: `u-${name}`,
      name,
      email: `${name}@example.org`,
      display_name: o.displayName ?? null,
      password_hash: "x",
      org_name: o.org ?? null,
      role: o.role ?? "user",
      banned_at: o.banned ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
}
