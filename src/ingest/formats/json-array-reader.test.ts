import fc from "fast-check";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readJsonArray, type ArrayItem } from "./json-array-reader.js";

async function read(chunks: Array<string | Buffer>, wrapperKey?: string): Promise<ArrayItem[]> {
  const out: ArrayItem[] = [];
  for await (const item of readJsonArray(Readable.from(chunks), wrapperKey ? { wrapperKey } : {})) out.push(item);
  return out;
}

/** Splits a buffer into pieces at the given cut points (which may fall inside multi-byte characters). */
function cut(buf: Buffer, points: number[]): Buffer[] {
  const sorted = [...new Set(points.map((p) => p % (buf.length + 1)))].sort((a, b) => a - b);
  const pieces: Buffer[] = [];
  let from = 0;
  for (const p of sorted) {
    pieces.push(buf.subarray(from, p));
    from = p;
  }
  pieces.push(buf.subarray(from));
  return pieces.filter((p) => p.length > 0);
}

describe("readJsonArray", () => {
  it("yields every entry of any array, however the bytes are chunked", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.jsonValue({ maxDepth: 3 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 12 }),
        fc.boolean(),
        async (entries, points, pretty) => {
          const text = JSON.stringify(entries, null, pretty ? 2 : undefined);
          const items = await read(cut(Buffer.from(text, "utf8"), points));
          // JSON.stringify turns -0 into 0; compare with what a JSON round trip gives.
          expect(items).toEqual(JSON.parse(text).map((value: unknown, index: number) => expect.objectContaining({ ok: true, index, value })));
        },
      ),
      { numRuns: 300 },
    );
  });

  it("streams the array held by the wrapper key, wherever it sits among other members", async () => {
    const text = '{"status":"ok","meta":{"a":[1,{"b":"]}"}]},"count":2,"data":[{"x":1}, "two", 3, true, null],"tail":[[]]}';
    const items = await read(cut(Buffer.from(text), [3, 17, 40, 41, 66, 70]), "data");
    expect(items.map((i) => i.ok && i.value)).toEqual([{ x: 1 }, "two", 3, true, null]);
  });

  it("reports the line of each entry", async () => {
    const items = await read(['[\n  {"a": 1},\n\n  "s",\n  7\n]']);
    expect(items.map((i) => i.line)).toEqual([2, 4, 5]);
  });

  it("handles strings with escaped quotes, brackets and a split escape", async () => {
    const items = await read(['["a\\', '"b]", {"k": "}\\\\', '"}]']);
    expect(items.map((i) => i.ok && i.value)).toEqual(['a"b]', { k: "}\\" }]);
  });

  it("stops at the first structural error with its line and column", async () => {
    const cases: Array<[string, string]> = [
      ["[1 2]", 'unexpected "2" after array entry 0 (expected "," or "]") at line 1, column 4'],
      ["[1,]", 'unexpected "]" where an array entry was expected at line 1, column 4'],
      ['[{"a": [1}]', 'unexpected "}" (expected "]") at line 1, column 10'],
      ["[1]\nx", 'unexpected "x" after the end of the JSON value at line 2, column 1'],
      ["[1,\n 2", "unexpected end of input (an unclosed array or object) at line 2, column 3"],
      ['{"data": [1]}', 'top-level JSON value is an object, expected an array at line 1, column 1'],
    ];
    for (const [text, message] of cases) {
      const items = await read([text]);
      const failure = items.at(-1);
      expect(failure?.ok, text).toBe(false);
      expect(!failure?.ok && failure?.message, text).toBe(message);
      expect(items.filter((i) => !i.ok), text).toHaveLength(1);
    }
  });

  it("reports a bad entry from JSON.parse with a position in the file", async () => {
    const items = await read(['[1,\n  {"a":\n   tru}]']);
    expect(items[0]).toMatchObject({ ok: true, value: 1 });
    expect(items[1]).toMatchObject({ ok: false, index: 1, line: 2 });
    expect(items).toHaveLength(2);
  });

  it("yields a trailing literal before reporting the missing bracket", async () => {
    const items = await read(["[1, 22"]);
    expect(items[1]).toMatchObject({ ok: true, value: 22, index: 1 });
    expect(items[2]).toMatchObject({ ok: false, message: expect.stringContaining("unexpected end of input") });
  });
});
