// One immutable segment of the postings index: a sorted term dictionary, per term the papers holding it, and the papers' facts.
//
// Postings are (seq, weighted frequency) pairs in seq order, each a varint
// seq delta then a varint frequency, where the frequency is FTS5's weighted
// count for bm25: 4 × in title + 1 × in abstract + 2 × in authors (the
// column weights of sqlite-lexical-index.ts). Varints keep a posting at about
// two bytes, so a million papers fit in a few hundred MB of typed arrays and
// decode at a few nanoseconds a posting. A segment also lists its papers'
// ids, lengths (all tokens, for bm25's length normalisation), publication
// time and categories (for filters), and the papers deleted when it was written.

import { grown } from "./grown.js";
import { TokenTable } from "./token-table.js";

export const FIELD_WEIGHTS = { title: 4, abstract: 1, authors: 2 } as const;
const MAX_FREQ = 65_535;
const MAX_LEN = 65_535;

export interface SegmentData {
  /** Terms sorted in JavaScript string order. */
  terms: string[];
  /** Per term: postings, the byte range postStart[i] .. postStart[i + 1] of `postings`. */
  postStart: Uint32Array;
  postings: Uint8Array;
  /** Per term: how many papers hold it. */
  df: Uint32Array;
  /** Per paper of the segment, in seq order. */
  seqs: Uint32Array;
  lens: Uint16Array;
  /** Milliseconds since the epoch, NaN when unknown. */
  published: Float64Array;
  /** Per paper: its categories, catIds[catStart[i] .. catStart[i + 1]], ids into `categories`. */
  catStart: Uint32Array;
  catIds: Uint16Array;
  categories: string[];
  /** Papers deleted (or no longer indexable) as of this segment. */
  deleted: Uint32Array;
  /** Per paper: its id, the UTF-8 bytes idBytes[idStart[i] .. idStart[i + 1]]. */
  idStart: Uint32Array;
  idBytes: Uint8Array;
}

export class Segment {
  /** Papers of this segment whose live copy is elsewhere now (edited or deleted since); kept by the index. */
  stale = 0;

  constructor(
    /** Unique within an index, increasing in the order segments were made. */
    readonly serial: number,
    readonly data: SegmentData,
  ) {}

  get docCount(): number {
    return this.data.seqs.length;
  }

  #dates: [number, number] | null = null;

  /** The earliest and latest publication time of the segment's papers (NaN, unknown, left out; [Infinity, -Infinity] when none is known). */
  dateRange(): [number, number] {
    if (!this.#dates) {
      let lo = Infinity;
      let hi = -Infinity;
      for (const t of this.data.published) {
        if (t < lo) lo = t;
        if (t > hi) hi = t;
      }
      this.#dates = [lo, hi];
    }
    return this.#dates;
  }

  /** The id of the segment's i-th paper. */
  idAt(i: number): string {
    const d = this.data;
    return Buffer.from(d.idBytes.buffer, d.idBytes.byteOffset + d.idStart[i]!, d.idStart[i + 1]! - d.idStart[i]!).toString("utf8");
  }

  /** The index of `term` in the dictionary, or -1. */
  find(term: string): number {
    const terms = this.data.terms;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const t = terms[mid]!;
      if (t < term) lo = mid + 1;
      else if (t > term) hi = mid - 1;
      else return mid;
    }
    return -1;
  }

  /** Indexes of the terms starting with `prefix`, in order. */
  prefixRange(prefix: string): [number, number] {
    const terms = this.data.terms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < terms.length && terms[end]!.startsWith(prefix)) end++;
    return [lo, end];
  }

  /**
   * Appends the postings of term `t` whose paper's live copy is in this
   * segment (owner[seq] === serial) to `docs` and `freqs` from position `at`;
   * returns the new end. The arrays must have room.
   */
  decode(t: number, owner: Int32Array, docs: Int32Array, freqs: Uint16Array, at: number): number {
    const serial = this.serial;
    // A segment none of whose papers went stale needs no per-posting check.
    const check = this.stale > 0;
    const p = this.data.postings;
    let i = this.data.postStart[t]!;
    const end = this.data.postStart[t + 1]!;
    let seq = 0;
    let n = at;
    while (i < end) {
      // Nearly every delta and count is one byte; longer varints take the loops.
      let b = p[i++]!;
      let delta = b;
      if (b & 0x80) {
        delta = b & 0x7f;
        for (let scale = 0x80; b & 0x80; scale *= 0x80) {
          b = p[i++]!;
          delta += (b & 0x7f) * scale;
        }
      }
      seq += delta;
      b = p[i++]!;
      let f = b;
      if (b & 0x80) {
        f = b & 0x7f;
        b = p[i++]!;
        f += (b & 0x7f) << 7;
        if (b & 0x80) f += (p[i++]! & 0x7f) << 14;
      }
      if (!check || owner[seq] === serial) {
        docs[n] = seq;
        freqs[n] = f;
        n++;
      }
    }
    return n;
  }

  /**
   * Adds the bm25 part of term `t` (scale · f / (f + norm[seq])) to acc[seq]
   * for each live posting whose paper has (cnt[seq] & mask) === want, and
   * sets its cnt to `set`; returns how many. Decodes in place, without
   * gathering the postings first: for words that only add to papers already
   * in the running. Its varint loop is decode()'s, written out again on
   * purpose: a shared reader object measured 10-25% slower per posting.
   */
  accumulate(t: number, owner: Int32Array, cnt: Uint8Array, mask: number, want: number, set: number, acc: Float64Array, norm: Float32Array, scale: number): number {
    const serial = this.serial;
    const check = this.stale > 0;
    const p = this.data.postings;
    let i = this.data.postStart[t]!;
    const end = this.data.postStart[t + 1]!;
    let seq = 0;
    let n = 0;
    while (i < end) {
      let b = p[i++]!;
      let delta = b;
      if (b & 0x80) {
        delta = b & 0x7f;
        for (let scale7 = 0x80; b & 0x80; scale7 *= 0x80) {
          b = p[i++]!;
          delta += (b & 0x7f) * scale7;
        }
      }
      seq += delta;
      b = p[i++]!;
      let f = b;
      if (b & 0x80) {
        f = b & 0x7f;
        b = p[i++]!;
        f += (b & 0x7f) << 7;
        if (b & 0x80) f += (p[i++]! & 0x7f) << 14;
      }
      if ((cnt[seq]! & mask) !== want || (check && owner[seq] !== serial)) continue;
      acc[seq]! += (scale * f) / (f + norm[seq]!);
      cnt[seq] = set;
      n++;
    }
    return n;
  }

  /**
   * Adds the bm25 part of term `t` to acc[seq] for every live posting, for
   * any-word queries: a paper not yet in the running (cnt 0) joins it, marked
   * 0x80 and appended to `list` at `touched`; returns the list's new length.
   * Decoding in place instead of gathering first measured about a quarter
   * less per posting on long queries of common words at 1M papers.
   */
  accumulateAny(t: number, owner: Int32Array, cnt: Uint8Array, acc: Float64Array, norm: Float32Array, scale: number, list: Int32Array, touched: number): number {
    const serial = this.serial;
    const check = this.stale > 0;
    const p = this.data.postings;
    let i = this.data.postStart[t]!;
    const end = this.data.postStart[t + 1]!;
    let seq = 0;
    let n = touched;
    while (i < end) {
      let b = p[i++]!;
      let delta = b;
      if (b & 0x80) {
        delta = b & 0x7f;
        for (let scale7 = 0x80; b & 0x80; scale7 *= 0x80) {
          b = p[i++]!;
          delta += (b & 0x7f) * scale7;
        }
      }
      seq += delta;
      b = p[i++]!;
      let f = b;
      if (b & 0x80) {
        f = b & 0x7f;
        b = p[i++]!;
        f += (b & 0x7f) << 7;
        if (b & 0x80) f += (p[i++]! & 0x7f) << 14;
      }
      if (check && owner[seq] !== serial) continue;
      if (cnt[seq] === 0) {
        cnt[seq] = 0x80;
        list[n++] = seq;
      }
      acc[seq]! += (scale * f) / (f + norm[seq]!);
    }
    return n;
  }
}

/** Per-paper ids as the segment's two columns (see SegmentData.idStart). */
function idColumns(ids: string[]): { idStart: Uint32Array; idBytes: Uint8Array } {
  const encoded = ids.map((id) => Buffer.from(id, "utf8"));
  const idStart = new Uint32Array(ids.length + 1);
  encoded.forEach((b, i) => (idStart[i + 1] = idStart[i]! + b.length));
  const idBytes = new Uint8Array(idStart[ids.length]!);
  encoded.forEach((b, i) => idBytes.set(b, idStart[i]));
  return { idStart, idBytes };
}

/** Per-paper category id lists as the segment's two columns (see SegmentData.catStart). */
function categoryColumns(lists: number[][]): { catStart: Uint32Array; catIds: Uint16Array } {
  const catStart = new Uint32Array(lists.length + 1);
  const ids: number[] = [];
  lists.forEach((l, i) => {
    catStart[i] = ids.length;
    ids.push(...l);
  });
  catStart[lists.length] = ids.length;
  return { catStart, catIds: Uint16Array.from(ids) };
}

function writeVarint(out: ByteWriter, v: number): void {
  while (v >= 0x80) {
    out.push((v % 0x80) | 0x80);
    v = Math.floor(v / 0x80);
  }
  out.push(v);
}

/** A growable byte buffer. */
class ByteWriter {
  bytes = new Uint8Array(1 << 16);
  length = 0;
  push(b: number): void {
    if (this.length === this.bytes.length) this.bytes = grown(this.bytes, this.bytes.length * 2);
    this.bytes[this.length++] = b;
  }
  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

/** Growable Uint32 column. */
class U32 {
  a = new Uint32Array(1 << 16);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) this.a = grown(this.a, this.a.length * 2);
    this.a[this.n++] = v;
  }
}

export interface BuilderPaper {
  seq: number;
  id: string;
  title: string;
  abstract: string;
  authors: string;
  categories: string[];
  published: number;
}

/** Raw token → stem id, shared by every builder of the process (ids mean nothing outside it). */
const tokens = new TokenTable();

/** Collects papers (in any seq order) and deletions into a new segment. */
export class SegmentBuilder {
  private readonly termOf = new U32();
  private readonly docOf = new U32();
  private readonly freqOf = new U32();
  private readonly seqs: number[] = [];
  private readonly ids: string[] = [];
  private readonly lens: number[] = [];
  private readonly published: number[] = [];
  private readonly cats: number[][] = [];
  private readonly categoryIds = new Map<string, number>();
  private readonly deleted = new Set<number>();
  /** Per stem id: its weighted count in the paper being added; `seen` lists the ids set. */
  private freq = new Uint32Array(1 << 16);
  private seen: number[] = [];
  private weight = 1;
  private readonly count = (id: number): void => {
    if (id >= this.freq.length) this.freq = grown(this.freq, Math.max(id + 1, this.freq.length * 2));
    if (this.freq[id] === 0) this.seen.push(id);
    this.freq[id]! += this.weight;
  };

  get docCount(): number {
    return this.seqs.length;
  }

  get hasDeletions(): boolean {
    return this.deleted.size > 0;
  }

  add(p: BuilderPaper): void {
    let len = 0;
    this.weight = FIELD_WEIGHTS.title;
    len += tokens.scan(p.title, this.count);
    this.weight = FIELD_WEIGHTS.abstract;
    len += tokens.scan(p.abstract, this.count);
    this.weight = FIELD_WEIGHTS.authors;
    len += tokens.scan(p.authors, this.count);
    const doc = this.seqs.length;
    this.seqs.push(p.seq);
    this.ids.push(p.id);
    this.lens.push(Math.min(MAX_LEN, len));
    this.published.push(p.published);
    this.cats.push(
      p.categories.map((c) => {
        let id = this.categoryIds.get(c);
        if (id === undefined) this.categoryIds.set(c, (id = this.categoryIds.size));
        return id;
      }),
    );
    this.deleted.delete(p.seq);
    for (const id of this.seen) {
      this.termOf.push(id);
      this.docOf.push(doc);
      this.freqOf.push(Math.min(MAX_FREQ, this.freq[id]!));
      this.freq[id] = 0;
    }
    this.seen.length = 0;
  }

  /** Records that the paper `seq` is gone (deleted, or no longer has any text). */
  remove(seq: number): void {
    this.deleted.add(seq);
  }

  build(serial: number): Segment {
    // Papers in seq order; a paper added twice keeps its last version.
    const last = new Map<number, number>();
    this.seqs.forEach((s, d) => last.set(s, d));
    const order = [...last.values()].sort((a, b) => this.seqs[a]! - this.seqs[b]!);
    const rank = new Int32Array(this.seqs.length).fill(-1);
    order.forEach((d, i) => (rank[d] = i));
    const inOrder = order.every((d, i) => d === i);

    const terms = tokens.stems;
    const used = new Uint8Array(terms.length);
    for (let i = 0; i < this.termOf.n; i++) used[this.termOf.a[i]!] = 1;
    const sortedTerms: number[] = [];
    for (let t = 0; t < terms.length; t++) if (used[t]) sortedTerms.push(t);
    sortedTerms.sort((a, b) => (terms[a]! < terms[b]! ? -1 : terms[a]! > terms[b]! ? 1 : 0));
    // Counting sort of the postings by term, then each term's postings by seq.
    const counts = new Uint32Array(terms.length + 1);
    for (let i = 0; i < this.termOf.n; i++) if (rank[this.docOf.a[i]!]! >= 0) counts[this.termOf.a[i]! + 1]!++;
    for (let t = 0; t < terms.length; t++) counts[t + 1]! += counts[t]!;
    const start = counts.slice();
    const byTerm = new Uint32Array(counts[terms.length]!);
    for (let i = 0; i < this.termOf.n; i++) if (rank[this.docOf.a[i]!]! >= 0) byTerm[start[this.termOf.a[i]!]!++] = i;

    const out = new ByteWriter();
    const postStart = new Uint32Array(terms.length + 1);
    const df = new Uint32Array(terms.length);
    const sortedNames: string[] = [];
    let kept = 0;
    for (const t of sortedTerms) {
      const from = counts[t]!;
      const to = counts[t + 1]!;
      if (to === from) continue;
      // Papers added in seq order (an import) need no sort.
      const ps = inOrder ? byTerm.subarray(from, to) : Array.from(byTerm.subarray(from, to)).sort((a, b) => rank[this.docOf.a[a]!]! - rank[this.docOf.a[b]!]!);
      postStart[kept] = out.length;
      let prev = 0;
      for (const i of ps) {
        const seq = this.seqs[this.docOf.a[i]!]!;
        writeVarint(out, seq - prev);
        writeVarint(out, this.freqOf.a[i]!);
        prev = seq;
      }
      df[kept] = ps.length;
      sortedNames.push(terms[t]!);
      kept++;
    }
    postStart[kept] = out.length;

    const { catStart, catIds } = categoryColumns(order.map((d) => this.cats[d]!));
    const present = new Set(order.map((d) => this.seqs[d]!));
    return new Segment(serial, {
      terms: sortedNames,
      postStart: postStart.slice(0, kept + 1),
      postings: out.result(),
      df: df.slice(0, kept),
      seqs: Uint32Array.from(order, (d) => this.seqs[d]!),
      lens: Uint16Array.from(order, (d) => this.lens[d]!),
      published: Float64Array.from(order, (d) => this.published[d]!),
      catStart,
      catIds,
      categories: [...this.categoryIds.keys()],
      deleted: Uint32Array.from([...this.deleted].filter((s) => !present.has(s)).sort((a, b) => a - b)),
      ...idColumns(order.map((d) => this.ids[d]!)),
    });
  }
}

/**
 * The live content of consecutive segments as one builder-free segment:
 * postings of papers whose live copy is elsewhere are dropped, deletions
 * still in force are kept.
 */
export function mergeSegments(segments: Segment[], serial: number, owner: Int32Array): Segment {
  const lives = (s: Segment, seq: number) => owner[seq] === s.serial;
  const terms = new Set<string>();
  for (const s of segments) for (const t of s.data.terms) terms.add(t);
  const sorted = [...terms].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = new ByteWriter();
  const postStart: number[] = [];
  const df: number[] = [];
  const names: string[] = [];
  let docs = new Int32Array(1024);
  let freqs = new Uint16Array(1024);
  for (const term of sorted) {
    let n = 0;
    for (const s of segments) {
      const t = s.find(term);
      if (t < 0) continue;
      const need = n + s.data.df[t]!;
      if (need > docs.length) {
        const size = Math.max(need, docs.length * 2);
        docs = grown(docs, size, n);
        freqs = grown(freqs, size, n);
      }
      n = s.decode(t, owner, docs, freqs, n);
    }
    if (n === 0) continue;
    const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => docs[a]! - docs[b]!);
    postStart.push(out.length);
    let prev = 0;
    for (const i of idx) {
      writeVarint(out, docs[i]! - prev);
      writeVarint(out, freqs[i]!);
      prev = docs[i]!;
    }
    df.push(n);
    names.push(term);
  }
  postStart.push(out.length);

  const categories: string[] = [];
  const categoryIds = new Map<string, number>();
  const papers: { seq: number; id: string; len: number; published: number; cats: number[] }[] = [];
  const deleted = new Set<number>();
  for (const s of segments) {
    const d = s.data;
    for (let i = 0; i < d.seqs.length; i++) {
      if (!lives(s, d.seqs[i]!)) continue;
      const cats: number[] = [];
      for (let c = d.catStart[i]!; c < d.catStart[i + 1]!; c++) {
        const name = d.categories[d.catIds[c]!]!;
        let id = categoryIds.get(name);
        if (id === undefined) categoryIds.set(name, (id = categories.push(name) - 1));
        cats.push(id);
      }
      papers.push({ seq: d.seqs[i]!, id: s.idAt(i), len: d.lens[i]!, published: d.published[i]!, cats });
    }
    for (const seq of d.deleted) if (owner[seq] === 0) deleted.add(seq);
  }
  papers.sort((a, b) => a.seq - b.seq);
  const { catStart, catIds } = categoryColumns(papers.map((p) => p.cats));
  return new Segment(serial, {
    terms: names,
    postStart: Uint32Array.from(postStart),
    postings: out.result(),
    df: Uint32Array.from(df),
    seqs: Uint32Array.from(papers, (p) => p.seq),
    lens: Uint16Array.from(papers, (p) => p.len),
    published: Float64Array.from(papers, (p) => p.published),
    catStart,
    catIds,
    categories,
    deleted: Uint32Array.from([...deleted].sort((a, b) => a - b)),
    ...idColumns(papers.map((p) => p.id)),
  });
}
