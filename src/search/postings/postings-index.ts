// An in-memory inverted index that ranks full-text candidates by FTS5's own bm25, without FTS5's per-match cost.
//
// FTS5 ranks a query by computing bm25 for every paper it matches, reading
// each paper's length and position lists on the way: a question whose words
// are each in a few percent of a million papers costs hundreds of
// milliseconds. This index holds, per word, the papers and weighted counts
// bm25 needs (segment.ts), so ranking is a pass over the query words'
// postings into a score array, a few nanoseconds a posting: the same formula
// (k1 = 1.2, b = 0.75, FTS5's idf and column weights), over the same tokens
// (index-tokens.ts). FTS5 stays the judge of what matches: the search
// service verifies candidates against the full MATCH expression when the
// query has more to it than words (phrases, exclusions, author:), and it
// highlights the page shown.
//
// The index is a cache of the store: segments on disk under
// <dataDir>/postings with a manifest naming them and the last paper seq and
// change-log entry they cover; a missing or damaged file means a rebuild.
import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { LexicalFilters } from "../../storage/lexical-index.js";
import type { PostingsPaper, PostingsSource } from "../../storage/postings-source.js";
import { grown } from "./grown.js";
import { mergeSegments, Segment, SegmentBuilder } from "./segment.js";
import { readSegment, writeSegment } from "./segment-file.js";

const K1 = 1.2;
const B = 0.75;
/** Papers per segment written by a catch-up; a bulk import makes several. */
const SEGMENT_PAPERS = 200_000;
/** Above this many segments, the two adjacent ones with the fewest papers are merged. */
const MAX_SEGMENTS = 12;
/** A prefix matching more stored words than this is left to FTS5. */
const MAX_PREFIX_TERMS = 2_000;
const READ_BATCH = 5_000;
/** Stems whose segment positions are kept between searches (cleared when full). */
const LOOKUP_CACHE_MAX = 100_000;
/**
 * Words held by at least this share of the papers (in hubs of DENSE_MIN_PAPERS or more) get, when a
 * ranking first needs them, their weighted count per paper in one array (1 byte a paper): adding
 * such a word to the papers still in the running is then a look-up per paper in the running instead
 * of decoding every posting. At 1M synthetic papers 119 stems hold 1/8 of the papers or more,
 * a quarter of all postings ("model" is in 68%); see search().
 */
const DENSE_SHARE = 1 / 8;
const DENSE_MIN_PAPERS = 20_000;
/** Bytes of dense arrays kept at once (cleared when full): 128 arrays at 1M papers, more than the 119 common stems there. */
const DENSE_BYTES = 128 << 20;
/** 2: segments of version 2 (paper ids; only function words left out). */
const MANIFEST_VERSION = 2;

/** A word of a query as search() ranks it: each paper holding it, in seq order, or its count alone. */
type Word = {
  count: number;
  /** How many of the query's words it stands for ("transformer transformers": 2; FTS5 scores each). */
  times: number;
  gather: () => number;
  /** The segments' postings of a plain word; null for a prefix. */
  hits: ReadonlyArray<readonly [Segment, number]> | null;
  /** Those of `hits` in segments holding papers within the query's dates (see PostingsQuery.dates); null for a prefix. */
  near: ReadonlyArray<readonly [Segment, number]> | null;
  /** A plain word's stem. */
  stem: string | null;
};
/** A word with postings (not a typed prefix). */
type PlainWord = Word & { stem: string; hits: ReadonlyArray<readonly [Segment, number]>; near: ReadonlyArray<readonly [Segment, number]> };

export interface PostingsQuery {
  /** Stems every hit must hold. */
  required: string[];
  /** Stems of which a hit must hold at least one, when there are any. */
  optional: string[];
  /** The word being typed: papers holding any stored word that starts with it. */
  prefix?: { text: string; required: boolean } | null;
  limit: number;
  /** Only papers this accepts; see filter(). */
  allow?: ((seq: number) => boolean) | null;
  /**
   * Only these papers (a list FTS5 made of those holding a phrase): an all-words query then scores
   * just them, looking its common words up, instead of walking every posting of its rarest word.
   * Other queries rank as usual, keeping only these papers.
   */
  among?: readonly number[] | null;
  /**
   * The bounds of a date filter (inclusive, ms since the epoch) that `allow` applies: segments
   * none of whose papers lies within them are not read. Papers come roughly in date order (arXiv
   * ids, daily syncs), so a recent `after:` reads the newest segments only.
   */
  dates?: { after: number; before: number } | null;
}

export interface PostingsHit {
  seq: number;
  /** bm25, higher is better (FTS5's rank negated). */
  score: number;
}

export interface PostingsFilters {
  /** Inclusive bounds, ISO timestamps. */
  after?: string | null;
  before?: string | null;
  categories?: string[];
}

/**
 * The part of search filters this index cannot decide (authors, organisations,
 * code): the store checks those. Dates and categories it decides in memory.
 */
export function storeFilters(f: LexicalFilters): LexicalFilters {
  return { authors: f.authors ?? [], organizations: f.organizations ?? [], hasCode: f.hasCode ?? false };
}

interface Manifest {
  version: number;
  segments: string[];
  indexedSeq: number;
  appliedChange: number;
  nextSerial: number;
}

interface Logger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface PostingsOptions {
  log?: Logger;
  /** Papers per segment a catch-up writes (tests make it small). */
  segmentPapers?: number;
  /** Segments kept before merging. */
  maxSegments?: number;
  /** Papers from which common words are added by look-up (DENSE_MIN_PAPERS; tests make it small). */
  denseMinPapers?: number;
}

export class PostingsIndex {
  private segments: Segment[] = [];
  private readonly bySerial = new Map<number, Segment>();
  private nextSerial = 1;
  private indexedSeq = 0;
  private appliedChange = 0;
  /** Per seq: the serial of the segment holding the paper's live copy (0: none), its position there, its length. */
  private owner = new Int32Array(1024);
  private pos = new Uint32Array(1024);
  private lens = new Uint16Array(1024);
  private live = 0;
  private totalLen = 0;
  /** Per seq: bm25's length term k1 · (1 − b + b · len / avglen), refreshed when the average moves. */
  private norm = new Float32Array(1024);
  private normAvg = -1;
  // Scratch space of search(), reused (searches run one at a time on the event loop).
  private acc = new Float64Array(1024);
  private cnt = new Uint8Array(1024);
  private docs = new Int32Array(1024);
  private freqs = new Uint16Array(1024);
  private touched = new Int32Array(1024);
  /**
   * Per stem: where each segment holds it (segments not holding it left out) and its summed
   * document count. Cleared whenever the segments change. The re-ranker asks the count of every
   * word of 15 papers (~1,500 words): finding each anew in a dozen term tables cost 4-5 ms a query at 1M.
   */
  private readonly lookups = new Map<string, { hits: ReadonlyArray<readonly [Segment, number]>; count: number }>();
  /** Per stem of a common word (DENSE_SHARE): its weighted count in each paper's live copy. Cleared with `lookups`. */
  private readonly dense = new Map<string, DenseCounts>();

  private readonly segmentPapers: number;
  private readonly maxSegments: number;
  private readonly denseMinPapers: number;

  private constructor(
    private readonly dir: string,
    private readonly opts: PostingsOptions,
  ) {
    this.segmentPapers = opts.segmentPapers ?? SEGMENT_PAPERS;
    this.maxSegments = opts.maxSegments ?? MAX_SEGMENTS;
    this.denseMinPapers = opts.denseMinPapers ?? DENSE_MIN_PAPERS;
  }

  /** Loads the index from `dir`, or an empty one when there is none or it cannot be read (the next catch-up rebuilds it). */
  static async open(dir: string, opts: PostingsOptions = {}): Promise<PostingsIndex> {
    const index = new PostingsIndex(dir, opts);
    const log = opts.log;
    const path = join(dir, "manifest.json");
    if (!existsSync(path)) return index;
    try {
      const m = JSON.parse(await readFile(path, "utf8")) as Manifest;
      if (m.version !== MANIFEST_VERSION) throw new Error(`manifest version ${m.version}`);
      for (const name of m.segments) index.install(await readSegment(join(dir, name)));
      index.indexedSeq = m.indexedSeq;
      index.appliedChange = m.appliedChange;
      index.nextSerial = Math.max(m.nextSerial, ...index.segments.map((s) => s.serial + 1));
    } catch (err) {
      log?.warn({ dir, err: (err as Error).message }, "the postings index cannot be read; rebuilding it from the store");
      return new PostingsIndex(dir, opts);
    }
    return index;
  }

  /** Papers in the index. */
  size(): number {
    return this.live;
  }

  /** The id of the paper with this seq, or null when the index does not hold it. */
  idOf(seq: number): string | null {
    const seg = seq < this.owner.length ? this.bySerial.get(this.owner[seq]!) : undefined;
    return seg ? seg.idAt(this.pos[seq]!) : null;
  }

  /** About how many papers hold the stem (copies of edited papers in older segments count until merged). */
  documentFrequency(stem: string): number {
    return this.lookup(stem).count;
  }

  /** The segments holding a stem, with its term number in each, and its summed document count (cached). */
  private lookup(stem: string): { hits: ReadonlyArray<readonly [Segment, number]>; count: number } {
    let found = this.lookups.get(stem);
    if (found === undefined) {
      const hits = this.segments.map((s) => [s, s.find(stem)] as const).filter(([, t]) => t >= 0);
      found = { hits, count: hits.reduce((sum, [s, t]) => sum + s.data.df[t]!, 0) };
      if (this.lookups.size >= LOOKUP_CACHE_MAX) this.lookups.clear();
      this.lookups.set(stem, found);
    }
    return found;
  }

  /** Adds what the store holds beyond the index, and re-reads changed and deleted papers; returns how many papers it read. */
  async catchUp(source: PostingsSource, opts: { signal?: AbortSignal; onProgress?: (done: number) => void } = {}): Promise<number> {
    const upTo = await source.lastChange();
    let done = 0;
    let builder = new SegmentBuilder();
    const changed = this.appliedChange < upTo ? await source.changedSeqs(this.appliedChange, upTo, this.indexedSeq) : [];
    for (let i = 0; i < changed.length; i += READ_BATCH) {
      const seqs = changed.slice(i, i + READ_BATCH);
      const papers = await source.papers(seqs);
      const found = new Set(papers.map((p) => p.seq));
      for (const p of papers) add(builder, p);
      for (const s of seqs) if (!found.has(s)) builder.remove(s);
      done += seqs.length;
    }
    let cursor = this.indexedSeq;
    for (;;) {
      if (opts.signal?.aborted) break;
      const papers = await source.papersAfter(cursor, READ_BATCH);
      if (papers.length === 0) break;
      for (const p of papers) add(builder, p);
      cursor = papers[papers.length - 1]!.seq;
      done += papers.length;
      opts.onProgress?.(done);
      if (builder.docCount >= this.segmentPapers) {
        await this.commit(builder, cursor, this.appliedChange);
        builder = new SegmentBuilder();
      }
      await new Promise<void>((r) => setImmediate(r));
    }
    // The change log is applied only with a complete pass: an interrupted one re-reads it next time.
    const complete = !opts.signal?.aborted;
    if (builder.docCount > 0 || builder.hasDeletions || (complete && upTo !== this.appliedChange)) {
      await this.commit(builder, cursor, complete ? upTo : this.appliedChange);
    }
    return done;
  }

  /** Installs the builder's segment, merges if there are many, and writes the new state. */
  private async commit(builder: SegmentBuilder, indexedSeq: number, appliedChange: number): Promise<void> {
    const written: Segment[] = [];
    if (builder.docCount > 0 || builder.hasDeletions) {
      const seg = builder.build(this.nextSerial++);
      this.install(seg);
      written.push(seg);
    }
    while (this.segments.length > this.maxSegments) written.push(this.mergeSmallest());
    this.indexedSeq = indexedSeq;
    this.appliedChange = appliedChange;
    await this.save(written);
  }

  private fileOf(s: Segment): string {
    return `segment-${s.serial}.bin`;
  }

  private async save(written: Segment[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const s of written) if (this.segments.includes(s)) await writeSegment(join(this.dir, this.fileOf(s)), s);
    const m: Manifest = {
      version: MANIFEST_VERSION,
      segments: this.segments.map((s) => this.fileOf(s)),
      indexedSeq: this.indexedSeq,
      appliedChange: this.appliedChange,
      nextSerial: this.nextSerial,
    };
    const path = join(this.dir, "manifest.json");
    await writeFile(`${path}.tmp`, JSON.stringify(m));
    await rename(`${path}.tmp`, path);
    // Files no manifest of this process names any more (merged away).
    const keep = new Set(m.segments);
    for (const f of await readdir(this.dir)) {
      if (/^segment-\d+\.bin$/.test(f) && !keep.has(f)) await rm(join(this.dir, f), { force: true });
    }
  }

  /** Makes `seg` the newest segment: its papers' live copies, its deletions. */
  private install(seg: Segment): void {
    const d = seg.data;
    const top = Math.max(d.seqs.length ? d.seqs[d.seqs.length - 1]! : 0, d.deleted.length ? d.deleted[d.deleted.length - 1]! : 0);
    this.grow(top + 1);
    for (const seq of d.deleted) this.drop(seq);
    for (let i = 0; i < d.seqs.length; i++) {
      const seq = d.seqs[i]!;
      this.drop(seq);
      this.owner[seq] = seg.serial;
      this.pos[seq] = i;
      this.lens[seq] = d.lens[i]!;
      // A new paper's length term, at the average the others use (refreshNorms redoes all when it moves).
      if (this.normAvg > 0) this.norm[seq] = K1 * (1 - B) + ((K1 * B) / this.normAvg) * d.lens[i]!;
      this.live++;
      this.totalLen += d.lens[i]!;
    }
    this.segments.push(seg);
    this.bySerial.set(seg.serial, seg);
    this.lookups.clear();
    this.dense.clear();
  }

  private drop(seq: number): void {
    const was = this.owner[seq]!;
    if (was === 0) return;
    const from = this.bySerial.get(was);
    if (from) from.stale++;
    this.owner[seq] = 0;
    this.live--;
    this.totalLen -= this.lens[seq]!;
  }

  private grow(size: number): void {
    if (size <= this.owner.length) return;
    let n = this.owner.length;
    while (n < size) n *= 2;
    this.owner = grown(this.owner, n);
    this.pos = grown(this.pos, n);
    this.lens = grown(this.lens, n);
    this.norm = new Float32Array(n);
    this.normAvg = -1;
    this.acc = new Float64Array(n);
    this.cnt = new Uint8Array(n);
  }

  /** Merges the two adjacent segments with the fewest papers between them; returns the merged one. */
  private mergeSmallest(): Segment {
    let best = 0;
    for (let i = 1; i + 1 < this.segments.length; i++) {
      const size = (j: number) => this.segments[j]!.docCount + this.segments[j + 1]!.docCount;
      if (size(i) < size(best)) best = i;
    }
    const pair = this.segments.slice(best, best + 2);
    const merged = mergeSegments(pair, this.nextSerial++, this.owner);
    this.segments.splice(best, 2, merged);
    this.lookups.clear();
    this.dense.clear();
    for (const s of pair) this.bySerial.delete(s.serial);
    this.bySerial.set(merged.serial, merged);
    const d = merged.data;
    for (let i = 0; i < d.seqs.length; i++) {
      this.owner[d.seqs[i]!] = merged.serial;
      this.pos[d.seqs[i]!] = i;
    }
    return merged;
  }

  /**
   * A test for the filters this index knows (dates, categories), or null
   * when none is set. Categories: `cs.LG` matches exactly, `cs` the archive.
   */
  filter(f: PostingsFilters): ((seq: number) => boolean) | null {
    const test = this.paperTest(f);
    if (!test) return null;
    // Segments by serial in an array, not the map: a ranking may test a hundred thousand papers.
    const bySerial: (Segment | undefined)[] = [];
    for (const s of this.segments) bySerial[s.serial] = s;
    const owner = this.owner;
    const pos = this.pos;
    return (seq) => {
      const seg = seq < owner.length ? bySerial[owner[seq]!] : undefined;
      return seg !== undefined && test(seg, pos[seq]!);
    };
  }

  /**
   * The papers passing the filters this index knows (dates, categories), in
   * seq order, or null when more than `cap` pass (or no filter is set).
   * Semantic search scores a short list exactly, and walks its graph with
   * filter() for a long one.
   */
  matching(f: PostingsFilters, cap: number): number[] | null {
    const test = this.paperTest(f);
    if (!test) return null;
    const after = f.after ? Date.parse(f.after) : -Infinity;
    const before = f.before ? Date.parse(f.before) : Infinity;
    const out: number[] = [];
    for (const s of this.segments) {
      // A segment all of whose papers lie outside the dates has none to list (imports come roughly in
      // date order, so a recent "after:" skips most of them; a paper without a date passes no date filter).
      const [first, last] = s.dateRange();
      if (last < after || first > before) continue;
      const seqs = s.data.seqs;
      for (let i = 0; i < seqs.length; i++) {
        if (this.owner[seqs[i]!] !== s.serial || !test(s, i)) continue;
        if (out.length === cap) return null;
        out.push(seqs[i]!);
      }
    }
    return out.sort((a, b) => a - b);
  }

  /**
   * About what share of the papers pass the filters this index knows (dates, categories), from
   * about `samples` papers taken at an even stride (the same ones every time); 1 when none is set.
   */
  passShare(f: PostingsFilters, samples = 2_000): number {
    const test = this.paperTest(f);
    if (!test || this.live === 0) return 1;
    const stride = Math.max(1, Math.floor(this.live / samples));
    let seen = 0;
    let passed = 0;
    for (const s of this.segments) {
      const seqs = s.data.seqs;
      for (let i = stride >> 1; i < seqs.length; i += stride) {
        if (this.owner[seqs[i]!] !== s.serial) continue;
        seen++;
        if (test(s, i)) passed++;
      }
    }
    return seen === 0 ? 1 : passed / seen;
  }

  /** Whether a segment's i-th paper passes the date and category filters; null when none is set. */
  private paperTest(f: PostingsFilters): ((seg: Segment, i: number) => boolean) | null {
    const after = f.after ? Date.parse(f.after) : null;
    const before = f.before ? Date.parse(f.before) : null;
    const wanted = (f.categories ?? []).map((c) => c.toLowerCase());
    if (after === null && before === null && wanted.length === 0) return null;
    // Per segment serial: per category id of the segment, whether it is wanted.
    const catOk: Uint8Array[] = [];
    if (wanted.length > 0) {
      for (const s of this.segments) {
        catOk[s.serial] = Uint8Array.from(s.data.categories, (c) => {
          const lc = c.toLowerCase();
          return wanted.some((w) => lc === w || (!w.includes(".") && lc.startsWith(`${w}.`))) ? 1 : 0;
        });
      }
    }
    const from = after ?? -Infinity;
    const to = before ?? Infinity;
    const anyDate = after === null && before === null;
    const anyCategory = wanted.length === 0;
    return (seg, i) => {
      const d = seg.data;
      if (!anyDate) {
        const t = d.published[i]!;
        // An unknown date (NaN) passes no date filter.
        if (!(t >= from && t <= to)) return false;
      }
      if (anyCategory) return true;
      const ok = catOk[seg.serial]!;
      const end = d.catStart[i + 1]!;
      for (let c = d.catStart[i]!; c < end; c++) if (ok[d.catIds[c]!] === 1) return true;
      return false;
    };
  }

  /**
   * The best `limit` papers for a query by bm25, best first (ties by seq), or
   * null when the index cannot answer it (a prefix of too many words).
   */
  search(q: PostingsQuery): PostingsHit[] | null {
    const n = this.live;
    if (n === 0) return [];
    this.refreshNorms();
    const required = [...new Set(q.required)];
    // An optional word that is also required is in every hit: the "one of them" rule then always holds.
    const anyHeld = q.optional.some((t) => required.includes(t));
    const optional = [...new Set(q.optional)].filter((t) => !required.includes(t));
    const prefix = q.prefix ?? null;
    // Each word's live postings, gathered into the scratch arrays one word at a time, or (for words
    // that only add to papers already in the running) accumulated straight from the segments.
    const times = new Map<string, number>();
    for (const t of [...q.required, ...q.optional]) times.set(t, (times.get(t) ?? 0) + 1);
    // With no stale copies, a word's document count is its live count: bm25's idf needs no decoding,
    // and segments outside the dates can be left unread without changing it.
    const exact = this.segments.every((s) => s.stale === 0);
    const dates = exact ? (q.dates ?? null) : null;
    const reached = (hits: ReadonlyArray<readonly [Segment, number]>) =>
      dates
        ? hits.filter(([s]) => {
            const [first, last] = s.dateRange();
            return last >= dates.after && first <= dates.before;
          })
        : hits;
    const plain = (stem: string): Word => {
      const { hits, count } = this.lookup(stem);
      const near = reached(hits);
      return { count, times: times.get(stem)!, gather: () => this.gather(near), hits, near, stem };
    };
    const words: { word: Word; required: boolean }[] = [
      ...required.map((t) => ({ word: plain(t), required: true })),
      ...optional.map((t) => ({ word: plain(t), required: false })),
    ];
    if (prefix) {
      const ranges = this.segments.map((s) => [s, s.prefixRange(prefix.text)] as const);
      if (ranges.some(([, [a, b]]) => b - a > MAX_PREFIX_TERMS)) return null;
      const count = ranges.reduce((sum, [s, [a, b]]) => sum + (b > a ? s.data.postStart[b]! - s.data.postStart[a]! : 0), 0);
      words.push({ word: { count, times: 1, gather: () => this.gatherPrefix(ranges), hits: null, near: null, stem: null }, required: prefix.required });
    }
    if (words.length === 0) return [];
    // Rarest first, required before optional: each later required word only scores the papers
    // still in the running, and the rarest optional words bound what the commoner ones can add.
    words.sort((a, b) => Number(b.required) - Number(a.required) || a.word.count - b.word.count);
    const R = words.filter((w) => w.required).length;
    // An all-words query among listed papers: the list stands in for a first required word adding nothing.
    const among = q.among && exact && R === words.length && !prefix ? q.among : null;
    const base = among ? 1 : 0;
    let allow = q.allow ?? null;
    if (q.among && !among) {
      const only = new Set(q.among);
      const before = allow;
      allow = before ? (s) => only.has(s) && before(s) : (s) => only.has(s);
    }
    if (R + base > 0x7f) return null;
    const hasOptional = words.some((w) => !w.required);
    const idfOf = (m: number) => {
      const idf = Math.log((n - m + 0.5) / (m + 0.5));
      return idf <= 0 ? 1e-6 : idf;
    };
    if (!among && exact && R === words.length && n >= this.denseMinPapers && words.every((w, i) => w.word.hits !== null && (i === 0 || w.word.count >= DENSE_SHARE * n))) {
      return this.byLookup(words.map((w) => w.word as PlainWord), q.limit, allow, idfOf);
    }
    const acc = this.acc;
    const cnt = this.cnt;
    const norm = this.norm;
    const owner = this.owner;
    let touched = 0;
    let r = 0;
    if (among) {
      if (this.touched.length < among.length) this.touched = new Int32Array(among.length);
      const list = this.touched;
      for (const d of among) {
        if (d >= owner.length || owner[d] === 0 || cnt[d] !== 0 || (allow && !allow(d))) continue;
        cnt[d] = 1;
        list[touched++] = d;
      }
      r = 1;
    }
    // Any-word queries: once the papers in the running hold k scores that the words left could not
    // reach together (each adds at most idf · (k1 + 1)), those words only add to papers in the running.
    let closed = false;
    for (let w = 0; w < words.length; w++) {
      const { word, required: isRequired } = words[w]!;
      const direct = exact && word.hits !== null && (isRequired ? r > 0 : R > 0 || closed);
      if (direct) {
        const m = word.count;
        if (isRequired && m === 0) {
          touched = this.reset(touched);
          return [];
        }
        const scale = idfOf(m) * (K1 + 1) * word.times;
        // Which papers the word adds to (those with (cnt & mask) === want), and their mark afterwards.
        const [want, mask, set] = isRequired ? [r, 0xff, r + 1] : R > 0 ? [R, 0x7f, R | 0x80] : [0x80, 0xff, 0x80];
        // A common word adds to the papers in the running by look-up when they are fewer than its postings.
        const dense = n >= this.denseMinPapers && m >= DENSE_SHARE * n && 2 * touched < m ? this.denseOf(word.stem!, word.hits!) : null;
        let still = 0;
        if (dense) still = this.addByLookup(dense, touched, mask, want, set, scale);
        else for (const [seg, t] of word.near!) still += seg.accumulate(t, owner, cnt, mask, want, set, acc, norm, scale);
        if (isRequired) {
          r++;
          if (still === 0) {
            touched = this.reset(touched);
            return [];
          }
        }
        continue;
      }
      // An any-word query's word with its exact count: added to the running straight from the segments.
      if (!isRequired && R === 0 && exact && word.hits !== null) {
        if (word.count === 0) continue;
        if (this.touched.length < touched + word.count) this.touched = grown(this.touched, Math.max(touched + word.count, this.touched.length * 2), touched);
        const scale = idfOf(word.count) * (K1 + 1) * word.times;
        for (const [seg, t] of word.near!) touched = seg.accumulateAny(t, owner, cnt, acc, norm, scale, this.touched, touched);
        closed = !allow && this.closes(words.slice(w + 1), touched, q.limit, idfOf);
        continue;
      }
      this.room(word.count);
      const m = word.gather();
      const docs = this.docs;
      const freqs = this.freqs;
      if (isRequired && m === 0) {
        touched = this.reset(touched);
        return [];
      }
      // A plain word's count is its live one when no copy is stale (m, when every segment was read).
      const scale = idfOf(exact && word.hits !== null ? word.count : m) * (K1 + 1) * word.times;
      if (isRequired && r === 0) {
        if (this.touched.length < m) this.touched = new Int32Array(Math.max(m, this.touched.length * 2));
        const list = this.touched;
        for (let i = 0; i < m; i++) {
          const d = docs[i]!;
          const f = freqs[i]!;
          acc[d] = (scale * f) / (f + norm[d]!);
          cnt[d] = 1;
          list[i] = d;
        }
        touched = m;
        r = 1;
      } else if (isRequired) {
        let still = 0;
        for (let i = 0; i < m; i++) {
          const d = docs[i]!;
          if (cnt[d] !== r) continue;
          const f = freqs[i]!;
          acc[d]! += (scale * f) / (f + norm[d]!);
          cnt[d] = r + 1;
          still++;
        }
        r++;
        if (still === 0) {
          touched = this.reset(touched);
          return [];
        }
      } else if (R > 0) {
        for (let i = 0; i < m; i++) {
          const d = docs[i]!;
          if ((cnt[d]! & 0x7f) !== R) continue;
          const f = freqs[i]!;
          acc[d]! += (scale * f) / (f + norm[d]!);
          cnt[d] = R | 0x80;
        }
      } else {
        if (this.touched.length < touched + m) this.touched = grown(this.touched, Math.max(touched + m, this.touched.length * 2), touched);
        const list = this.touched;
        for (let i = 0; i < m; i++) {
          const d = docs[i]!;
          if (cnt[d] === 0) {
            cnt[d] = 0x80;
            list[touched++] = d;
          }
          const f = freqs[i]!;
          acc[d]! += (scale * f) / (f + norm[d]!);
        }
        closed = exact && !allow && this.closes(words.slice(w + 1), touched, q.limit, idfOf);
      }
    }
    const wantFlag = R === 0 ? 0x80 : hasOptional && !anyHeld ? R | 0x80 : R + base;
    const mask = R > 0 && anyHeld ? 0x7f : 0xff;
    const hits = topK(this.touched, touched, acc, cnt, wantFlag, mask, q.limit, allow);
    this.reset(touched);
    return hits;
  }

  /**
   * Whether no paper outside the running can reach the k best with the words
   * left: the k-th best score so far exceeds what they could add together.
   * Checked only while the running is small beside the words left (finding
   * the k-th best costs a pass over it).
   */
  private closes(rest: ReadonlyArray<{ word: { count: number; times: number; hits: unknown } }>, touched: number, k: number, idfOf: (m: number) => number): boolean {
    if (rest.length === 0 || touched < k || rest.some((w) => w.word.hits === null)) return false;
    const left = rest.reduce((sum, w) => sum + w.word.count, 0);
    if (4 * left < touched) return false;
    const most = rest.reduce((sum, w) => sum + idfOf(w.word.count) * (K1 + 1) * w.word.times, 0);
    return kAbove(this.touched, touched, this.acc, k, most);
  }

  /**
   * An all-word query whose words after the rarest are common ones (DENSE_SHARE): each paper of the
   * rarest word is scored at once, looking the others up, and offered to the top k. The sums are
   * the accumulators' (the same terms added in the same order), without filling, scanning and
   * clearing them. At 1M papers (bench:search's data, each query ranked 16 times alternating with the
   * accumulator path): "task execution" 10.0 → 2.8 ms, "parameter model" 7.0 → 2.3 ms, "models"
   * 18.3 → 14.1 ms; no gain where the rarest word is itself common ("base models": 13.8 → 12.8 ms).
   */
  private byLookup(
    words: ReadonlyArray<PlainWord>,
    limit: number,
    allow: ((seq: number) => boolean) | null,
    idfOf: (m: number) => number,
  ): PostingsHit[] {
    // The look-up arrays first: building one gathers into the scratch arrays the rarest word then fills.
    const rest = words.slice(1).map((w) => ({ dense: this.denseOf(w.stem, w.hits), scale: idfOf(w.count) * (K1 + 1) * w.times }));
    const first = words[0]!;
    this.room(first.count);
    const m = first.gather();
    if (m === 0) return [];
    const scale = idfOf(first.count) * (K1 + 1) * first.times;
    const { docs, freqs, norm } = this;
    const top = new TopHits(limit);
    papers: for (let i = 0; i < m; i++) {
      const d = docs[i]!;
      const nd = norm[d]!;
      const f0 = freqs[i]!;
      let s = (scale * f0) / (f0 + nd);
      for (let w = 0; w < rest.length; w++) {
        const f = rest[w]!.dense.at(d);
        if (f === 0) continue papers;
        s += (rest[w]!.scale * f) / (f + nd);
      }
      if (s >= top.floor) top.offer(d, s, allow);
    }
    return top.hits();
  }

  /**
   * Adds a common word's part to the papers in the running with (cnt & mask) === want and marks
   * them `set`, as Segment.accumulate does from postings; returns how many.
   */
  private addByLookup(dense: DenseCounts, touched: number, mask: number, want: number, set: number, scale: number): number {
    const { touched: list, cnt, acc, norm } = this;
    let n = 0;
    for (let i = 0; i < touched; i++) {
      const d = list[i]!;
      if ((cnt[d]! & mask) !== want) continue;
      const f = dense.at(d);
      if (f === 0) continue;
      acc[d]! += (scale * f) / (f + norm[d]!);
      cnt[d] = set;
      n++;
    }
    return n;
  }

  /** The counts of a common word by seq, built from its live postings the first time (see DENSE_SHARE). */
  private denseOf(stem: string, hits: ReadonlyArray<readonly [Segment, number]>): DenseCounts {
    let found = this.dense.get(stem);
    if (found === undefined) {
      if (this.dense.size >= Math.max(8, Math.floor(DENSE_BYTES / this.owner.length))) this.dense.clear();
      this.room(hits.reduce((sum, [s, t]) => sum + s.data.df[t]!, 0));
      const m = this.gather(hits);
      found = new DenseCounts(this.owner.length, this.docs, this.freqs, m);
      this.dense.set(stem, found);
    }
    return found;
  }

  /** Makes the scratch arrays gather() fills hold at least `count` postings. */
  private room(count: number): void {
    if (this.docs.length >= count) return;
    this.docs = new Int32Array(count);
    this.freqs = new Uint16Array(count);
  }

  private reset(touched: number): number {
    const list = this.touched;
    for (let i = 0; i < touched; i++) {
      this.acc[list[i]!] = 0;
      this.cnt[list[i]!] = 0;
    }
    return 0;
  }

  private gather(hits: ReadonlyArray<readonly [Segment, number]>): number {
    let n = 0;
    for (const [s, t] of hits) n = s.decode(t, this.owner, this.docs, this.freqs, n);
    return n;
  }

  /** Postings of every word in the ranges, one per paper with the counts summed (FTS5 scores a prefix as one phrase). */
  private gatherPrefix(ranges: ReadonlyArray<readonly [Segment, [number, number]]>): number {
    let n = 0;
    for (const [s, [a, b]] of ranges) for (let t = a; t < b; t++) n = s.decode(t, this.owner, this.docs, this.freqs, n);
    if (n === 0) return 0;
    const idx = Array.from({ length: n }, (_, i) => i).sort((x, y) => this.docs[x]! - this.docs[y]!);
    const docs = Int32Array.from(idx, (i) => this.docs[i]!);
    const freqs = Uint16Array.from(idx, (i) => this.freqs[i]!);
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (m > 0 && this.docs[m - 1] === docs[i]) this.freqs[m - 1] = Math.min(65_535, this.freqs[m - 1]! + freqs[i]!);
      else {
        this.docs[m] = docs[i]!;
        this.freqs[m] = freqs[i]!;
        m++;
      }
    }
    return m;
  }

  private refreshNorms(): void {
    const avg = this.live > 0 ? this.totalLen / this.live : 1;
    if (this.normAvg > 0 && Math.abs(avg - this.normAvg) <= 0.005 * this.normAvg) return;
    const k = K1 * (1 - B);
    const per = (K1 * B) / (avg || 1);
    for (let s = 0; s < this.owner.length; s++) this.norm[s] = k + per * this.lens[s]!;
    this.normAvg = avg;
  }

  /** Deletes the files (the next catch-up rebuilds from the store). */
  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

function add(builder: SegmentBuilder, p: PostingsPaper): void {
  const published = p.publishedAt ? Date.parse(p.publishedAt) : NaN;
  builder.add({ seq: p.seq, id: p.id, title: p.title, abstract: p.abstract, authors: p.authorNames, categories: p.categories, published });
}

/** Swaps two entries of a heap kept as parallel arrays (no array literals in the hot loop). */
function swap(score: Float64Array, seq: Int32Array, a: number, b: number): void {
  const s = score[a]!;
  score[a] = score[b]!;
  score[b] = s;
  const q = seq[a]!;
  seq[a] = seq[b]!;
  seq[b] = q;
}

/**
 * Whether at least k of the first n papers of the list score above `bound` (that is, whether the
 * k-th best exceeds it): one pass that stops at the k-th, where a bounded heap of the k best cost
 * 3 ms a query at 1M papers.
 */
function kAbove(list: Int32Array, n: number, acc: Float64Array, k: number, bound: number): boolean {
  let above = 0;
  for (let i = 0; i < n; i++) if (acc[list[i]!]! > bound && ++above >= k) return true;
  return false;
}

/** A word's weighted count in each paper, by seq, one byte a paper: 0 where it is not held, 255 for counts from 255 up (kept aside). */
class DenseCounts {
  private readonly counts: Uint8Array;
  private readonly big = new Map<number, number>();

  /** From the word's first m gathered postings (papers in docs, counts in freqs). */
  constructor(size: number, docs: Int32Array, freqs: Uint16Array, m: number) {
    this.counts = new Uint8Array(size);
    for (let i = 0; i < m; i++) {
      const f = freqs[i]!;
      // 0 means "not held", so a count of 0 (none is written) goes aside with the large ones.
      if (f > 0 && f < 255) this.counts[docs[i]!] = f;
      else {
        this.counts[docs[i]!] = 255;
        this.big.set(docs[i]!, f);
      }
    }
  }

  /** The count of paper d, 0 when it does not hold the word. */
  at(d: number): number {
    const f = this.counts[d]!;
    return f === 255 ? this.big.get(d)! : f;
  }
}

/** The k best qualifying papers ((cnt[d] & mask) === want) by score, then seq. */
function topK(
  list: Int32Array,
  n: number,
  acc: Float64Array,
  cnt: Uint8Array,
  want: number,
  mask: number,
  k: number,
  allow: ((seq: number) => boolean) | null,
): PostingsHit[] {
  const top = new TopHits(k);
  for (let i = 0; i < n; i++) {
    const d = list[i]!;
    if ((cnt[d]! & mask) !== want) continue;
    const s = acc[d]!;
    // Below the k-th best: out, without a call (most papers of an any-word query).
    if (s >= top.floor) top.offer(d, s, allow);
  }
  return top.hits();
}

/** The k best papers offered, by score, then seq; a bounded min-heap. */
class TopHits {
  private readonly seqs: Int32Array;
  private readonly scores: Float64Array;
  private size = 0;
  /** The k-th best score once there are k (a paper scoring less cannot enter), else -Infinity. */
  floor = -Infinity;

  constructor(private readonly k: number) {
    this.seqs = new Int32Array(k);
    this.scores = new Float64Array(k);
  }

  /** Offers paper d with score s; `allow` is asked only when the paper would make the top k. */
  offer(d: number, s: number, allow: ((seq: number) => boolean) | null): void {
    const { seqs, scores, k } = this;
    if (this.size === k && !worse(scores[0]!, seqs[0]!, s, d)) return;
    if (allow && !allow(d)) return;
    if (this.size < k) {
      let j = this.size++;
      scores[j] = s;
      seqs[j] = d;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!worse(scores[j]!, seqs[j]!, scores[p]!, seqs[p]!)) break;
        swap(scores, seqs, j, p);
        j = p;
      }
      if (this.size === k) this.floor = scores[0]!;
      return;
    }
    scores[0] = s;
    seqs[0] = d;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < k && worse(scores[l]!, seqs[l]!, scores[m]!, seqs[m]!)) m = l;
      if (r < k && worse(scores[r]!, seqs[r]!, scores[m]!, seqs[m]!)) m = r;
      if (m === i) break;
      swap(scores, seqs, i, m);
      i = m;
    }
    this.floor = scores[0]!;
  }

  /** Best first. */
  hits(): PostingsHit[] {
    const out: PostingsHit[] = [];
    for (let i = 0; i < this.size; i++) out.push({ seq: this.seqs[i]!, score: this.scores[i]! });
    return out.sort((a, b) => b.score - a.score || a.seq - b.seq);
  }
}

/** Whether (score sa, seq qa) ranks below (sb, qb): a lower score, or an equal score and a higher seq. */
function worse(sa: number, qa: number, sb: number, qb: number): boolean {
  return sa < sb || (sa === sb && qa > qb);
}
