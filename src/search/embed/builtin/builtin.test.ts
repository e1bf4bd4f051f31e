// The builtin embedding model: its linear algebra, the trainer, the model file and the shipped model's behaviour.
import { describe, expect, it } from "vitest";
import { BuiltinEmbeddingProvider, shippedModelPath } from "./builtin-provider.js";
import { gram, orthonormalise, symmetricEigen } from "./linalg.js";
import { contentTokens } from "./text-tokens.js";
import { mul, mulT, trainWordVectors } from "./train-word-vectors.js";
import { decodeWordVectors, encodeWordVectors, fromTrained } from "./word-vector-file.js";

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);

describe("linalg", () => {
  it("finds the eigenvalues and eigenvectors of a symmetric matrix, largest first", () => {
    const a = Float64Array.from([4, 1, 0, 1, 3, 0, 0, 0, 1]);
    const { values, vectors } = symmetricEigen(a, 3);
    expect(values[0]).toBeCloseTo((7 + Math.sqrt(5)) / 2, 9);
    expect(values[2]).toBeCloseTo(1, 9);
    for (let j = 0; j < 3; j++) {
      const v = [0, 1, 2].map((i) => vectors[i * 3 + j]!);
      const av = [0, 1, 2].map((i) => a[i * 3]! * v[0]! + a[i * 3 + 1]! * v[1]! + a[i * 3 + 2]! * v[2]!);
      for (let i = 0; i < 3; i++) expect(av[i]).toBeCloseTo(values[j]! * v[i]!, 9);
    }
  });
  it("orthonormalises columns", () => {
    const n = 50;
    const m = 4;
    const x = Float64Array.from({ length: n * m }, (_, i) => Math.sin(i * i * 0.37) + (i % m));
    orthonormalise(x, n, m);
    const g = gram(x, n, m);
    for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) expect(g[i * m + j]).toBeCloseTo(i === j ? 1 : 0, 8);
  });
  it("leaves a dependent column zero instead of inventing a direction", () => {
    const n = 20;
    const x = new Float64Array(n * 2);
    for (let r = 0; r < n; r++) x[r * 2] = x[r * 2 + 1] = r + 1;
    orthonormalise(x, n, 2);
    const g = gram(x, n, 2);
    expect(g[0]).toBeCloseTo(1, 8);
    expect(g[3]).toBeCloseTo(0, 8);
  });
});

describe("contentTokens", () => {
  it("lower-cases, drops stop words and numbers, stems", () => {
    expect(contentTokens("We propose Efficient Transformers for 2024 long-context models")).toEqual(["effici", "transform", "long", "context", "model"]);
  });
});

describe("trainWordVectors and the model file", () => {
  // Two topics that never share a document: words of one topic must end up nearer each other than the other topic's.
  const docs: string[][] = [];
  for (let i = 0; i < 60; i++) {
    docs.push(contentTokens(i % 2 ? "protein folding structure residue enzyme binding" : "attention transformer token context language model"));
    docs.push(contentTokens(i % 2 ? "enzyme binding protein residue folding" : "language model context attention token"));
  }
  const trained = trainWordVectors(docs, { dims: 4, minCount: 2 });

  it("puts words of the same topic together", () => {
    const vec = (w: string) => trained.vectors.subarray(trained.words.indexOf(w) * trained.dims, (trained.words.indexOf(w) + 1) * trained.dims);
    const [prot, enz, attn] = [vec("protein"), vec("enzym"), vec("attent")];
    expect(dot(prot, enz)).toBeGreaterThan(dot(prot, attn) + 0.3);
    expect(Math.abs(dot(prot, prot) - 1)).toBeLessThan(1e-5);
  });

  it("round-trips through the file format (int8) and rejects a damaged file", () => {
    const wv = fromTrained(trained, { name: "t", trainedOn: "test" });
    const buf = encodeWordVectors(wv);
    const back = decodeWordVectors(buf, "mem");
    expect(back.header.words).toBe(trained.words.length);
    expect([...back.index.keys()]).toEqual(trained.words);
    for (let i = 0; i < trained.vectors.length; i++) expect(Math.abs(back.vectors[i]! - trained.vectors[i]!)).toBeLessThan(0.01);
    expect(() => decodeWordVectors(buf.subarray(0, buf.length - 3), "cut.bin")).toThrow(/cut.bin.*truncated/);
    expect(() => decodeWordVectors(Buffer.from("nope"), "x.bin")).toThrow(/x.bin.*magic/);
  });

  it("keeps a projection exactly (float32) and rejects one cut short", () => {
    const projection = Float32Array.from({ length: 8 * 3 }, (_, i) => Math.sin(i) / 3);
    const wv = { ...fromTrained(trained, { name: "t", trainedOn: "test" }), projection };
    wv.header.projection = { from: 8, dims: 3 };
    const buf = encodeWordVectors(wv);
    const back = decodeWordVectors(buf, "mem");
    expect(back.header.projection).toEqual({ from: 8, dims: 3 });
    expect(Array.from(back.projection!)).toEqual(Array.from(projection));
    expect(() => decodeWordVectors(buf.subarray(0, buf.length - 4), "cut.bin")).toThrow(/cut.bin.*truncated/);
    expect(decodeWordVectors(encodeWordVectors(fromTrained(trained, { name: "t", trainedOn: "test" })), "plain").projection).toBeUndefined();
  });
});

describe("BuiltinEmbeddingProvider (shipped model)", () => {
  it("embeds offline into unit vectors that put paraphrases near each other", async () => {
    const p = await BuiltinEmbeddingProvider.load();
    expect(shippedModelPath()).toMatch(/models\/paperboard-sif-v1\.bin$/);
    expect(p.model).toBe("paperboard-sif-v1");
    expect(await p.dimensions()).toBe(256);
    const [q, near, far, empty] = await p.embed(
      [
        "making attention cheaper for very long inputs",
        "Efficient transformers: sparse and linear attention for long sequences",
        "Crystal structure prediction of inorganic materials with graph networks",
        "",
      ],
      "query",
    );
    expect(Math.abs(dot(q!, q!) - 1)).toBeLessThan(1e-5);
    expect(dot(q!, near!)).toBeGreaterThan(dot(q!, far!) + 0.1);
    expect(empty!.every((x) => x === 0)).toBe(true);
  });

  it("names the missing file when a model does not exist", async () => {
    await expect(BuiltinEmbeddingProvider.load({ model: "no-such-model" })).rejects.toThrow(/no-such-model.*not found/);
  });
});

describe("the training's sparse products", () => {
  it("give the same A·X and Aᵀ·X through the SIMD kernel (float32) as the float64 loops", () => {
    let seed = 7;
    const rand = () => ((seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0) / 4_294_967_296);
    const n = 300;
    const rowPtr = new Int32Array(n + 1);
    const cols: number[] = [];
    const vals: number[] = [];
    for (let r = 0; r < n; r++) {
      const picked = [...new Set(Array.from({ length: Math.floor(rand() * 12) }, () => Math.floor(rand() * n)))].sort((a, b) => a - b);
      for (const c of picked) {
        cols.push(c);
        vals.push(rand() * 5);
      }
      rowPtr[r + 1] = cols.length;
    }
    const a = { rowPtr, colIdx: Int32Array.from(cols), vals: Float64Array.from(vals), n };
    for (const m of [32, 48]) {
      const x = Float64Array.from({ length: n * m }, () => rand() * 2 - 1);
      for (const product of [mul, mulT]) {
        const fast = product(a, x, m);
        const plain = product(a, x, m, false);
        expect(fast.length).toBe(plain.length);
        let worst = 0;
        for (let i = 0; i < plain.length; i++) worst = Math.max(worst, Math.abs(fast[i]! - plain[i]!) / (1 + Math.abs(plain[i]!)));
        expect(worst).toBeLessThan(1e-5);
        // Not all zero: the rows really were summed.
        expect(plain.some((v) => Math.abs(v) > 0.5)).toBe(true);
      }
    }
  });
});
