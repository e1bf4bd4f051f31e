import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { readLines } from "./read-lines.js";

async function lines(chunks: Array<string | Buffer>): Promise<string[]> {
  const out: string[] = [];
  for await (const l of readLines(Readable.from(chunks))) out.push(l);
  return out;
}

describe("readLines", () => {
  it("splits on LF and CRLF, across chunk boundaries, keeping a last unterminated line", async () => {
    expect(await lines(["a\r\nb", "c\n", "\nd\r", "\ne"])).toEqual(["a", "bc", "", "d", "e"]);
  });
  it("decodes a multi-byte character split between chunks", async () => {
    const bytes = Buffer.from("héllo\nwörld\n");
    expect(await lines([bytes.subarray(0, 2), bytes.subarray(2, 9), bytes.subarray(9)])).toEqual(["héllo", "wörld"]);
  });
  it("yields nothing for empty input", async () => {
    expect(await lines([])).toEqual([]);
  });
});
