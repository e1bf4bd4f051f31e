// The postings index ranks exactly as SQLite's FTS5 bm25 does, follows changes and deletions, and survives a restart.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { openStore } from "../../storage/open-store.js";
import { PostingsSource } from "../../storage/postings-source.js";
import type { Store } from "../../storage/store.js";
import { PostingsIndex, type PostingsQuery } from "./postings-index.js";
import { Segment } from "./segment.js";
import { queryStems } from "./index-tokens.js";
import { papers, random, VOCAB } from "./test-support/random-papers.js";
import { emptyPaper } from "../../domain/paper.js";

/** FTS5's own ranking of a MATCH expression: seq and bm25 (higher is better), best first. */
async function fts(store: Store, match: string, limit: number): Promise<{ seq: number; score: number }[]> {
  const r = await sql<{ seq: number; rank: number }>`
    SELECT rowid AS seq, rank FROM papers_fts WHERE papers_fts MATCH ${match} AND rank MATCH 'bm25(4.0, 1.0, 2.0)'
    ORDER BY rank LIMIT ${limit}`.execute(store.db);
  return r.rows.map((x) => ({ seq: Number(x.seq), score: -Number(x.rank) }));
}

/** fts() among the papers with these seqs. */
async function ftsAmong(store: Store, match: string, limit: number, seqs: number[]): Promise<{ seq: number; score: number }[]> {
  const r = await sql<{ seq: number; rank: number }>`
    SELECT rowid AS seq, rank FROM papers_fts WHERE papers_fts MATCH ${match} AND rank MATCH 'bm25(4.0, 1.0, 2.0)'
    AND rowid IN (SELECT value FROM json_each(${JSON.stringify(seqs)})) ORDER BY rank LIMIT ${limit}`.execute(store.db);
  return r.rows.map((x) => ({ seq: Number(x.seq), score: -Number(x.rank) }));
}

const quoted = (w: string) => `"${w}"`;

/** Same scores in the same order (ties may swap seqs). */
function expectSameRanking(ours: { seq: number; score: number }[], theirs: { seq: number; score: number }[]): void {
  expect(ours.length).toBe(theirs.length);
  const close = (a: number, b: number) => Math.abs(a - b) <= 1e-5 * Math.max(Math.abs(a), Math.abs(b));
  for (let i = 0; i < ours.length; i++) expect(close(ours[i]!.score, theirs[i]!.score), `score ${i}: ${ours[i]!.score} vs ${theirs[i]!.score}`).toBe(true);
  const distinct = (xs: { seq: number; score: number }[]) => xs.filter((x, i) => xs.every((y, j) => j === i || !close(y.score, x.score)));
  expect(distinct(ours).map((x) => x.seq)).toEqual(distinct(theirs).map((x) => x.seq));
}

describe("PostingsIndex", () => {
  let dir: string;
  let store: Store;
  let source: PostingsSource;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "pb-postings-"));
    store = await openStore({ dataDir: dir });
    source = new PostingsSource(store.db);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function indexed(n = 400, seed = 1, opts: { segmentPapers?: number; maxSegments?: number; denseMinPapers?: number } = {}): Promise<PostingsIndex> {
    await store.upsertPapers(papers(n, seed));
    await store.lexical.catchUp();
    const index = await PostingsIndex.open(join(dir, "postings"), { ...opts });
    await index.catchUp(source);
    return index;
  }

  it("ranks any-word and all-word queries with FTS5's bm25 scores, in its order", async () => {
    const index = await indexed();
    expect(index.size()).toBe(400);
    const rand = random(9);
    for (let i = 0; i < 40; i++) {
      const words = [...new Set(Array.from({ length: 1 + Math.floor(rand() * 5) }, () => VOCAB[Math.floor(rand() * VOCAB.length)]!))];
      const stems = words.flatMap(queryStems);
      const any = i % 2 === 0;
      const q: PostingsQuery = any ? { required: [], optional: stems, limit: 25 } : { required: stems, optional: [], limit: 25 };
      const theirs = await fts(store, words.map(quoted).join(any ? " OR " : " AND "), 25);
      expectSameRanking(index.search(q)!, theirs);
    }
  });

  it("stops adding papers once the words left cannot lift one into the top k, and still ranks as FTS5", async () => {
    await store.upsertPapers(
      Array.from({ length: 20 }, (_, i) => ({
        paper: { ...emptyPaper(`2404.000${String(i).padStart(2, "0")}`, "kaggle"), version: 1, title: `zetafold ${"zetafold ".repeat(i % 5)}graph`, abstract: "We study attention." },
      })),
    );
    const index = await indexed(400, 12);
    const pruned = vi.spyOn(Segment.prototype, "accumulate");
    for (const [words, limit] of [[["zetafold", "attention", "transformer", "transformers"], 10], [["zetafold", "graph", "attention", "networks", "diffusion"], 5]] as const) {
      const theirs = await fts(store, words.map(quoted).join(" OR "), limit);
      expectSameRanking(index.search({ required: [], optional: words.flatMap(queryStems), limit })!, theirs);
    }
    // The common words were added only to the papers already in the running (mask 0xff, want and set 0x80).
    expect(pruned.mock.calls.some((c) => c[3] === 0xff && c[4] === 0x80 && c[5] === 0x80)).toBe(true);
    pruned.mockRestore();
  });

  it("adds common words by look-up to the papers in the running and still ranks as FTS5, through edits and deletions", async () => {
    // Words in 40-90% of the papers beside words in 3-10%, with counts from 1 to 4 and titles (weighted 4) too.
    const common = ["alpha", "bravo", "charlie", "delta", "echo"];
    const rare = ["kilo", "lima", "mike", "november", "oscar", "papa"];
    const make = (n: number, seed: number, from = 0, filler = 0) => {
      const rand = random(seed);
      const some = (ws: string[], share: (i: number) => number) =>
        ws.flatMap((w, i) => (rand() < share(i) ? Array.from({ length: 1 + Math.floor(rand() * 4) }, () => w) : []));
      return Array.from({ length: n }, (_, i) => {
        const body = [...some(common, (j) => 0.4 + 0.1 * j), ...some(rare, (j) => 0.03 + 0.012 * j), ..."we study the thing at hand".split(" "), ...Array(filler).fill("zulu")];
        body.sort(() => rand() - 0.5);
        return {
          paper: {
            ...emptyPaper(`2406.${String(from + i).padStart(5, "0")}`, "kaggle"),
            version: 1,
            title: some(common.concat(rare), () => 0.1).join(" ") || "untitled",
            abstract: body.join(" "),
          },
        };
      });
    };
    await store.upsertPapers(make(400, 3));
    await store.lexical.catchUp();
    // Common words are looked up from hubs of 1 paper on here (20,000 by default).
    const index = await PostingsIndex.open(join(dir, "postings"), { segmentPapers: 150, denseMinPapers: 1 });
    await index.catchUp(source);
    const built = vi.spyOn(index as unknown as { denseOf: () => unknown }, "denseOf");
    // All-word queries score each paper of the rarest word at once; the others add to accumulators.
    const atOnce = vi.spyOn(index as unknown as { byLookup: () => unknown }, "byLookup");
    const rand = random(21);
    const check = async () => {
      for (let i = 0; i < 40; i++) {
        const pick = (xs: string[]) => xs[Math.floor(rand() * xs.length)]!;
        // A rare word first, so the common ones are added to a running smaller than their postings.
        const chosen = i % 5 === 4 ? [pick(i % 2 ? rare : common)] : [...new Set([pick(rare), pick(common), pick(common), ...(i % 3 === 0 ? [pick(rare)] : [])])];
        const stems = chosen.map((w) => queryStems(w)[0]!);
        const limit = 5 + (i % 4) * 10;
        const any = i % 2 === 0;
        const q: PostingsQuery = any ? { required: [stems[0]!], optional: stems.slice(1), limit } : { required: stems, optional: [], limit };
        const match = any && chosen.length > 1 ? `${quoted(chosen[0]!)} AND (${chosen.slice(1).map(quoted).join(" OR ")})` : chosen.map(quoted).join(" AND ");
        const theirs = await fts(store, match, limit);
        expectSameRanking(index.search(q)!, theirs);
        // Among a listed part of the papers (as after FTS5 lists a phrase), all-word queries score only them.
        const among = Array.from({ length: 600 }, (_, s) => s).filter(() => rand() < 0.3);
        expectSameRanking(index.search({ ...q, among })!, await ftsAmong(store, match, limit, among));
      }
    };
    await check();
    expect(built).toHaveBeenCalled();
    expect(atOnce).toHaveBeenCalled();
    // New papers hold the words too: the arrays are rebuilt with them. Longer ones move the average
    // length past the 0.5% at which scores are re-normed, so they stay FTS5's exactly.
    await store.upsertPapers(make(50, 5, 400, 30));
    await store.lexical.catchUp();
    await index.catchUp(source);
    expect(index.size()).toBe(450);
    built.mockClear();
    await check();
    expect(built).toHaveBeenCalled();
    // After edits and deletions (stale copies in older segments) the postings are decoded as before, ranking alike.
    await store.upsertPapers(make(80, 4, 0, 15));
    await sql`DELETE FROM papers WHERE id IN ('2406.00100', '2406.00101', '2406.00102')`.execute(store.db);
    await store.lexical.catchUp();
    await index.catchUp(source);
    expect(index.size()).toBe(447);
    await check();
    built.mockRestore();
  });

  it("counts the papers holding a word as FTS5 does", async () => {
    const index = await indexed();
    for (const w of ["graph", "networks", "kalox", "absent"]) {
      const r = await sql<{ n: number }>`SELECT count(*) AS n FROM papers_fts WHERE papers_fts MATCH ${quoted(w)}`.execute(store.db);
      expect(index.documentFrequency(queryStems(w)[0]!), w).toBe(Number(r.rows[0]!.n));
    }
  });

  it("counts, finds and scores a word's new papers after a catch-up, though it was looked up before", async () => {
    const index = await indexed(300, 2, { segmentPapers: 120 });
    const stem = queryStems("zorbatron")[0]!;
    expect(index.documentFrequency(stem)).toBe(0);
    expect(index.search({ required: [stem], optional: [], limit: 5 })).toEqual([]);
    await store.upsertPapers(papers(3, 5).map((r, i) => ({ paper: { ...r.paper, id: `2405.${i}`, title: "zorbatron lattices" } })));
    await store.lexical.catchUp();
    await index.catchUp(source);
    expect(index.documentFrequency(stem)).toBe(3);
    // Same order; scores as FTS5's up to the average length the index lets drift by 0.5% before re-norming.
    const ours = index.search({ required: [stem], optional: [], limit: 5 })!;
    const theirs = await fts(store, quoted("zorbatron"), 5);
    expect(ours.map((h) => h.seq)).toEqual(theirs.map((h) => h.seq));
    ours.forEach((h, i) => expect(Math.abs(h.score - theirs[i]!.score)).toBeLessThan(0.01 * theirs[i]!.score));
  });

  it("lists the papers passing date filters across segments as testing each paper does, skipping segments outside the dates", async () => {
    const index = await indexed(400, 3, { segmentPapers: 100 });
    const seqs = Array.from({ length: 500 }, (_, i) => i + 1);
    for (const f of [
      { after: "2021-06-01T00:00:00.000Z" },
      { before: "2021-03-31T23:59:59.999Z" },
      { after: "2021-02-01T00:00:00.000Z", before: "2021-02-28T23:59:59.999Z", categories: ["cs"] },
      { after: "2030-01-01T00:00:00.000Z" },
      { categories: ["stat.ML"] },
    ]) {
      const test = index.filter(f)!;
      expect(index.matching(f, 10_000), JSON.stringify(f)).toEqual(seqs.filter((s) => test(s)));
    }
  });

  it("ranks within a date filter as testing each paper does, leaving segments outside the dates unread", async () => {
    // Papers in date order (as arXiv ids and daily syncs bring them), a segment per catch-up of 100: each spans 100 days.
    const dated = papers(500, 7).map((p, i) => ({ ...p, paper: { ...p.paper, publishedAt: new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString() } }));
    const index = await PostingsIndex.open(join(dir, "postings"), { denseMinPapers: 1 });
    for (let i = 0; i < 500; i += 100) {
      await store.upsertPapers(dated.slice(i, i + 100));
      await store.lexical.catchUp();
      await index.catchUp(source);
    }
    expect((index as unknown as { segments: Segment[] }).segments.length).toBe(5);
    const rand = random(5);
    for (let i = 0; i < 30; i++) {
      const words = [...new Set(Array.from({ length: 1 + (i % 4) }, () => VOCAB[Math.floor(rand() * VOCAB.length)]!))];
      const stems = words.flatMap(queryStems);
      const from = Math.floor(rand() * 450);
      const after = new Date(Date.UTC(2021, 0, 1) + from * 86_400_000).toISOString();
      const before = i % 3 === 0 ? new Date(Date.UTC(2021, 0, 1) + (from + 60) * 86_400_000).toISOString() : null;
      const allow = index.filter({ after, before })!;
      const dates = { after: Date.parse(after), before: before ? Date.parse(before) : Infinity };
      const base = i % 2 === 0 ? { required: [], optional: stems } : { required: stems, optional: [] };
      // Reading every segment first also builds the look-up arrays of common words, which hold all papers.
      const everywhere = index.search({ ...base, limit: 15, allow })!;
      const read = vi.spyOn(Segment.prototype, "decode");
      const added = vi.spyOn(Segment.prototype, "accumulate");
      const addedAny = vi.spyOn(Segment.prototype, "accumulateAny");
      const near = index.search({ ...base, limit: 15, allow, dates })!;
      const segmentsRead = new Set([...read.mock.contexts, ...added.mock.contexts, ...addedAny.mock.contexts] as Segment[]);
      read.mockRestore();
      added.mockRestore();
      addedAny.mockRestore();
      expect(segmentsRead.size).toBeGreaterThan(0);
      // The same ranking as reading every segment, idf included.
      expectSameRanking(near, everywhere);
      for (const s of segmentsRead) {
        const [first, last] = s.dateRange();
        expect(last >= dates.after && first <= dates.before, `segment ${first}..${last} read for ${after}..${before}`).toBe(true);
      }
    }
  });

  it("folds case and diacritics and stems like FTS5's porter tokenizer, author names included", async () => {
    const index = await indexed();
    for (const w of ["CAFE", "naive", "Gödel", "godel", "Transformers", "networks"]) {
      const theirs = await fts(store, quoted(w), 50);
      expectSameRanking(index.search({ required: queryStems(w), optional: [], limit: 50 })!, theirs);
    }
  });

  it("matches a typed prefix as FTS5 does, counting every word it starts as one", async () => {
    const index = await indexed();
    for (const p of ["transf", "net", "gr", "kalo", "zzz"]) {
      const theirs = await fts(store, `"${p}"*`, 30);
      expectSameRanking(index.search({ required: [], optional: [], prefix: { text: p, required: true }, limit: 30 })!, theirs);
    }
  });

  it("follows edited and deleted papers, and reloads the same state from disk", async () => {
    const index = await indexed(300, 2, { segmentPapers: 120 });
    await sql`UPDATE papers SET title = 'zebrafish zebrafish regeneration' WHERE seq = 7`.execute(store.db);
    await sql`DELETE FROM papers WHERE seq IN (3, 250)`.execute(store.db);
    await store.upsertPapers(papers(20, 3).map((r, i) => ({ paper: { ...r.paper, id: `2402.${i}` } })));
    await store.lexical.catchUp();
    await index.catchUp(source);
    expect(index.size()).toBe(318);
    const zebra = index.search({ required: queryStems("zebrafish"), optional: [], limit: 5 })!;
    expect(zebra.map((h) => h.seq)).toEqual([7]);
    for (const w of ["attention", "graph", "quantum", "lattice"]) {
      const hits = index.search({ required: queryStems(w), optional: [], limit: 400 })!;
      expect(hits.map((h) => h.seq)).not.toContain(3);
      expect(hits.map((h) => h.seq)).not.toContain(250);
      expectSameRanking(hits, await fts(store, quoted(w), 400));
    }
    const again = await PostingsIndex.open(join(dir, "postings"));
    expect(again.size()).toBe(318);
    const q: PostingsQuery = { required: [], optional: ["attent", "graph", "quantum"], limit: 50 };
    expect(again.search(q)).toEqual(index.search(q));
    // Nothing changed: a catch-up reads nothing.
    expect(await again.catchUp(source)).toBe(0);
  });

  it("merges small segments without losing or reviving papers", async () => {
    const index = await indexed(200, 4, { segmentPapers: 10, maxSegments: 3 });
    await sql`DELETE FROM papers WHERE seq % 7 = 0`.execute(store.db);
    await sql`UPDATE papers SET abstract = abstract || ' okapi' WHERE seq % 5 = 0`.execute(store.db);
    await store.lexical.catchUp();
    await index.catchUp(source);
    expect(readdirSync(join(dir, "postings")).filter((f) => f.endsWith(".bin")).length).toBeLessThanOrEqual(3);
    const live = Number((await sql<{ n: number }>`SELECT count(*) AS n FROM papers`.execute(store.db)).rows[0]!.n);
    expect(index.size()).toBe(live);
    for (const w of ["okapi", "diffusion", "enzyme"]) {
      expectSameRanking(index.search({ required: queryStems(w), optional: [], limit: 300 })!, await fts(store, quoted(w), 300));
    }
    const reloaded = await PostingsIndex.open(join(dir, "postings"));
    expect(reloaded.search({ required: ["okapi"], optional: [], limit: 300 })).toEqual(index.search({ required: ["okapi"], optional: [], limit: 300 }));
  });

  it("filters by publication date and category in memory, as the SQL filters do", async () => {
    const index = await indexed();
    const after = "2021-01-01T00:00:00.000Z";
    const before = "2022-06-30T23:59:59.999Z";
    const allow = index.filter({ after, before, categories: ["cs"] })!;
    const hits = index.search({ required: [], optional: ["graph", "attent", "quantum"], limit: 400, allow })!;
    const expected = await sql<{ seq: number }>`
      SELECT p.seq FROM papers p JOIN papers_fts f ON f.rowid = p.seq
      WHERE papers_fts MATCH '"graph" OR "attention" OR "quantum"' AND p.published_at >= ${after} AND p.published_at <= ${before}
        AND (p.categories LIKE '%"cs.%')`.execute(store.db);
    expect(hits.length).toBeGreaterThan(0);
    expect(new Set(hits.map((h) => h.seq))).toEqual(new Set(expected.rows.map((r) => Number(r.seq))));
    expect(index.filter({})).toBeNull();
  });

  it("names every live paper by its id through edits, deletions, merges and a reload", async () => {
    const index = await indexed(150, 6, { segmentPapers: 20, maxSegments: 3 });
    await sql`DELETE FROM papers WHERE seq % 9 = 0`.execute(store.db);
    await sql`UPDATE papers SET title = title || ' okapi' WHERE seq % 4 = 0`.execute(store.db);
    await store.lexical.catchUp();
    await index.catchUp(source);
    const rows = (await sql<{ seq: number; id: string }>`SELECT seq, id FROM papers`.execute(store.db)).rows;
    const reloaded = await PostingsIndex.open(join(dir, "postings"));
    for (const ix of [index, reloaded]) {
      for (const r of rows) expect(ix.idOf(Number(r.seq))).toBe(r.id);
      for (const gone of [9, 18, 144, 10_000]) expect(ix.idOf(gone)).toBeNull();
    }
  });

  it("lists the papers passing date and category filters as SQL does, or null past a cap", async () => {
    const index = await indexed(300, 7, { segmentPapers: 100 });
    await sql`DELETE FROM papers WHERE seq % 11 = 0`.execute(store.db);
    await index.catchUp(source);
    const cases: [Parameters<PostingsIndex["matching"]>[0], string][] = [
      [{ categories: ["cs.LG"] }, `categories LIKE '%"cs.LG"%'`],
      [{ categories: ["cs"] }, `categories LIKE '%"cs.%'`],
      [{ after: "2021-03-01T00:00:00.000Z", before: "2022-01-31T23:59:59.999Z" }, `published_at >= '2021-03-01T00:00:00.000Z' AND published_at <= '2022-01-31T23:59:59.999Z'`],
      [{ categories: ["stat.ML", "q-bio"], after: "2021-01-01T00:00:00.000Z" }, `(categories LIKE '%"stat.ML"%' OR categories LIKE '%"q-bio.%') AND published_at >= '2021-01-01T00:00:00.000Z'`],
    ];
    for (const [f, where] of cases) {
      const expected = (await sql<{ seq: number }>`SELECT seq FROM papers WHERE ${sql.raw(where)} ORDER BY seq`.execute(store.db)).rows.map((r) => Number(r.seq));
      expect(expected.length, where).toBeGreaterThan(5);
      expect(index.matching(f, 1_000), where).toEqual(expected);
      expect(index.matching(f, expected.length), where).toEqual(expected);
      expect(index.matching(f, expected.length - 1), where).toBeNull();
    }
    expect(index.matching({}, 1_000)).toBeNull();
  });

  it("holds postings for the stems function words do not own: based, papers, using", async () => {
    await store.upsertPapers(
      ["Base models based on graphs", "Papers on attention", "Using kernels", "A paper about the bases of things"].map((title, i) => ({
        paper: { ...emptyPaper(`2403.0000${i}`, "kaggle"), version: 1, title, abstract: "We study graphs." },
      })),
    );
    const index = await indexed(100, 8);
    for (const w of ["based", "papers", "using", "bases"]) {
      const stems = queryStems(w);
      expect(stems.length, w).toBe(1);
      expectSameRanking(index.search({ required: stems, optional: [], limit: 20 })!, await fts(store, quoted(w), 20));
      expect(index.documentFrequency(stems[0]!), w).toBeGreaterThan(0);
    }
    // Function words stay out: they are in nearly every paper.
    expect(index.documentFrequency(queryStems("the")[0] ?? "the")).toBe(0);
  });

  it("rebuilds from the store when its files are damaged", async () => {
    const index = await indexed(100, 5);
    const seg = readdirSync(join(dir, "postings")).find((f) => f.endsWith(".bin"))!;
    writeFileSync(join(dir, "postings", seg), "not a segment");
    const reopened = await PostingsIndex.open(join(dir, "postings"));
    expect(reopened.size()).toBe(0);
    await reopened.catchUp(source);
    expect(reopened.size()).toBe(100);
    const q: PostingsQuery = { required: ["graph"], optional: [], limit: 100 };
    expect(reopened.search(q)).toEqual(index.search(q));
  });
});
