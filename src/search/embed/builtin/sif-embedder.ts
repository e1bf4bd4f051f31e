// Sentence vectors from word vectors: the SIF-weighted mean of a text's word vectors (Arora, Liang & Ma 2017), unit length.
//
// Rare words weigh most (a / (a + p(word))), so a paper's vector sits near
// the words that say what it is about. One or more word-vector tables can be
// combined: each contributes a unit-length block of the result, scaled by its
// weight, so a model trained on the hub's own papers can sit beside the
// shipped one.
import { normalise } from "../provider.js";
import { contentTokens } from "./text-tokens.js";
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

  embed(text: string): Float32Array {
    const tokens = contentTokens(text);
    const out = new Float32Array(this.dims);
    let offset = 0;
    for (const { table, weight } of this.tables) {
      const d = table.header.dims;
      const block = out.subarray(offset, offset + d);
      for (const t of tokens) {
        const i = table.index.get(t);
        if (i === undefined) continue;
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
