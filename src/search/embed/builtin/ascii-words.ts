// Word ids for lower-case ASCII text without making a string per word: the embedder's tokenising hot path.
//
// Embedding a paper looks up each of its ~200 words. As strings in a Map that
// was a third of the embedder's time (a fresh string per word, hashed, then a
// probe of a table of hundreds of thousands of keys). Here the text is scanned
// by char code, each word hashed as it is read, and looked up in an
// open-addressing table over typed arrays whose keys are kept as bytes in a
// pool; only a word seen for the first time becomes a string (to be stemmed).

/** Slots of the table: a power of two, at most half full. */
const INITIAL_SLOTS = 1 << 16;
const EMPTY = -2;

export class AsciiWordIds {
  private hashes = new Int32Array(INITIAL_SLOTS);
  private ids = new Int32Array(INITIAL_SLOTS).fill(EMPTY);
  private starts = new Int32Array(INITIAL_SLOTS);
  private lengths = new Int32Array(INITIAL_SLOTS);
  private pool = new Uint8Array(1 << 18);
  private poolUsed = 0;
  private size = 0;

  constructor(
    /** The id of a word seen for the first time (negative: not a token of the model). */
    private readonly resolve: (word: string) => number,
    /** Words remembered at most; past this, new words are resolved each time. */
    private readonly capacity: number,
  ) {}

  /**
   * Calls `each` with the id of every run of [a-z0-9] in `lower` (lower-case ASCII text), in order:
   * the words rawWords() finds in such a text.
   */
  forEachWord(lower: string, each: (id: number) => void): void {
    const n = lower.length;
    let start = -1;
    let h = 0;
    for (let i = 0; i <= n; i++) {
      const c = i < n ? lower.charCodeAt(i) : 32;
      if ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) {
        if (start < 0) {
          start = i;
          h = 0x811c9dc5;
        }
        h = Math.imul(h ^ c, 0x01000193);
      } else if (start >= 0) {
        each(this.idOf(lower, start, i - start, h));
        start = -1;
      }
    }
  }

  private idOf(text: string, start: number, len: number, h: number): number {
    const mask = this.ids.length - 1;
    let slot = h & mask;
    for (;;) {
      const id = this.ids[slot]!;
      if (id === EMPTY) break;
      if (this.hashes[slot] === h && this.lengths[slot] === len && this.same(text, start, len, this.starts[slot]!)) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.resolve(text.slice(start, start + len));
    if (this.size < this.capacity) this.insert(slot, text, start, len, h, id);
    return id;
  }

  private same(text: string, start: number, len: number, at: number): boolean {
    const pool = this.pool;
    for (let k = 0; k < len; k++) if (pool[at + k] !== text.charCodeAt(start + k)) return false;
    return true;
  }

  private insert(slot: number, text: string, start: number, len: number, h: number, id: number): void {
    if (this.poolUsed + len > this.pool.length) {
      const grown = new Uint8Array(Math.max(this.pool.length * 2, this.poolUsed + len));
      grown.set(this.pool);
      this.pool = grown;
    }
    const at = this.poolUsed;
    for (let k = 0; k < len; k++) this.pool[at + k] = text.charCodeAt(start + k);
    this.poolUsed += len;
    this.hashes[slot] = h;
    this.ids[slot] = id;
    this.starts[slot] = at;
    this.lengths[slot] = len;
    if (++this.size * 2 > this.ids.length) this.grow();
  }

  private grow(): void {
    const [hashes, ids, starts, lengths] = [this.hashes, this.ids, this.starts, this.lengths];
    const slots = ids.length * 2;
    this.hashes = new Int32Array(slots);
    this.ids = new Int32Array(slots).fill(EMPTY);
    this.starts = new Int32Array(slots);
    this.lengths = new Int32Array(slots);
    const mask = slots - 1;
    for (let s = 0; s < ids.length; s++) {
      if (ids[s] === EMPTY) continue;
      let slot = hashes[s]! & mask;
      while (this.ids[slot] !== EMPTY) slot = (slot + 1) & mask;
      this.hashes[slot] = hashes[s]!;
      this.ids[slot] = ids[s]!;
      this.starts[slot] = starts[s]!;
      this.lengths[slot] = lengths[s]!;
    }
  }
}
