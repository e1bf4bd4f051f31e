// A hub's corpus model trained on a worker thread is exactly the one trained in-thread.
//
// The worker entry is compiled JavaScript (dist/, built by the tests' global setup), so the
// off-thread path is loaded from there, as `npm start` runs it.
import { describe, expect, it } from "vitest";
import type { trainOffThread as SourceTrain } from "./corpus-adaptation.js";
import { trainCorpusModel } from "./corpus-training.js";
import { trainWordVectors } from "./train-word-vectors.js";
import { fromTrained } from "./word-vector-file.js";

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
  const rand = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  return Array.from({ length: n }, (_, i) => Array.from({ length: 30 }, () => TOPICS[i % 3]![Math.floor(rand() * 5)]!).concat(["studi", "result"]));
}

describe("trainOffThread", () => {
  it("returns exactly the in-thread training's words, counts, vectors and projection", async () => {
    const d = docs(300);
    const options = { dims: 4, powerIterations: 2, oversampling: 8, minCount: 2 };
    // A second table to combine with: the same recipe on other documents.
    const shipped = fromTrained(trainWordVectors(docs(150).reverse(), options), { name: "s", trainedOn: "" });
    const job = { docs: d, options, projection: { shipped, shippedWeight: 0.5, texts: d.map((t) => t.join(" ")), dims: 3 } };
    const here = trainCorpusModel(job);
    const there = await trainOffThread(job);
    expect(there.trained.words).toEqual(here.trained.words);
    expect(Array.from(there.trained.counts)).toEqual(Array.from(here.trained.counts));
    expect(Array.from(there.trained.vectors)).toEqual(Array.from(here.trained.vectors));
    expect(there.projection).not.toBeNull();
    expect(there.projection!.from).toBe(8);
    expect(Array.from(there.projection!.matrix)).toEqual(Array.from(here.projection!.matrix));
    // Words of one topic end up nearer each other than words of different topics.
    const t = there.trained;
    const v = (w: string) => t.vectors.subarray(t.words.indexOf(w) * t.dims, (t.words.indexOf(w) + 1) * t.dims);
    const cos = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(cos(v("protein"), v("enzym"))).toBeGreaterThan(cos(v("protein"), v("qubit")));
  });

  it("rejects with the training's own error, raised on the worker thread", async () => {
    const broken = [["a", "b"], null as unknown as string[]];
    expect(() => trainWordVectors(broken)).toThrow(/iterable/);
    await expect(trainOffThread({ docs: broken, options: { dims: 4 } })).rejects.toThrow(/training word vectors failed: .*iterable/);
  });
});
