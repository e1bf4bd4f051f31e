import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_QUERY_WORDS, parseQuery, type ParsedQuery } from "./parse-query.js";
import { anyQueryText, syntaxSoup } from "./test-support/query-arbitraries.js";

/** What every consumer may rely on, whatever was typed. */
function expectWellFormed(q: ParsedQuery): void {
  const words = [...q.terms, ...q.phrases.flat(), ...q.excluded.flat(), ...q.authors.flatMap((a) => a.split(" "))];
  for (const w of words) expect(w).toMatch(/^[\p{L}\p{N}\p{M}]+(?:[.-][\p{L}\p{N}\p{M}]+)*$/u);
  for (const list of [...q.phrases, ...q.excluded]) expect(list.length).toBeGreaterThan(0);
  expect(words.length + q.categories.length).toBeLessThanOrEqual(MAX_QUERY_WORDS);
  for (const c of q.categories) expect(c).toMatch(/^[a-z][a-z-]*(?:\.[a-z][a-z-]*)?$/);
  for (const d of [q.after, q.before]) if (d !== null) expect(d).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  if (q.prefixLast) expect(q.terms.length).toBeGreaterThan(0);
  if (q.excluded.length > 0) expect(q.terms.length + q.phrases.length + q.authors.length).toBeGreaterThan(0);
  if (q.arxivId !== null) expect(words).toEqual([]);
  for (const w of q.warnings) expect(typeof w).toBe("string");
}

describe("parseQuery: properties", () => {
  it("never throws and always returns a well-formed query, for any string", () => {
    fc.assert(
      fc.property(anyQueryText, (input) => {
        expectWellFormed(parseQuery(input));
      }),
      { numRuns: 2000 },
    );
  });

  it("handles 10 KB of garbage quickly, reading only the first 1,000 characters", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: "binary", minLength: 10_240, maxLength: 10_240 }),
          syntaxSoup.map((s) => (s || '"-').repeat(Math.ceil(10_240 / Math.max(s.length, 1)))),
        ),
        (input) => {
          const started = performance.now();
          const q = parseQuery(input);
          expect(performance.now() - started).toBeLessThan(100);
          expectWellFormed(q);
          expect(q.warnings.some((w) => w.includes("longer than 1000 characters"))).toBe(input.length > 1000);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("parses the same query the same way whatever the case of its letters and keys", () => {
    fc.assert(
      fc.property(syntaxSoup, (input) => {
        const lower = parseQuery(input.toLowerCase());
        const upper = parseQuery(input.toUpperCase());
        // Upper-casing can change letters that have no simple round trip (ß → SS, İ), so compare only ASCII input.
        if (/^[\x20-\x7e]*$/.test(input)) expect(upper).toEqual(lower);
      }),
      { numRuns: 500 },
    );
  });
});
