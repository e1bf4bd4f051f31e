import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { toFts5Match } from "./fts5-match.js";
import { parseQuery } from "./parse-query.js";
import { openFts5Table } from "./test-support/fts5-table.js";
import { anyQueryText, plainQuery } from "./test-support/query-arbitraries.js";

describe("toFts5Match: properties against a real SQLite FTS5 table", () => {
  const table = openFts5Table([
    { title: "Diffusion models for images", abstract: "We train a model. GPT-4 and cs.LG.", authors: "Yann LeCun" },
    { title: "AND OR NOT NEAR", abstract: "* ^ : ( ) { } [ ] + ~ \" '", authors: "Ann Other" },
    { title: "日本語 Ελληνικά café", abstract: "naïve résumé", authors: "José Núñez" },
  ]);
  afterAll(() => table.close());

  it("compiles any input into an expression SQLite accepts, in every mode and column set", () => {
    fc.assert(
      fc.property(anyQueryText, fc.constantFrom(undefined, "all", "any"), fc.boolean(), (input, mode, columns) => {
        const expr = toFts5Match(parseQuery(input), {
          ...(mode ? { mode } : {}),
          ...(columns ? { textColumns: ["title", "abstract"] } : {}),
        });
        if (expr !== null) expect(() => table.match(expr)).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });

  it("finds a document whose text is the query itself, in both modes", () => {
    fc.assert(
      fc.property(plainQuery, fc.constantFrom("all", "any"), (input, mode) => {
        const expr = toFts5Match(parseQuery(input), { mode });
        expect(expr).not.toBeNull();
        const id = table.insert({ title: input, abstract: "", authors: "" });
        expect(table.match(expr ?? "")).toContain(id);
      }),
      { numRuns: 300 },
    );
  });
});
