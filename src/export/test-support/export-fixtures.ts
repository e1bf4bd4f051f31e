// Test helper: a store seeded for feeds and exports: LaTeX specials and markup in titles, non-ASCII names, an old-style id, a hidden paper, a user's submissions, an organisation.
import { addUser, feedRecord, setStats } from "../../feed/test-support/feed-records.js";
import type { Store } from "../../storage/store.js";

export const TRICKY_TITLE = "R&D <script>alert(1)</script> at 100% of $O(n^2)$ for #1_top ~ {BERT} & co";
export const HIDDEN_ID = "2406.00009";

export async function seedExportStore(store: Store): Promise<void> {
  await store.upsertPapers([
    feedRecord("2406.00001", {
      day: "2024-06-05",
      upvotes: 12,
      comments: 2,
      org: "deepmind",
      paper: {
        title: TRICKY_TITLE,
        abstract: "We show that a < b & c > d.\nSecond line with ]]> inside.",
        authors: [{ name: "Müller, Jörg" }, { name: "Patrick O'Brien" }, { name: "Ludwig van Beethoven" }, { name: "OpenAI Team" }],
        categories: ["cs.LG", "stat.ML"],
        primaryCategory: "cs.LG",
        doi: "10.1000/x_y",
        journalRef: "J. Foo 1 (2024) 1-10",
      },
    }),
    feedRecord("2406.00002", { day: "2024-06-05", upvotes: 7, paper: { title: "Attention Is Still All You Need", authors: [{ name: "José Núñez" }, { name: "Zhang Wei" }] } }),
    feedRecord("2406.00003", { day: "2024-06-04", upvotes: 3, org: "deepmind", paper: { title: "Attention Is Still All You Need", authors: [{ name: "José Núñez" }], categories: ["cs.CL"], primaryCategory: "cs.CL" } }),
    feedRecord("hep-th/9901001", { day: null, paper: { title: "Strings on a lattice", categories: ["hep-th"], primaryCategory: "hep-th", publishedAt: "1999-01-01T10:00:00.000Z", authors: [{ name: "Martin Luther King Jr." }] } }),
    feedRecord(HIDDEN_ID, { day: "2024-06-05", upvotes: 99, org: "deepmind", paper: { title: "Hidden attention paper" } }),
  ]);
  await setStats(store, HIDDEN_ID, { hidden: true });
  await addUser(store, "bob", { displayName: "Bob Builder" });
  for (const [id, at] of [["2406.00002", "2024-06-05T10:00:00.000Z"], [HIDDEN_ID, "2024-06-05T11:00:00.000Z"]] as const) {
    await store.db.insertInto("submissions").values({ paper_id: id, user_id: "u-bob", feed_day: "2024-06-05", submitted_at: at }).execute();
  }
  await store.lexical.catchUp();
}
