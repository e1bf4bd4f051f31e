// Tokenising papers for the postings index without making a string per token: a hash table from raw tokens to stem ids.
//
// Cutting an abstract into strings and looking each up in a Map costs about
// a microsecond a token in V8 (allocation and hashing of every fresh
// string), which made indexing a million papers take minutes. This scanner
// folds ASCII case as it reads character codes, hashes them (FNV-1a) and
// finds the token in an open-addressing table keyed by its characters; only
// a token never seen before becomes a string, to be stemmed (index-tokens.ts)
// once. A token with a non-ASCII character goes the general way (rawTokens),
// which knows Unicode letters, separators and diacritics.
import { grown } from "./grown.js";
import { rawTokens, STOP_STEMS, stemToken } from "./index-tokens.js";

/** Tokens longer than this are taken the general way. */
const MAX_FAST = 64;
const EMPTY = -1;
/** A stop word: counted in the length, never indexed. */
export const STOP = -1;

export interface TokenTableOptions {
  /**
   * The value of a token seen for the first time (its folded text), in place of the postings
   * index's stem id; STOP (or any negative value) leaves it out of `scan`'s calls. The builtin
   * embedder maps words to its own token ids this way.
   */
  tokenValue?: (token: string) => number;
  /** Tokens remembered at most; past this, a new token's value is worked out each time it is met. */
  capacity?: number;
}

export class TokenTable {
  private readonly tokenValue: (token: string) => number;
  private readonly capacity: number;
  private slots = new Int32Array(1 << 17).fill(EMPTY);
  private hashes = new Int32Array(1 << 16);
  private starts = new Uint32Array(1 << 16);
  private lengths = new Uint8Array(1 << 16);
  private values = new Int32Array(1 << 16);
  private chars = new Uint16Array(1 << 20);
  private charCount = 0;
  private entries = 0;
  private readonly scratch = new Uint16Array(MAX_FAST);
  private readonly general = new Map<string, number>();
  /** Stem id → stem. */
  readonly stems: string[] = [];
  private readonly stemIds = new Map<string, number>();

  constructor(opts: TokenTableOptions = {}) {
    this.tokenValue = opts.tokenValue ?? ((token) => this.valueOfToken(token));
    this.capacity = opts.capacity ?? Infinity;
  }

  /** The id of a stem (new ids are handed out in order). */
  idOfStem(stem: string): number {
    let id = this.stemIds.get(stem);
    if (id === undefined) {
      id = this.stems.push(stem) - 1;
      this.stemIds.set(stem, id);
    }
    return id;
  }

  private valueOfToken(folded: string): number {
    const stem = stemToken(folded);
    return STOP_STEMS.has(stem) ? STOP : this.idOfStem(stem);
  }

  /**
   * Calls `each` with the stem id (or the `tokenValue` value) of every indexable token of `text`
   * (stop words left out) and returns how many tokens it has in all, as FTS5 counts.
   */
  scan(text: string, each: (id: number) => void): number {
    const n = text.length;
    const buf = this.scratch;
    let count = 0;
    let len = 0;
    let start = -1;
    let hash = 0x811c9dc5 | 0;
    let ascii = true;
    for (let i = 0; i <= n; i++) {
      let c = i < n ? text.charCodeAt(i) : 32;
      if (c >= 128) {
        if (start < 0) start = i;
        ascii = false;
        continue;
      }
      if (c >= 65 && c <= 90) c += 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          len = 0;
          hash = 0x811c9dc5 | 0;
          ascii = true;
        }
        if (len < MAX_FAST) buf[len] = c;
        len++;
        hash = Math.imul(hash ^ c, 0x01000193);
        continue;
      }
      if (start < 0) continue;
      // A token ended at i.
      if (ascii && len <= MAX_FAST) {
        const v = this.lookup(hash, len);
        count++;
        if (v >= 0) each(v);
      } else {
        for (const t of rawTokens(text.slice(start, i))) {
          let v = this.general.get(t);
          if (v === undefined) {
            v = this.tokenValue(t);
            if (this.general.size < Math.min(200_000, this.capacity)) this.general.set(t, v);
          }
          count++;
          if (v >= 0) each(v);
        }
      }
      start = -1;
      len = 0;
      ascii = true;
    }
    return count;
  }

  /** The value of the ASCII token in the scratch buffer, adding it when new. */
  private lookup(hash: number, len: number): number {
    const buf = this.scratch;
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (;;) {
      const e = this.slots[slot]!;
      if (e === EMPTY) break;
      if (this.hashes[e] === hash && this.lengths[e] === len) {
        const s = this.starts[e]!;
        let same = true;
        for (let k = 0; k < len; k++) {
          if (this.chars[s + k] !== buf[k]) {
            same = false;
            break;
          }
        }
        if (same) return this.values[e]!;
      }
      slot = (slot + 1) & mask;
    }
    const token = String.fromCharCode(...buf.subarray(0, len));
    const value = this.tokenValue(token);
    if (this.entries < this.capacity) this.insert(slot, hash, len, value);
    return value;
  }

  private insert(slot: number, hash: number, len: number, value: number): void {
    const e = this.entries++;
    if (e >= this.hashes.length) this.growEntries();
    if (this.charCount + len > this.chars.length) this.chars = grown(this.chars, this.chars.length * 2);
    this.chars.set(this.scratch.subarray(0, len), this.charCount);
    this.hashes[e] = hash;
    this.starts[e] = this.charCount;
    this.lengths[e] = len;
    this.values[e] = value;
    this.charCount += len;
    this.slots[slot] = e;
    // Keep the table at most half full.
    if (this.entries * 2 > this.slots.length) this.rehash();
  }

  private growEntries(): void {
    const size = this.hashes.length * 2;
    this.hashes = grown(this.hashes, size);
    this.starts = grown(this.starts, size);
    this.lengths = grown(this.lengths, size);
    this.values = grown(this.values, size);
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(EMPTY);
    const mask = slots.length - 1;
    for (let e = 0; e < this.entries; e++) {
      let slot = this.hashes[e]! & mask;
      while (slots[slot] !== EMPTY) slot = (slot + 1) & mask;
      slots[slot] = e;
    }
    this.slots = slots;
  }
}
