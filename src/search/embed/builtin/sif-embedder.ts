// Sentence vectors from word vectors: the SIF-weighted mean of a text's word vectors (Arora, Liang & Ma 2017), unit length.
//
// Rare words weigh most (a / (a + p(word))), so a paper's vector sits near
// the words that say what it is about. One or more word-vector tables can be
// combined: each contributes a unit-length block of the result, scaled by its
// weight, so a model trained on the hub's own papers can sit beside the
// shipped one.
import { normalise } from "../provider.js";
import { contentTokens, rawWords } from "./text-tokens.js";
import type { WordVectors } from "./word-vector-file.js";

export interface WeightedTable {
  table: WordVectors;
  weight: number;
}

export class SifEmbedder {
  readonly dims: number;

  constructor(private readonly tables: WeightedTable[]) {
    this.dims = tables.reduce((n, t) => n + t.table.header.dims, 0);
  }

  /** Raw lower-case word → row per table (-1: not in the table, or a stop word): skips stemming for words seen before. */
  private readonly rows = new Map<string, Int32Array>();

  private rowsOf(word: string): Int32Array {
    let r = this.rows.get(word);
    if (r === undefined) {
      const t = contentTokens(word)[0];
      r = Int32Array.from(this.tables, ({ table }) => (t === undefined ? -1 : (table.index.get(t) ?? -1)));
      if (this.rows.size < 500_000) this.rows.set(word, r);
    }
    return r;
  }

  embed(text: string): Float32Array {
    const words = rawWords(text).map((w) => this.rowsOf(w));
    const out = new Float32Array(this.dims);
    let offset = 0;
    for (let k = 0; k < this.tables.length; k++) {
      const { table, weight } = this.tables[k]!;
      const d = table.header.dims;
      const block = out.subarray(offset, offset + d);
      for (const rows of words) {
        const i = rows[k]!;
        if (i < 0) continue;
        const w = table.weights[i]!;
        const o = i * d;
        for (let c = 0; c < d; c++) block[c]! += w * table.vectors[o + c]!;
      }
      normalise(block);
      if (weight !== 1) for (let c = 0; c < d; c++) block[c]! *= weight;
      offset += d;
    }
    return normalise(out);
  }
}
