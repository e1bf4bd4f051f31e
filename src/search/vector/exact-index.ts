// Owns brute-force cosine search: the reference every approximate index is measured against,
// and the right tool for small or heavily filtered sets. Vectors live in one growing
// Float32Array block (slot-major), labels in a parallel Float64Array; removal moves the last
// slot into the hole so the block stays dense and the scan never meets a tombstone.
import { open, type FileHandle } from "node:fs/promises";
import { endianness } from "node:os";
import {
  checkLabel,
  checkUpsert,
  checkVector,
  readEnvelope,
  writeEnvelope,
  type LoadedIndex,
  type LoadOptions,
  type VectorHit,
  type VectorIndex,
} from "./vector-index.js";

// Body: "PBVX", u32 version, u32 dims, u32 count, then count float64 labels, then
// count*dims float32 components, all little-endian (typed arrays are written as-is).
const MAGIC = 0x58564250; // "PBVX" read as a little-endian u32
const VERSION = 1;
const HEADER_BYTES = 16;

export class ExactVectorIndex implements VectorIndex {
  readonly kind = "exact";
  #block: Float32Array;
  #labels: Float64Array;
  #slots = new Map<number, number>();
  #count = 0;

  constructor(readonly dims: number, initialCapacity = 1024) {
    if (!Number.isInteger(dims) || dims <= 0) throw new RangeError(`dims must be a positive integer, got ${dims}`);
    const capacity = Math.max(1, Math.floor(initialCapacity));
    this.#block = new Float32Array(capacity * dims);
    this.#labels = new Float64Array(capacity);
  }

  size(): number {
    return this.#count;
  }

  has(label: number): boolean {
    return this.#slots.has(label);
  }

  /** A copy of the stored vector, or undefined. */
  vector(label: number): Float32Array | undefined {
    const slot = this.#slots.get(label);
    if (slot === undefined) return undefined;
    return this.#block.slice(slot * this.dims, (slot + 1) * this.dims);
  }

  upsert(labels: ArrayLike<number>, vectors: Float32Array[]): void {
    checkUpsert(labels, vectors, this.dims);
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      let slot = this.#slots.get(label);
      if (slot === undefined) {
        if (this.#count === this.#labels.length) this.#grow();
        slot = this.#count++;
        this.#slots.set(label, slot);
        this.#labels[slot] = label;
      }
      this.#block.set(vectors[i]!, slot * this.dims);
    }
  }

  remove(labels: ArrayLike<number>): void {
    const d = this.dims;
    for (let i = 0; i < labels.length; i++) {
      const label = labels[i]!;
      const slot = this.#slots.get(label);
      if (slot === undefined) continue;
      const last = --this.#count;
      this.#slots.delete(label);
      if (slot !== last) {
        const moved = this.#labels[last]!;
        this.#block.copyWithin(slot * d, last * d, (last + 1) * d);
        this.#labels[slot] = moved;
        this.#slots.set(moved, slot);
      }
    }
  }

  search(query: Float32Array, k: number, accept?: (label: number) => boolean): VectorHit[] {
    checkVector(query, this.dims, "query");
    const n = this.#count;
    const want = Math.min(Math.floor(k), n);
    if (!(want > 0)) return [];
    const d = this.dims;
    const block = this.#block;
    const labels = this.#labels;
    const heap = new TopK(want);
    for (let slot = 0, off = 0; slot < n; slot++, off += d) {
      // Independent accumulators shorten the add dependency chain. V8 does not vectorise, so a
      // 100k x 256 scan costs ~60-90 ms; that is the price of a reference with no native code.
      let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
      let j = 0;
      for (; j + 3 < d; j += 4) {
        s0 += query[j]! * block[off + j]!;
        s1 += query[j + 1]! * block[off + j + 1]!;
        s2 += query[j + 2]! * block[off + j + 2]!;
        s3 += query[j + 3]! * block[off + j + 3]!;
      }
      for (; j < d; j++) s0 += query[j]! * block[off + j]!;
      const score = s0 + s1 + s2 + s3;
      // The filter runs only for candidates that would enter the top k.
      if (!heap.wants(score)) continue;
      const label = labels[slot]!;
      if (accept && !accept(label)) continue;
      heap.push(score, label);
    }
    return heap.sorted();
  }

  async save(path: string, meta: Record<string, unknown>): Promise<void> {
    assertLittleEndian();
    const n = this.#count;
    const envelope = { kind: this.kind, dims: this.dims, size: n, params: {}, meta };
    await writeEnvelope(path, envelope, async (temp) => {
      const header = new Uint32Array([MAGIC, VERSION, this.dims, n]);
      const handle = await open(temp, "w");
      try {
        await handle.write(new Uint8Array(header.buffer));
        await handle.write(new Uint8Array(this.#labels.buffer, 0, n * 8));
        await handle.write(new Uint8Array(this.#block.buffer, 0, n * this.dims * 4));
      } finally {
        await handle.close();
      }
    });
  }

  static async load(path: string, opts: LoadOptions = {}): Promise<LoadedIndex<ExactVectorIndex>> {
    assertLittleEndian();
    const envelope = await readEnvelope(path, "exact", opts);
    const handle = await open(path, "r");
    try {
      const header = new Uint32Array(HEADER_BYTES / 4);
      await readFully(handle, new Uint8Array(header.buffer), 0, path);
      const [magic, version, dims, count] = header;
      if (magic !== MAGIC || version !== VERSION) throw new Error(`vector index ${path} is not an exact index file`);
      if (dims !== envelope.dims || count !== envelope.size) {
        throw new Error(`vector index ${path} header (${dims} dims, ${count} vectors) disagrees with its meta file`);
      }
      const { size } = await handle.stat();
      if (size !== HEADER_BYTES + count * 8 + count * dims * 4) throw new Error(`vector index ${path} has the wrong length`);
      const index = new ExactVectorIndex(dims, Math.max(count, 1024));
      await readFully(handle, new Uint8Array(index.#labels.buffer, 0, count * 8), HEADER_BYTES, path);
      await readFully(handle, new Uint8Array(index.#block.buffer, 0, count * dims * 4), HEADER_BYTES + count * 8, path);
      for (let slot = 0; slot < count; slot++) {
        const label = index.#labels[slot]!;
        checkLabel(label);
        if (index.#slots.has(label)) throw new Error(`vector index ${path} repeats label ${label}`);
        index.#slots.set(label, slot);
      }
      index.#count = count;
      return { index, meta: envelope.meta };
    } finally {
      await handle.close();
    }
  }

  #grow(): void {
    const capacity = this.#labels.length * 2;
    const block = new Float32Array(capacity * this.dims);
    block.set(this.#block);
    const labels = new Float64Array(capacity);
    labels.set(this.#labels);
    this.#block = block;
    this.#labels = labels;
  }
}

/** Bounded min-heap of (score, label): the root is the weakest of the best k seen so far. */
class TopK {
  readonly #scores: Float64Array;
  readonly #labels: Float64Array;
  #size = 0;

  constructor(readonly k: number) {
    this.#scores = new Float64Array(k);
    this.#labels = new Float64Array(k);
  }

  wants(score: number): boolean {
    return this.#size < this.k || score > this.#scores[0]!;
  }

  push(score: number, label: number): void {
    const scores = this.#scores;
    const labels = this.#labels;
    if (this.#size < this.k) {
      let i = this.#size++;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (scores[parent]! <= score) break;
        scores[i] = scores[parent]!;
        labels[i] = labels[parent]!;
        i = parent;
      }
      scores[i] = score;
      labels[i] = label;
      return;
    }
    let i = 0;
    const n = this.#size;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= n) break;
      const right = left + 1;
      const child = right < n && scores[right]! < scores[left]! ? right : left;
      if (scores[child]! >= score) break;
      scores[i] = scores[child]!;
      labels[i] = labels[child]!;
      i = child;
    }
    scores[i] = score;
    labels[i] = label;
  }

  sorted(): VectorHit[] {
    const hits: VectorHit[] = [];
    for (let i = 0; i < this.#size; i++) hits.push({ label: this.#labels[i]!, score: this.#scores[i]! });
    return hits.sort((a, b) => b.score - a.score || a.label - b.label);
  }
}

async function readFully(handle: FileHandle, into: Uint8Array, position: number, path: string): Promise<void> {
  // A single read may return short for large buffers (and is capped at 2 GiB).
  let done = 0;
  while (done < into.length) {
    const length = Math.min(into.length - done, 1 << 30);
    const { bytesRead } = await handle.read(into, done, length, position + done);
    if (bytesRead === 0) throw new Error(`vector index ${path} ended early`);
    done += bytesRead;
  }
}

function assertLittleEndian(): void {
  if (endianness() !== "LE") throw new Error("the exact vector index file format is little-endian only");
}
