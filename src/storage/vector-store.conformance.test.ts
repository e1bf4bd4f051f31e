// The vector store conformance suite: models, watermark and queue, vectors and the lookups vector search needs, on every backend.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Migrator, sql, type Kysely } from "kysely";
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { emptyPaper, type ImportRecord, type Paper } from "../domain/paper.js";
import type { KyselyStore } from "./kysely-store.js";
import { migrationProvider } from "./migrations/index.js";
import { openStore } from "./open-store.js";
import { openPostgres } from "./postgres/postgres-connection.js";
import type { Database } from "./schema.js";
import { openSqlite } from "./sqlite/sqlite-connection.js";
import type { Store } from "./store.js";
import { allBackends, type TestBackend } from "./test-support/backends.js";
import { decodeVector, encodeVector, type EmbeddingModelSpec } from "./vector-store.js";

const MINI: EmbeddingModelSpec = { key: "builtin:mini", provider: "builtin", model: "mini", dims: 4 };
const OTHER: EmbeddingModelSpec = { key: "http:other", provider: "http", model: "other", dims: 3 };

function paper(id: string, over: Partial<Paper> = {}): Paper {
  return {
    ...emptyPaper(id, "kaggle"),
    version: 1,
    title: `Paper ${id}`,
    abstract: `Abstract of ${id}.`,
    authors: [{ name: "Emmy Noether" }],
    categories: ["cs.LG"],
    publishedAt: "2024-01-01T00:00:00.000Z",
    ...over,
  };
}
const rec = (p: Paper, hub?: ImportRecord["hub"]): ImportRecord => (hub ? { paper: p, hub } : { paper: p });

/** A vector of `dims` distinct, exactly representable float32 values derived from `i`. */
function vec(i: number, dims = MINI.dims): Float32Array {
  return Float32Array.from({ length: dims }, (_, d) => Math.fround((i + 1) / (d + 3)) * (d % 2 ? -1 : 1));
}

describe("vector encoding", () => {
  it("round-trips float32 values bit for bit, from views and into unaligned buffers", () => {
    const backing = new Float32Array([9, 0.1, -1e-30, 3.4e38, Number.NaN, -0, 7]);
    const v = backing.subarray(1, 6);
    const bytes = encodeVector(v);
    expect(bytes.byteLength).toBe(20);
    expect(bytes.readFloatLE(0)).toBe(Math.fround(0.1));
    const unaligned = Buffer.alloc(bytes.byteLength + 1).subarray(1);
    bytes.copy(unaligned);
    for (const b of [bytes, unaligned]) expect(Buffer.from(decodeVector(b).buffer, decodeVector(b).byteOffset, 20)).toEqual(bytes);
    expect(Array.from(decodeVector(unaligned))).toEqual(Array.from(v));
  });
});

/** A database migrated up to 0003 only (before vectors), for `fill`, then opened as a store (which migrates the rest). */
async function storeFrom0003(backend: TestBackend, fill: (db: Kysely<Database>) => Promise<void>): Promise<{ store: Store; done: () => Promise<void> }> {
  const upTo0003 = async (db: Kysely<Database>, schema?: string) => {
    const migrator = new Migrator({ db, provider: migrationProvider, ...(schema ? { migrationTableSchema: schema } : {}) });
    const { error } = await migrator.migrateTo("0003-search");
    if (error) throw error;
    await fill(db);
    await db.destroy();
  };
  if (backend.name === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "pb-vec-0003-"));
    await upTo0003(openSqlite(join(dir, "paperboard.db")).db);
    const store = await openStore({ dataDir: dir });
    return { store, done: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const url = process.env.PAPERBOARD_TEST_PG_URL!;
  const schema = `pb_test_v0003_${process.pid}_${Date.now()}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    await c.query(q).finally(() => c.end());
  };
  await admin(`CREATE SCHEMA ${schema}`);
  await upTo0003(openPostgres({ url, schema }), schema);
  const store = await openStore({ dataDir: "", databaseUrl: url, pgSchema: schema });
  return { store, done: () => admin(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`VectorStore migration: ${backend.name}`, () => {
    it("upgrades a database from before vectors: its papers wait to be embedded, and triggers follow them", async () => {
      const now = "2024-01-01T00:00:00.000Z";
      const { store, done } = await storeFrom0003(backend, async (db) => {
        for (const id of ["old-1", "old-2"]) {
          await sql`INSERT INTO papers (id, version, title, abstract, authors, author_names, categories, source, title_key, created_at, modified_at)
            VALUES (${id}, 1, ${`Old ${id}`}, 'Text.', '[{"name":"Sophie Germain"}]', 'Sophie Germain', '["math.NT"]', 'kaggle', ${`old ${id}`}, ${now}, ${now})`.execute(db);
        }
      });
      try {
        const v = store.vectors;
        await v.ensureModel(MINI, "active");
        const batch = await v.nextBatch(MINI.key, 10);
        expect(batch.map((p) => p.title)).toEqual(["Old old-1", "Old old-2"]);
        await v.writeVectors(MINI.key, batch.map((p) => ({ seq: p.seq, vector: vec(p.seq) })), { advanceTo: batch[1]!.seq });
        await store.upsertPapers([rec(paper("old-1", { version: 2, title: "Old old-1", abstract: "Revised text." }))]);
        expect((await v.nextBatch(MINI.key, 10)).map((p) => p.abstract)).toEqual(["Revised text."]);
        await sql`DELETE FROM papers WHERE id = 'old-2'`.execute((store as KyselyStore).db);
        expect(await v.count(MINI.key)).toBe(1);
      } finally {
        await store.close();
        await done();
      }
    });
  });

  describe.skipIf(!!backend.skip)(`VectorStore conformance: ${backend.name}`, () => {
    let store: Store;
    const db = () => (store as KyselyStore).db;
    const seqOf = async (id: string) => (await store.vectors.seqsForIds([id])).get(id)!;
    /** Embeds (with vec()) and writes everything the model has waiting. */
    const catchUp = async (key: string, dims = MINI.dims) => {
      const batch = await store.vectors.nextBatch(key, 10_000);
      const top = Math.max(0, ...batch.map((p) => p.seq));
      return store.vectors.writeVectors(key, batch.map((p) => ({ seq: p.seq, vector: vec(p.seq, dims) })), { advanceTo: top });
    };
    beforeEach(async () => {
      store = await backend.open();
    });
    afterEach(async () => {
      await store.close();
    });
    afterAll(async () => {
      await backend.cleanup();
    });

    it("keeps at most one model active through ensure, activate, retire and drop", async () => {
      const v = store.vectors;
      expect(await v.models()).toEqual([]);
      const mini = await v.ensureModel(MINI, "active");
      expect(mini).toMatchObject({ ...MINI, state: "active", indexedSeq: 0, lastGen: 0 });
      expect(mini.activatedAt).toMatch(/Z$/);
      // Another model asked for as active while one is: it is built first.
      expect((await v.ensureModel(OTHER, "active")).state).toBe("building");
      expect(await v.ensureModel(MINI, "building")).toEqual(mini);
      await expect(v.ensureModel({ ...MINI, dims: 8 }, "active")).rejects.toThrow(/4 dimensions, not 8/);
      await expect(db().updateTable("embedding_models").set({ state: "active" }).where("key", "=", OTHER.key).execute()).rejects.toThrow();

      await store.upsertPapers([rec(paper("a")), rec(paper("b"))]);
      await catchUp(MINI.key);
      await catchUp(OTHER.key, OTHER.dims);
      await store.upsertPapers([rec(paper("a", { version: 2, abstract: "Changed." }))]);
      expect(await v.pending(MINI.key)).toBe(1);

      await v.activate(OTHER.key);
      const states = Object.fromEntries((await v.models()).map((m) => [m.key, m]));
      expect(states[MINI.key]).toMatchObject({ state: "retired", activatedAt: null });
      expect(states[OTHER.key]!.state).toBe("active");
      expect(states[OTHER.key]!.activatedAt).toMatch(/Z$/);
      expect(await v.count(MINI.key)).toBe(0);
      expect(await v.count(OTHER.key)).toBe(2);
      expect(await db().selectFrom("vector_pending").select("seq").where("model_key", "=", MINI.key).execute()).toEqual([]);
      await expect(v.activate(MINI.key)).rejects.toThrow(/retired/);
      await expect(v.activate("nope:nope")).rejects.toThrow(/unknown embedding model/);
      await expect(v.writeVectors(MINI.key, [], { advanceTo: 0 })).rejects.toThrow(/retired/);

      // Asked for again, a retired model starts over.
      const again = await v.ensureModel(MINI, "active");
      expect(again).toMatchObject({ state: "building", indexedSeq: 0, activatedAt: null });
      expect(await v.pending(MINI.key)).toBe(2);
      await catchUp(MINI.key);
      await v.activate(MINI.key);
      expect((await v.models()).map((m) => [m.key, m.state]).sort()).toEqual([
        [MINI.key, "active"],
        [OTHER.key, "retired"],
      ]);

      await v.dropModel(MINI.key);
      expect((await v.models()).map((m) => m.key)).toEqual([OTHER.key]);
      expect(await v.count(MINI.key)).toBe(0);
      await expect(v.pending(MINI.key)).rejects.toThrow(/unknown embedding model/);
    });

    it("hands out queued papers first, then those past the watermark, in seq order, without changing anything", async () => {
      const v = store.vectors;
      await v.ensureModel(MINI, "active");
      await store.upsertPapers(["p1", "p2", "p3", "p4", "p5"].map((id) => rec(paper(id))));
      const seqs = await Promise.all(["p1", "p2", "p3", "p4", "p5"].map(seqOf));
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      expect(await v.pending(MINI.key)).toBe(5);

      const first = await v.nextBatch(MINI.key, 3);
      expect(first).toEqual(seqs.slice(0, 3).map((seq, i) => ({ seq, title: `Paper p${i + 1}`, abstract: `Abstract of p${i + 1}.` })));
      expect(await v.nextBatch(MINI.key, 3)).toEqual(first);
      await v.writeVectors(MINI.key, first.map((p) => ({ seq: p.seq, vector: vec(p.seq) })), { advanceTo: seqs[2]! });
      expect(await v.pending(MINI.key)).toBe(2);
      expect((await v.models())[0]!.indexedSeq).toBe(seqs[2]);

      // p2's text changes below the watermark: queued, and handed out before the fresh papers.
      await store.upsertPapers([rec(paper("p2", { version: 2, title: "Paper p2, revised" }))]);
      expect(await v.pending(MINI.key)).toBe(3);
      expect((await v.nextBatch(MINI.key, 10)).map((p) => p.seq)).toEqual([seqs[1], seqs[3], seqs[4]]);
      expect((await v.nextBatch(MINI.key, 1))[0]).toEqual({ seq: seqs[1], title: "Paper p2, revised", abstract: "Abstract of p2." });

      // Writing the queued paper alone never lowers the watermark.
      await v.writeVectors(MINI.key, [{ seq: seqs[1]!, vector: vec(99) }], { advanceTo: seqs[1]! });
      expect((await v.models())[0]!.indexedSeq).toBe(seqs[2]);
      expect((await v.nextBatch(MINI.key, 10)).map((p) => p.seq)).toEqual([seqs[3], seqs[4]]);
      await catchUp(MINI.key);
      expect(await v.pending(MINI.key)).toBe(0);
      expect(await v.nextBatch(MINI.key, 10)).toEqual([]);
      expect(await v.count(MINI.key)).toBe(5);
    });

    it("stores vectors exactly, one gen per write, and reads them back whole or since a gen", async () => {
      const v = store.vectors;
      await v.ensureModel(MINI, "building");
      await store.upsertPapers(["a", "b", "c", "d"].map((id) => rec(paper(id))));
      const [a, b, c, d] = await Promise.all(["a", "b", "c", "d"].map(seqOf));
      const exotic = new Float32Array([0.1, -1e-30, 3.4e38, -0]);
      expect(await v.maxGen(MINI.key)).toBe(0);
      expect(await v.writeVectors(MINI.key, [{ seq: a!, vector: exotic }, { seq: b!, vector: vec(b!) }], { advanceTo: b! })).toBe(1);
      expect(await v.writeVectors(MINI.key, [{ seq: c!, vector: vec(c!) }], { advanceTo: c! })).toBe(2);
      // Rewriting a stored vector moves it to the new gen.
      expect(await v.writeVectors(MINI.key, [{ seq: a!, vector: vec(a!) }, { seq: d!, vector: vec(d!) }], { advanceTo: d! })).toBe(3);
      expect(await v.maxGen(MINI.key)).toBe(3);
      await expect(v.writeVectors(MINI.key, [{ seq: a!, vector: new Float32Array(3) }], { advanceTo: d! })).rejects.toThrow(/3 dimensions/);
      expect(await v.maxGen(MINI.key)).toBe(3);

      const got = await v.getVectors(MINI.key, [b!, a!, 123456, b!]);
      expect([...got.keys()].sort()).toEqual([a, b].sort());
      expect(Array.from(got.get(a!)!)).toEqual(Array.from(vec(a!)));
      expect(Array.from(got.get(b!)!)).toEqual(Array.from(vec(b!)));

      const pages: { seq: number; gen: number; vector: number[] }[][] = [];
      for await (const page of v.readVectors(MINI.key, { batchSize: 3 })) pages.push(page.map((r) => ({ ...r, vector: Array.from(r.vector) })));
      expect(pages.length).toBeGreaterThan(1);
      expect(pages.every((p) => p.length > 0 && p.length <= 3)).toBe(true);
      expect(pages.flat()).toEqual([
        { seq: a, gen: 3, vector: Array.from(vec(a!)) },
        { seq: b, gen: 1, vector: Array.from(vec(b!)) },
        { seq: c, gen: 2, vector: Array.from(vec(c!)) },
        { seq: d, gen: 3, vector: Array.from(vec(d!)) },
      ]);
      const since1: number[] = [];
      for await (const page of v.readVectors(MINI.key, { sinceGen: 1, batchSize: 1 })) since1.push(...page.map((r) => r.seq));
      expect(since1).toEqual([a, c, d]);
      const since3: number[] = [];
      for await (const page of v.readVectors(MINI.key, { sinceGen: 3 })) since3.push(...page.map((r) => r.seq));
      expect(since3).toEqual([]);

      // Exact bits, including a subnormal-range value and negative zero.
      await v.writeVectors(MINI.key, [{ seq: b!, vector: exotic }], { advanceTo: d! });
      const back = (await v.getVectors(MINI.key, [b!])).get(b!)!;
      expect(Buffer.from(back.buffer, back.byteOffset, back.byteLength)).toEqual(encodeVector(exotic));
      expect(Object.is(back[3], -0)).toBe(true);
    });

    it("queues a paper whose title or abstract changes, not one whose other fields change", async () => {
      const v = store.vectors;
      await v.ensureModel(MINI, "active");
      await v.ensureModel(OTHER, "building");
      await store.upsertPapers(["t", "u", "w"].map((id) => rec(paper(id))));
      await catchUp(MINI.key);
      await store.upsertPapers([rec(paper("late"))]);
      const queued = async (key: string) =>
        (await db().selectFrom("vector_pending").select("seq").where("model_key", "=", key).orderBy("seq").execute()).map((r) => Number(r.seq));

      // Other fields (and hub facts) change: nothing to re-embed.
      expect(
        await store.upsertPapers([rec(paper("t", { version: 2, comments: "Now 9 pages", doi: "10.1/x" }), { upvotes: 12 })]),
      ).toEqual(["updated"]);
      expect(await queued(MINI.key)).toEqual([]);
      // The abstract changes: queued for the model past it, not for the one still below it (OTHER has indexed nothing).
      await store.upsertPapers([rec(paper("u", { version: 2, abstract: "A new abstract." }))]);
      // Changed twice while queued: queued once.
      await store.upsertPapers([rec(paper("u", { version: 3, abstract: "A newer abstract." }))]);
      await store.upsertPapers([rec(paper("w", { version: 2, title: "A new title" }))]);
      // A paper past the watermark changes: it will be embedded as a new paper anyway.
      await store.upsertPapers([rec(paper("late", { version: 2, abstract: "Changed before indexing." }))]);
      expect(await queued(MINI.key)).toEqual([await seqOf("u"), await seqOf("w")]);
      expect(await queued(OTHER.key)).toEqual([]);
      expect(await v.pending(MINI.key)).toBe(3);

      // Retired models queue nothing.
      await catchUp(OTHER.key, OTHER.dims);
      await v.activate(OTHER.key);
      await store.upsertPapers([rec(paper("t", { version: 3, abstract: "Third abstract." }))]);
      expect(await queued(OTHER.key)).toEqual([await seqOf("t")]);
      expect(await queued(MINI.key)).toEqual([]);
    });

    it("deleting a paper deletes its vectors and queue entries, and a vector written for it afterwards", async () => {
      const v = store.vectors;
      await v.ensureModel(MINI, "active");
      await v.ensureModel(OTHER, "building");
      await store.upsertPapers(["x", "y", "z"].map((id) => rec(paper(id))));
      await catchUp(MINI.key);
      await catchUp(OTHER.key, OTHER.dims);
      const [x, y, z] = await Promise.all(["x", "y", "z"].map(seqOf));
      await store.upsertPapers([rec(paper("y", { version: 2, abstract: "Changed." }))]);
      expect(await v.pending(OTHER.key)).toBe(1);
      // Read for embedding, then deleted before the vectors are written.
      const batch = await v.nextBatch(MINI.key, 10);
      await sql`DELETE FROM papers WHERE id IN ('x', 'y')`.execute(db());
      expect(await v.count(MINI.key)).toBe(1);
      expect(await v.count(OTHER.key)).toBe(1);
      expect(await v.pending(MINI.key)).toBe(0);
      expect(await v.pending(OTHER.key)).toBe(0);
      expect(await db().selectFrom("vector_pending").select("seq").execute()).toEqual([]);
      const gen = await v.writeVectors(MINI.key, batch.map((p) => ({ seq: p.seq, vector: vec(7) })).concat([{ seq: z!, vector: vec(8) }]), {
        advanceTo: z!,
      });
      expect([...(await v.getVectors(MINI.key, [x!, y!, z!])).keys()]).toEqual([z]);
      expect(await v.maxGen(MINI.key)).toBe(gen);
      expect(await v.idsForSeqs([x!, y!, z!])).toEqual(new Map([[z!, "z"]]));
    });

    it("filters papers by date, category, organisation and code", async () => {
      const v = store.vectors;
      await store.upsertPapers([
        rec(paper("old-lg", { publishedAt: "2020-05-01T00:00:00.000Z", categories: ["cs.LG"] })),
        rec(paper("new-cv", { publishedAt: "2024-05-01T00:00:00.000Z", categories: ["cs.CV", "eess.IV"], links: { code: "https://github.com/a/b" } })),
        rec(paper("new-th", { publishedAt: "2024-06-01T00:00:00.000Z", categories: ["hep-th"] }), { githubRepo: "https://github.com/c/d", organization: { name: "cern" } }),
        rec(paper("undated", { publishedAt: null, categories: ["math.NT"] })),
      ]);
      const ids = ["old-lg", "new-cv", "new-th", "undated"];
      const bySeq = await v.seqsForIds([...ids, "missing"]);
      expect([...bySeq.keys()].sort()).toEqual([...ids].sort());
      const seqs = ids.map((id) => bySeq.get(id)!);
      const names = async (s: Set<number> | number[] | null) => (s === null ? null : [...(await v.idsForSeqs([...s])).values()].sort());

      expect(await names(await v.filterSeqs([...seqs, 999_999], {}))).toEqual([...ids].sort());
      expect(await names(await v.filterSeqs(seqs, { after: "2024-01-01" }))).toEqual(["new-cv", "new-th"]);
      expect(await names(await v.filterSeqs(seqs, { before: "2023-01-01" }))).toEqual(["old-lg"]);
      expect(await names(await v.filterSeqs(seqs, { categories: ["cs"] }))).toEqual(["new-cv", "old-lg"]);
      expect(await names(await v.filterSeqs(seqs, { categories: ["eess.IV", "math.NT"] }))).toEqual(["new-cv", "undated"]);
      expect(await names(await v.filterSeqs(seqs, { hasCode: true }))).toEqual(["new-cv", "new-th"]);
      expect(await names(await v.filterSeqs(seqs, { organizations: ["CERN"] }))).toEqual(["new-th"]);
      expect(await names(await v.filterSeqs(seqs.slice(0, 2), { hasCode: true, after: "2024-01-01" }))).toEqual(["new-cv"]);
      expect(await v.filterSeqs([], { hasCode: true })).toEqual(new Set());

      expect(await v.matchingSeqs({ hasCode: true }, 2)).toEqual([bySeq.get("new-cv"), bySeq.get("new-th")]);
      expect(await v.matchingSeqs({ hasCode: true }, 1)).toBeNull();
      expect(await v.matchingSeqs({ categories: ["q-bio"] }, 0)).toEqual([]);
      expect(await v.matchingSeqs({}, 3)).toBeNull();
      expect(await names(await v.matchingSeqs({ after: "2024-05-15" }, 10))).toEqual(["new-th"]);
      expect(await v.idsForSeqs([])).toEqual(new Map());
      expect(await v.seqsForIds([])).toEqual(new Map());
    });

    it("writes, reads and filters a batch bigger than one statement can carry", async () => {
      const v = store.vectors;
      const n = 3000;
      const dims = 16;
      await v.ensureModel({ key: "builtin:wide", provider: "builtin", model: "wide", dims }, "active");
      await store.upsertPapers(
        Array.from({ length: n }, (_, i) => rec(paper(`big-${String(i).padStart(5, "0")}`, { links: i % 3 === 0 ? { code: "https://c" } : {} }))),
      );
      const batch = await v.nextBatch("builtin:wide", n + 10);
      expect(batch).toHaveLength(n);
      const seqs = batch.map((p) => p.seq);
      const gen = await v.writeVectors("builtin:wide", seqs.map((s) => ({ seq: s, vector: vec(s, dims) })), { advanceTo: Math.max(...seqs) });
      expect(gen).toBe(1);
      expect(await v.count("builtin:wide")).toBe(n);
      expect(await v.pending("builtin:wide")).toBe(0);
      const got = await v.getVectors("builtin:wide", seqs);
      expect(got.size).toBe(n);
      expect(seqs.every((s) => got.get(s)!.every((x, d) => x === vec(s, dims)[d]))).toBe(true);
      let read = 0;
      for await (const page of v.readVectors("builtin:wide", { batchSize: 1000 })) read += page.length;
      expect(read).toBe(n);
      expect((await v.filterSeqs(seqs, { hasCode: true })).size).toBe(n / 3);
      expect((await v.idsForSeqs(seqs)).size).toBe(n);
      expect((await v.seqsForIds(batch.map((_, i) => `big-${String(i).padStart(5, "0")}`))).size).toBe(n);
      expect(await v.matchingSeqs({ hasCode: true }, n)).toHaveLength(n / 3);
      // Gaps in the seqs (deleted papers) leave pages short, never rows out.
      await sql`DELETE FROM papers WHERE seq % 7 = 0 OR (seq > ${seqs[100]!} AND seq < ${seqs[1500]!})`.execute(db());
      const left = await v.count("builtin:wide");
      expect(left).toBeLessThan(n - 1400);
      const again: number[] = [];
      for await (const page of v.readVectors("builtin:wide", { batchSize: 500 })) {
        expect(page.length).toBeLessThanOrEqual(500);
        again.push(...page.map((r) => r.seq));
      }
      expect(again).toHaveLength(left);
      expect([...again].sort((a, b) => a - b)).toEqual(again);
    });

    it("keeps models, watermark and vectors across re-opens", async () => {
      await store.vectors.ensureModel(MINI, "active");
      await store.upsertPapers([rec(paper("r1")), rec(paper("r2"))]);
      await catchUp(MINI.key);
      await store.close();
      store = await backend.reopen();
      expect(await store.vectors.pending(MINI.key)).toBe(0);
      expect(await store.vectors.count(MINI.key)).toBe(2);
      expect(await store.vectors.maxGen(MINI.key)).toBe(1);
    });
  });
}
