// The catch-up's progress line: the text stages that run at once stand side by side, then the vectors.
import { describe, expect, it } from "vitest";
import { catchUpProgress, type Progress } from "./progress.js";

describe("catchUpProgress", () => {
  it("shows both text stages' counts, the papers both have done as records, then the vectors", () => {
    const seen: { records: number; label?: string }[] = [];
    const progress: Progress = { update: (v) => void seen.push(v), stop() {} };
    const report = catchUpProgress(progress);
    report({ stage: "lexical", done: 5000, pending: 15000 });
    report({ stage: "postings", done: 1000, pending: 19000 });
    report({ stage: "lexical", done: 10000, pending: 10000 });
    report({ stage: "vectors", done: 512, pending: 19488 });
    expect(seen).toEqual([
      { records: 5000, label: "full text 5,000/20,000" },
      { records: 1000, label: "full text 5,000/20,000 · ranking index 1,000/20,000" },
      { records: 1000, label: "full text 10,000/20,000 · ranking index 1,000/20,000" },
      { records: 512, label: "vectors, 19,488 to go" },
    ]);
  });
});
