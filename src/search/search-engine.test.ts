// The search engine over real stores: vectors for every paper, the persisted ANN file, hybrid search, and a model change with reindex.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { loadConfig } from "../config/config.js";
import { emptyPaper, type ImportRecord, type Paper } from "../domain/paper.js";
import { createLogger } from "../logging/logger.js";
import type { Store } from "../storage/store.js";
import { allBackends } from "../storage/test-support/backends.js";
import { MARK_START } from "./highlight.js";
import { SearchEngine } from "./search-engine.js";
import { PostingsIndex } from "./postings/postings-index.js";
import { PostingsSource } from "../storage/postings-source.js";

function rec(id: string, title: string, abstract: string, over: Partial<Paper> = {}): ImportRecord {
  return { paper: { ...emptyPaper(id, "kaggle"), version: 1, title, abstract, publishedAt: "2024-01-10T00:00:00.000Z", categories: ["cs.LG"], ...over } };
}

const CORPUS: ImportRecord[] = [
  rec("2401.00001", "LongLoRA: efficient fine-tuning of long-context large language models", "We extend the context window of pretrained language models with shifted sparse attention, at a fraction of the cost of full fine-tuning."),
  rec("2401.00002", "Mamba: linear-time sequence modeling with selective state spaces", "A recurrent architecture whose parameters depend on the input, replacing attention while scaling linearly in sequence length."),
  rec("2401.00003", "Crystal structure prediction with graph neural networks", "Predicting stable inorganic materials from composition using message passing over atoms.", { categories: ["cond-mat.mtrl-sci"] }),
  rec("2401.00004", "Direct preference optimization: your language model is secretly a reward model", "Aligning chatbots to human preferences without reinforcement learning, by a classification loss on preference pairs.", {
    publishedAt: "2023-05-29T00:00:00.000Z",
  }),
  rec("2401.00005", "Scaling laws for neural language models", "Loss falls as a power law in model size, data and compute; larger models are more sample-efficient."),
  rec("2401.00006", "Protein language models learn evolutionary constraints", "Unsupervised training on protein sequences yields representations that predict structure.", { categories: ["q-bio.BM"] }),
];

const log = createLogger({ level: "silent", format: "json" });

/** An OpenAI-compatible embeddings server with deterministic 16-dimensional vectors from a hash of each word. */
async function embeddingServer(): Promise<{ url: string; server: Server; requests: () => number }> {
  let requests = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      requests++;
      const { input } = JSON.parse(body) as { input: string[] };
      const data = input.map((text, index) => {
        const v = new Array(16).fill(0);
        for (const w of text.toLowerCase().split(/\W+/).filter(Boolean)) {
          const h = createHash("sha1").update(w).digest();
          v[h[0]! % 16] += 1;
        }
        return { object: "embedding", index, embedding: v };
      });
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ object: "list", model: "hash-16", data }));
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/v1`, server, requests: () => requests };
}

for (const backend of allBackends()) {
  describe.skipIf(!!backend.skip)(`SearchEngine: ${backend.name}`, () => {
    let store: Store;
    let dataDir: string;
    const engines: SearchEngine[] = [];
    const open = async (over: Record<string, unknown> = {}) => {
      const e = await SearchEngine.open(store, loadConfig({ env: {}, overrides: { dataDir, ...over } }), log);
      engines.push(e);
      return e;
    };

    beforeEach(async () => {
      store = await backend.open();
      dataDir = mkdtempSync(join(tmpdir(), "pb-engine-"));
      await store.upsertPapers(CORPUS);
    });
    afterEach(async () => {
      for (const e of engines.splice(0)) await e.close();
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    });
    afterAll(() => backend.cleanup());

    it("embeds every paper with the builtin model and finds papers by meaning, in every mode", async () => {
      const engine = await open();
      // Postgres keeps its tsvector up to date by itself, so only SQLite reports lexical catch-up work.
      expect(await engine.catchUp()).toEqual({ lexical: backend.name === "sqlite" ? CORPUS.length : 0, vectors: CORPUS.length });
      expect(await engine.catchUp()).toEqual({ lexical: 0, vectors: 0 });
      const status = await engine.status();
      expect(status).toMatchObject({ activeModel: "builtin:paperboard-sif-v1", configuredModel: "builtin:paperboard-sif-v1", reindexNeeded: false, vectors: 6, pendingVectors: 0 });
      // No word of the query is in the LongLoRA title; the meaning is.
      const q = "longer context windows for pretrained chatbots at low cost";
      const semantic = await engine.service.search(q, { mode: "semantic", limit: 3, prefix: false });
      expect(semantic.mode).toBe("semantic");
      expect(semantic.results[0]?.paper.id).toBe("2401.00001");
      expect(semantic.results[0]?.snippet).toBeTruthy();
      const hybrid = await engine.service.search(q, { limit: 3, prefix: false });
      expect(hybrid.mode).toBe("hybrid");
      expect(hybrid.warnings).toEqual([]);
      expect(hybrid.results[0]?.paper.id).toBe("2401.00001");
      // Filters apply to the semantic side too, and exclusions to semantic-only hits.
      const filtered = await engine.service.search("language models", { mode: "semantic", limit: 10, prefix: false, filters: { categories: ["q-bio"] } });
      expect(filtered.results.map((r) => r.paper.id)).toEqual(["2401.00006"]);
      // A selective filter is scored exactly: the same papers, order and cosine scores as the unfiltered ranking restricted to it.
      const all = await engine.service.search("language models", { mode: "semantic", limit: 6, prefix: false });
      const after = await engine.service.search("language models", { mode: "semantic", limit: 6, prefix: false, filters: { after: "2024-01-01" } });
      const expected = all.results.filter((r) => r.paper.id !== "2401.00004");
      expect(after.results.map((r) => r.paper.id)).toEqual(expected.map((r) => r.paper.id));
      after.results.forEach((r, i) => expect(r.score).toBeCloseTo(expected[i]!.score, 2));
      // Words no paper and no word vector knows: nothing, in every mode (not the nearest of nothing).
      for (const mode of ["semantic", "hybrid"] as const) {
        expect((await engine.service.search("zyzzogeton quixotry", { mode, limit: 5, prefix: false })).results).toEqual([]);
      }
      const excluded = await engine.service.search("language models -protein", { mode: "semantic", limit: 10, prefix: false });
      expect(excluded.results.map((r) => r.paper.id)).not.toContain("2401.00006");
      // Fused candidates are ranked without highlights; the page shown gets them afterwards.
      const marked = await engine.service.search("selective state spaces", { limit: 2, prefix: false });
      expect(marked.results[0]?.paper.id).toBe("2401.00002");
      expect(marked.results[0]?.titleHighlight).toContain(`${MARK_START}`);
      expect(marked.results[0]?.snippet).toMatch(/^A recurrent architecture/);
      // Sorting by date re-orders the relevant candidates.
      const byDate = await engine.service.search("language model", { limit: 6, sort: "date", prefix: false });
      const dates = byDate.results.map((r) => r.paper.publishedAt ?? "");
      expect([...dates].sort().reverse()).toEqual(dates);
    });

    it("re-ranks hybrid candidates only for queries worded unlike the papers, and can be turned off", async () => {
      const engine = await open();
      await engine.catchUp();
      const run = async (e: SearchEngine, q: string, rerank?: boolean) =>
        (await e.service.search(q, { limit: 6, prefix: false, ...(rerank === undefined ? {} : { rerank }) })).results.map((r) => ({ id: r.paper.id, score: r.score }));
      // Every word of this query is in the first papers: nothing to re-rank.
      expect(await run(engine, "selective state spaces")).toEqual(await run(engine, "selective state spaces", false));
      // None of these words is in a paper: the same candidates, re-scored best first, the right paper still first.
      const q = "longer context windows for pretrained chatbots at low cost";
      const on = await run(engine, q);
      const off = await run(engine, q, false);
      expect(on.map((r) => r.id).sort()).toEqual(off.map((r) => r.id).sort());
      expect(on).not.toEqual(off);
      expect(on[0]?.id).toBe("2401.00001");
      for (let i = 1; i < on.length; i++) expect(on[i - 1]!.score).toBeGreaterThanOrEqual(on[i]!.score);
      // The setting turns it off for every search.
      const plain = await open({ searchRerank: false });
      await plain.catchUp();
      expect(await run(plain, q)).toEqual(off);
    });

    it.skipIf(backend.name !== "sqlite")("ranks with FTS5 until the postings index holds every paper, then with the index", async () => {
      // Index files holding one paper of six, as a build cut short leaves them.
      const source = new PostingsSource(store.db);
      const partial = await PostingsIndex.open(join(dataDir, "postings"));
      await partial.catchUp(Object.assign(Object.create(source) as PostingsSource, { papersAfter: async (after: number) => (after === 0 ? source.papersAfter(0, 1) : []) }));
      expect(partial.size()).toBe(1);
      const used = vi.spyOn(PostingsIndex.prototype, "search");
      const engine = await open();
      await store.lexical.catchUp();
      const before = await engine.service.search("attention", { mode: "lexical", limit: 5, prefix: false });
      expect(before.results.length).toBeGreaterThan(0);
      expect(used).not.toHaveBeenCalled();
      await engine.catchUp();
      const after = await engine.service.search("attention", { mode: "lexical", limit: 5, prefix: false });
      expect(used).toHaveBeenCalled();
      expect(after.results.map((r) => r.paper.id)).toEqual(before.results.map((r) => r.paper.id));
      // Reopened on complete files, the index answers at once.
      used.mockClear();
      const again = await open();
      await again.service.search("attention", { mode: "lexical", limit: 5, prefix: false });
      expect(used).toHaveBeenCalled();
      used.mockRestore();
    });

    it("finds similar papers through vector neighbours fused with more-like-this", async () => {
      const engine = await open();
      await engine.catchUp();
      const similar = await engine.service.similar("2401.00002", { limit: 3 });
      expect(similar.map((r) => r.paper.id)).not.toContain("2401.00002");
      expect(similar.length).toBe(3);
      expect(await engine.semantic()!.neighbours("2401.00002", 2)).toHaveLength(2);
    });

    it("re-embeds a paper whose abstract changed, and keeps the ANN file in step across restarts", async () => {
      const engine = await open();
      await engine.catchUp();
      const file = engine.semantic()!.annPath;
      expect(existsSync(file)).toBe(true);
      await store.upsertPapers([rec("2401.00003", "Crystal structure prediction with graph neural networks", "Now about extending the context window of language models with sparse attention.", { version: 2 })]);
      expect((await engine.catchUp()).vectors).toBe(1);
      const again = await open();
      expect(again.semantic()!.size()).toBe(6);
      const hits = await again.semantic()!.searchText("extending the context window with sparse attention", 2);
      expect(hits.map((h) => h.id)).toContain("2401.00003");
    });

    it("detects a model change, keeps searching the old vectors, and switches after reindex", async () => {
      const srv = await embeddingServer();
      try {
        const first = await open();
        await first.catchUp();
        const changed = await open({ embeddingProvider: "http", embeddingUrl: srv.url, embeddingModel: "hash-16" });
        const before = await changed.status();
        expect(before).toMatchObject({ activeModel: "builtin:paperboard-sif-v1", configuredModel: "http:hash-16", reindexNeeded: true });
        // Search still works, on the builtin vectors.
        expect((await changed.service.search("state space sequence model", { mode: "semantic", limit: 2, prefix: false })).results.length).toBe(2);
        const progress: number[] = [];
        const r = await changed.reindex({ onProgress: (done) => progress.push(done) });
        expect(r).toEqual({ model: "http:hash-16", embedded: 6, switched: true });
        expect(progress.at(-1)).toBe(6);
        expect(srv.requests()).toBeGreaterThan(0);
        expect(await changed.status()).toMatchObject({ activeModel: "http:hash-16", reindexNeeded: false, vectors: 6 });
        const models = await store.vectors.models();
        expect(models.find((m) => m.key === "builtin:paperboard-sif-v1")?.state).toBe("retired");
        expect(await store.vectors.count("builtin:paperboard-sif-v1")).toBe(0);
        // The engine opened before the switch notices it on its next catch-up; configured for builtin, it cannot embed queries for the new model.
        await first.catchUp();
        expect(await first.status()).toMatchObject({ activeModel: null, problem: expect.stringMatching(/made by http:hash-16.*paperboard reindex/) });
      } finally {
        srv.server.close();
      }
    });

    it("turns semantic search off with a clear reason when the configured provider cannot start", async () => {
      const engine = await open({ embeddingProvider: "http", embeddingUrl: "http://127.0.0.1:9/v1", embeddingModel: "m", embeddingTimeoutMs: 500 });
      const status = await engine.status();
      expect(status.problem).toMatch(/semantic search is off/);
      const r = await engine.service.search("language model", { limit: 3 });
      expect(r.mode).toBe("lexical");
      await expect(engine.service.search("language model", { mode: "semantic" })).rejects.toThrow(/vector index/);
    });
  });
}
