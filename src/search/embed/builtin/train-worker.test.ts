// Training word vectors on a worker thread gives the very vectors training in-thread does.
//
// The worker entry is compiled JavaScript (dist/, built by the tests' global setup), so the
// off-thread path is loaded from there, as `npm start` runs it.
import { describe, expect, it } from "vitest";
import type { trainOffThread as SourceTrain } from "./corpus-adaptation.js";
import { trainWordVectors } from "./train-word-vectors.js";

const { trainOffThread } = (await import(new URL("../../../../dist/search/embed/builtin/corpus-adaptation.js", import.meta.url).href)) as {
  trainOffThread: typeof SourceTrain;
};

const TOPICS = [
  ["protein", "fold", "residu", "enzym", "bind"],
  ["graph", "node", "edg", "neural", "messag"],
  ["quantum", "qubit", "gate", "circuit", "nois"],
];

function docs(n: number): string[][] {
  let s = 7;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
  return Array.from({ length: n }, (_, i) => Array.from({ length: 30 }, () => TOPICS[i % 3]![Math.floor(rand() * 5)]!).concat(["studi", "result"]));
}

describe("trainOffThread", () => {
  it("returns exactly the in-thread training's words, counts and vectors", async () => {
    const d = docs(300);
    const opts = { dims: 8, powerIterations: 2, oversampling: 8, minCount: 2 };
    const here = trainWordVectors(d, opts);
    const there = await trainOffThread(d, opts);
    expect(there.words).toEqual(here.words);
    expect(Array.from(there.counts)).toEqual(Array.from(here.counts));
    expect(there.dims).toBe(here.dims);
    expect(Array.from(there.vectors)).toEqual(Array.from(here.vectors));
    // Words of one topic end up nearer each other than words of different topics.
    const v = (w: string) => there.vectors.subarray(there.words.indexOf(w) * there.dims, (there.words.indexOf(w) + 1) * there.dims);
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(cos(v("protein"), v("enzym"))).toBeGreaterThan(cos(v("protein"), v("qubit")));
  });

  it("rejects with the training's own error, raised on the worker thread", async () => {
    const broken = [["a", "b"], null as unknown as string[]];
    expect(() => trainWordVectors(broken)).toThrow(/iterable/);
    await expect(trainOffThread(broken, { dims: 4 })).rejects.toThrow(/training word vectors failed: .*iterable/);
  });
});
