import fc from "fast-check";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseQuery } from "./parse-query.js";
import { anyQueryText, plainQuery } from "./test-support/query-arbitraries.js";
import { toTsqueryText } from "./tsquery.js";

const url = process.env.PAPERBOARD_TEST_PG_URL;
if (!url) console.log("PAPERBOARD_TEST_PG_URL is not set; PostgreSQL tsquery tests skipped (.ci/run sets it)");

describe.skipIf(!url)("toTsqueryText: against real PostgreSQL", () => {
  const client = new pg.Client({ connectionString: url });
  beforeAll(async () => {
    await client.connect();
    client.on("notice", () => {}); // "only stop words" notices are expected
  });
  afterAll(async () => {
    await client.end();
  });
  const matches = async (input: string, document: string): Promise<boolean> => {
    const text = toTsqueryText(parseQuery(input));
    if (text === null) throw new Error(`no tsquery for ${input}`);
    const r = await client.query<{ m: boolean }>("SELECT to_tsvector('english', $2) @@ to_tsquery('english', $1) AS m", [
      text,
      document,
    ]);
    return r.rows[0]?.m === true;
  };

  it("compiles any input into text to_tsquery accepts, in every mode", async () => {
    await fc.assert(
      fc.asyncProperty(
        anyQueryText,
        fc.constantFrom(undefined, "all", "any"),
        fc.constantFrom(undefined, "C"),
        async (input, mode, authorWeight) => {
          const text = toTsqueryText(parseQuery(input), {
            ...(mode ? { mode } : {}),
            ...(authorWeight ? { authorWeight } : {}),
          });
          if (text !== null) await client.query("SELECT to_tsquery('english', $1)", [text]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("finds a document whose text is the query itself", async () => {
    await fc.assert(
      fc.asyncProperty(plainQuery, async (input) => {
        expect(await matches(input, input)).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it("matches what PostgreSQL's parser makes of the document", async () => {
    expect(await matches("models ", "A diffusion model")).toBe(true);
    expect(await matches("gpt-4 ", "The GPT-4 technical report")).toBe(true);
    expect(await matches("gpt-4 ", "The GPT-3 technical report")).toBe(false);
    expect(await matches("cs.LG 3.5 ", "cs.LG, version 3.5")).toBe(true);
    expect(await matches("transf", "Transformers are graph networks")).toBe(true);
    expect(await matches("transformers -survey ", "A survey of transformers")).toBe(false);
    expect(await matches('"graph networks"', "Transformers are graph networks")).toBe(true);
    expect(await matches('"networks graph"', "Transformers are graph networks")).toBe(false);
    // English stop words vanish from to_tsquery, so a phrase of them alone cannot constrain anything.
    expect(await matches('"the of" model ', "A model")).toBe(true);
  });
});
