import { cp, mkdtemp, mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { env } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OnnxEmbeddingProvider, type OnnxProviderOptions } from "./onnx-provider.js";
import { EmbeddingError } from "./provider.js";

// No test reaches the network: providers have allowDownload false, except the download test, which
// swaps transformers.js's env.fetch for a fake hub serving the fixture folder.
const FIXTURE = fileURLToPath(new URL("./__fixtures__/tiny-bert", import.meta.url));
const WORDS = "deep learning graph neural network retrieval search attention model data quantum galaxy protein".split(" ");

let tmp: string;
const opened: OnnxEmbeddingProvider[] = [];
function provider(opts: Partial<OnnxProviderOptions> = {}): OnnxEmbeddingProvider {
  const p = new OnnxEmbeddingProvider({ model: FIXTURE, cacheDir: path.join(tmp, "cache"), allowDownload: false, ...opts });
  opened.push(p);
  return p;
}
/** A copy of the fixture folder that a test may change. */
async function fixtureCopy(name: string): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(FIXTURE, dir, { recursive: true });
  return dir;
}
const norm = (v: Float32Array) => Math.hypot(...v);
const maxDiff = (a: Float32Array, b: Float32Array) => Math.max(...a.map((x, i) => Math.abs(x - b[i]!)));

beforeAll(async () => {
  tmp = await mkdtemp(path.join(tmpdir(), "paperboard-onnx-"));
});
afterAll(async () => {
  await Promise.all(opened.map((p) => p.close()));
  await rm(tmp, { recursive: true, force: true });
});

describe("OnnxEmbeddingProvider on the tiny fixture model", () => {
  it("has the model's hidden size as dimensions", async () => {
    const config = JSON.parse(await readFile(path.join(FIXTURE, "config.json"), "utf8")) as { hidden_size: number };
    const p = provider();
    expect(p.provider).toBe("onnx");
    expect(await p.dimensions()).toBe(config.hidden_size);
    const [v] = await p.embed(["graph neural network"], "document");
    expect(v).toHaveLength(config.hidden_size);
  });

  it("returns unit-length vectors, the same for the same text and different for different texts", async () => {
    const p = provider();
    const [a, b, c] = await p.embed(["Deep learning for graphs.", "Deep learning for graphs.", "Quantum galaxy proteins!"], "document");
    for (const v of [a!, b!, c!]) expect(norm(v)).toBeCloseTo(1, 5);
    expect(a).toEqual(b);
    const [again] = await p.embed(["Deep learning for graphs."], "document");
    expect(again).toEqual(a);
    expect(maxDiff(a!, c!)).toBeGreaterThan(1e-3);
  });

  it("gives the same vectors batched as one at a time, in order", async () => {
    const texts = Array.from({ length: 70 }, (_, i) =>
      Array.from({ length: 1 + (i % 9) }, (_, j) => WORDS[(i * 7 + j * 3) % WORDS.length]).join(" "),
    );
    const batched = await provider({ batchSize: 8 }).embed(texts, "document");
    const single = provider({ batchSize: 1 });
    expect(batched).toHaveLength(70);
    for (const [i, text] of texts.entries()) {
      const [v] = await single.embed([text], "document");
      expect(maxDiff(batched[i]!, v!)).toBeLessThan(1e-5);
    }
    const reversed = await provider({ batchSize: 8 }).embed([...texts].reverse(), "document");
    for (const [i, v] of reversed.entries()) expect(maxDiff(v, batched[69 - i]!)).toBeLessThan(1e-5);
  });

  it("embeds nothing for no texts", async () => {
    expect(await provider().embed([], "query")).toEqual([]);
  });

  it("puts the query and document prefixes before the text", async () => {
    const text = "attention model for retrieval";
    const plain = provider();
    const prefixed = provider({ queryPrefix: "query: ", documentPrefix: "data: " });
    const [q] = await prefixed.embed([text], "query");
    const [d] = await prefixed.embed([text], "document");
    expect(maxDiff(q!, d!)).toBeGreaterThan(1e-3);
    expect(await plain.embed(["query: " + text], "document")).toEqual([q]);
    expect(await plain.embed([text], "query")).toEqual(await plain.embed([text], "document"));
  });

  it("pools with cls or mean as asked", async () => {
    const texts = ["graph neural network", "quantum galaxy"];
    const mean = await provider({ pooling: "mean" }).embed(texts, "document");
    const cls = await provider({ pooling: "cls" }).embed(texts, "document");
    expect(await provider().embed(texts, "document")).toEqual(mean);
    for (let i = 0; i < texts.length; i++) expect(maxDiff(mean[i]!, cls[i]!)).toBeGreaterThan(1e-3);
    expect(maxDiff(cls[0]!, cls[1]!)).toBeGreaterThan(1e-3);
  });

  it("reads the pooling from sentence-transformers' 1_Pooling/config.json", async () => {
    const dir = await fixtureCopy("with-pooling");
    await mkdir(path.join(dir, "1_Pooling"));
    await writeFile(path.join(dir, "1_Pooling", "config.json"), JSON.stringify({ word_embedding_dimension: 16, pooling_mode_cls_token: true, pooling_mode_mean_tokens: false }));
    const text = ["retrieval search data"];
    expect(await provider({ model: dir }).embed(text, "document")).toEqual(await provider({ pooling: "cls" }).embed(text, "document"));
    expect(await provider({ model: dir, pooling: "mean" }).embed(text, "document")).toEqual(await provider().embed(text, "document"));
  });

  it("truncates long texts to maxTokens", async () => {
    const long = Array.from({ length: 400 }, (_, i) => WORDS[i % WORDS.length]).join(" ");
    const [v] = await provider().embed([long], "document"); // 400 tokens: past the fixture's 128 positions
    expect(norm(v!)).toBeCloseTo(1, 5);
    const short = provider({ maxTokens: 5 });
    // [CLS] and the first four words survive; the texts differ only after them.
    const [a, b] = await short.embed(["deep learning graph neural network", "deep learning graph neural galaxy protein"], "document");
    expect(maxDiff(a!, b!)).toBeLessThan(1e-6);
  });

  it("prefers onnx/model_quantized.onnx over onnx/model.onnx", async () => {
    const quantizedOnly = await fixtureCopy("quantized-only");
    await rename(path.join(quantizedOnly, "onnx", "model.onnx"), path.join(quantizedOnly, "onnx", "model_quantized.onnx"));
    const text = ["neural data"];
    expect(await provider({ model: quantizedOnly }).embed(text, "document")).toEqual(await provider().embed(text, "document"));

    const both = await fixtureCopy("broken-quantized");
    await writeFile(path.join(both, "onnx", "model_quantized.onnx"), "not an onnx model");
    const err = await provider({ model: both }).embed(text, "document").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    expect((err as Error).message).toContain("failed to load");
  });

  it("finds a hub id in the cache folder without downloading", async () => {
    const cacheDir = path.join(tmp, "hub-cache");
    await mkdir(path.join(cacheDir, "paperboard-test"), { recursive: true });
    await cp(FIXTURE, path.join(cacheDir, "paperboard-test", "tiny-bert"), { recursive: true });
    const byId = provider({ model: "paperboard-test/tiny-bert", cacheDir });
    expect(await byId.embed(["search"], "query")).toEqual(await provider().embed(["search"], "query"));
  });

  it("loads again after close()", async () => {
    const p = provider();
    const [a] = await p.embed(["galaxy"], "document");
    await p.close();
    expect(await p.embed(["galaxy"], "document")).toEqual([a]);
  });
});

describe("OnnxEmbeddingProvider downloading from the hub", () => {
  const realFetch = env.fetch;
  afterAll(() => {
    env.fetch = realFetch;
  });

  it("falls back to onnx/model.onnx, caches the files and pooling config, then works offline", async () => {
    const served = await fixtureCopy("hub-repo");
    await mkdir(path.join(served, "1_Pooling"));
    await writeFile(path.join(served, "1_Pooling", "config.json"), JSON.stringify({ pooling_mode_cls_token: true }));
    const requested: string[] = [];
    env.fetch = async (input: string | URL) => {
      const file = String(input).split("/resolve/main/")[1] ?? "";
      requested.push(file);
      const body = await readFile(path.join(served, file)).catch(() => undefined);
      return body ? new Response(body, { headers: { "content-length": String(body.length) } }) : new Response("", { status: 404 });
    };
    const cacheDir = path.join(tmp, "download-cache");
    const model = "paperboard-test/tiny-bert-hub";
    const text = ["graph retrieval"];
    const online = await provider({ model, cacheDir, allowDownload: true }).embed(text, "document");
    expect(requested).toContain("onnx/model_quantized.onnx");
    expect(requested).toContain("onnx/model.onnx");
    expect(online).toEqual(await provider({ pooling: "cls" }).embed(text, "document"));

    env.fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const offline = await provider({ model, cacheDir, allowDownload: false }).embed(text, "document");
    expect(offline).toEqual(online);
  });

  it("explains a failed download without the transformers.js stack", async () => {
    env.fetch = async () => {
      throw new TypeError("fetch failed");
    };
    const cacheDir = path.join(tmp, "offline-cache");
    const err = await provider({ model: "paperboard-test/unreachable", cacheDir, allowDownload: true }).embed(["x"], "document").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    const message = (err as Error).message;
    expect(message).toContain('"paperboard-test/unreachable"');
    expect(message).toContain(path.join(cacheDir, "paperboard-test", "unreachable"));
    expect(message).toContain("fetch failed");
    expect(message).toContain("PAPERBOARD_EMBEDDING_MODEL");
    expect(message).not.toMatch(/\n\s+at /);
    expect((err as Error).cause).toBeDefined();
  });
});

describe("OnnxEmbeddingProvider without its model", () => {
  it("rejects with a message naming the model, where it looked and how to fix it", async () => {
    const cacheDir = await mkdtemp(path.join(tmp, "empty-cache-"));
    const p = provider({ model: "paperboard-test/no-such-model", cacheDir });
    const err = await p.embed(["anything"], "document").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    const message = (err as Error).message;
    expect(message).toContain('"paperboard-test/no-such-model"');
    expect(message).toContain(path.join(cacheDir, "paperboard-test", "no-such-model"));
    expect(message).toContain("PAPERBOARD_EMBEDDING_ALLOW_DOWNLOAD=true");
    expect(message).toContain("PAPERBOARD_EMBEDDING_MODEL");
    await expect(p.dimensions()).rejects.toBeInstanceOf(EmbeddingError);
  });

  it("names a missing local folder", async () => {
    const missing = path.join(tmp, "not-here");
    const err = await provider({ model: missing }).embed(["x"], "document").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EmbeddingError);
    expect((err as Error).message).toContain(missing);
    expect((err as Error).message).toContain("config.json");
  });
});
