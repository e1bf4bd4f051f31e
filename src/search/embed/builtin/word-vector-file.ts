// The builtin model's file: a vocabulary, a SIF weight per word and int8 word vectors, a few MB.
//
// Layout: "PBWV1\n", a uint32 (little-endian) byte length and a UTF-8 JSON
// header, then the words ("\n"-joined UTF-8, length-prefixed like the header),
// then per word a float32 SIF weight, then per word a float32 scale, then the
// int8 vectors (words × dims). Quantising unit vectors to int8 with a per-row
// scale loses nothing retrieval can measure and quarters the file.
import { readFile, rename, writeFile } from "node:fs/promises";
import type { TrainedWordVectors } from "./train-word-vectors.js";

const MAGIC = "PBWV1\n";

export interface WordVectorHeader {
  name: string;
  dims: number;
  words: number;
  /** SIF smoothing constant a: a word's weight is a / (a + its corpus probability). */
  sifA: number;
  trainedOn: string;
  createdAt: string;
  /** For a table learned from a hub's papers: the weight the shipped table keeps beside it. */
  shippedWeight?: number;
  /**
   * For a table learned from a hub's papers: the combined sentence vector (`from` numbers: the
   * shipped table's block, then this table's) is projected to `dims` (WordVectors.projection).
   */
  projection?: { from: number; dims: number };
}

export interface WordVectors {
  header: WordVectorHeader;
  index: Map<string, number>;
  weights: Float32Array;
  /** words × dims, row-major, dequantised. */
  vectors: Float32Array;
  /** header.projection.from × header.projection.dims, row-major: a sentence vector x becomes xᵀP (float32 in the file, after the vectors). */
  projection?: Float32Array;
}

export function fromTrained(t: TrainedWordVectors, meta: { name: string; trainedOn: string; sifA?: number }): WordVectors {
  const sifA = meta.sifA ?? 1e-3;
  const weights = Float32Array.from(t.counts, (c) => sifA / (sifA + c / t.totalCount));
  return {
    header: { name: meta.name, dims: t.dims, words: t.words.length, sifA, trainedOn: meta.trainedOn, createdAt: new Date().toISOString() },
    index: new Map(t.words.map((w, i) => [w, i])),
    weights,
    vectors: t.vectors,
  };
}

export function encodeWordVectors(wv: WordVectors): Buffer {
  const { dims, words: n } = wv.header;
  const words = [...wv.index.entries()].sort((a, b) => a[1] - b[1]).map(([w]) => w);
  const header = Buffer.from(JSON.stringify(wv.header), "utf8");
  const vocab = Buffer.from(words.join("\n"), "utf8");
  const scales = new Float32Array(n);
  const q = new Int8Array(n * dims);
  for (let r = 0; r < n; r++) {
    let max = 0;
    for (let c = 0; c < dims; c++) max = Math.max(max, Math.abs(wv.vectors[r * dims + c]!));
    const scale = max > 0 ? max / 127 : 1;
    scales[r] = scale;
    for (let c = 0; c < dims; c++) q[r * dims + c] = Math.round(wv.vectors[r * dims + c]! / scale);
  }
  const len = (b: Buffer) => {
    const x = Buffer.alloc(4);
    x.writeUInt32LE(b.length);
    return x;
  };
  return Buffer.concat([
    Buffer.from(MAGIC, "ascii"),
    len(header),
    header,
    len(vocab),
    vocab,
    Buffer.from(new Float32Array(wv.weights).buffer),
    Buffer.from(scales.buffer),
    Buffer.from(q.buffer),
    ...(wv.projection ? [Buffer.from(new Float32Array(wv.projection).buffer)] : []),
  ]);
}

export function decodeWordVectors(buf: Buffer, source: string): WordVectors {
  const fail = (why: string): never => {
    throw new Error(`${source} is not a Paperboard word-vector file: ${why}`);
  };
  if (buf.subarray(0, MAGIC.length).toString("ascii") !== MAGIC) fail("wrong magic bytes");
  let at = MAGIC.length;
  const take = (n: number): Buffer => {
    if (at + n > buf.length) fail("truncated");
    const b = buf.subarray(at, at + n);
    at += n;
    return b;
  };
  const header = JSON.parse(take(take(4).readUInt32LE()).toString("utf8")) as WordVectorHeader;
  if (!Number.isInteger(header.dims) || !Number.isInteger(header.words) || header.dims < 1) fail("bad header");
  const words = take(take(4).readUInt32LE()).toString("utf8").split("\n");
  if (words.length !== header.words) fail(`header says ${header.words} words, vocabulary has ${words.length}`);
  const n = header.words;
  const dims = header.dims;
  const floats = (count: number) => {
    const b = take(count * 4);
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) out[i] = b.readFloatLE(i * 4);
    return out;
  };
  const weights = floats(n);
  const scales = floats(n);
  const q = take(n * dims);
  const p = header.projection;
  if (p && !(Number.isInteger(p.from) && Number.isInteger(p.dims) && p.from > 0 && p.dims > 0)) fail("bad projection in header");
  const projection = p ? floats(p.from * p.dims) : undefined;
  if (at !== buf.length) fail("trailing bytes");
  const vectors = new Float32Array(n * dims);
  for (let r = 0; r < n; r++) for (let c = 0; c < dims; c++) vectors[r * dims + c] = q.readInt8(r * dims + c) * scales[r]!;
  return { header, index: new Map(words.map((w, i) => [w, i])), weights, vectors, ...(projection ? { projection } : {}) };
}

export async function readWordVectors(path: string): Promise<WordVectors> {
  return decodeWordVectors(await readFile(path), path);
}

export async function writeWordVectors(path: string, wv: WordVectors): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, encodeWordVectors(wv));
  await rename(tmp, path);
}
