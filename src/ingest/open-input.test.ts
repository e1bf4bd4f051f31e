import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseKaggle } from "./formats/kaggle.js";
import { openInput, peekText } from "./open-input.js";

let dir = "";
const TEXT = "première ligne\nsecond line\n".repeat(2000);

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === "string" ? Buffer.from(c) : c);
  return Buffer.concat(chunks).toString("utf8");
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "paperboard-open-input-"));
  await writeFile(join(dir, "plain.txt"), TEXT);
  // Named without .gz on purpose: the magic bytes decide.
  await writeFile(join(dir, "packed.jsonl"), gzipSync(TEXT));
  const packed = gzipSync(TEXT);
  await writeFile(join(dir, "truncated.gz"), packed.subarray(0, packed.length - 12));
  await writeFile(join(dir, "empty.txt"), "");
  const line = JSON.stringify({ id: "0704.0001", title: "Gzipped", versions: [{ version: "v1", created: "Mon, 2 Apr 2007 19:18:42 GMT" }] });
  await writeFile(join(dir, "kaggle.jsonl.gz"), gzipSync(`${line}\n${line}\n`));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("openInput", () => {
  it("passes plain files through and gunzips gzip files by their magic bytes", async () => {
    expect(await readAll(await openInput(join(dir, "plain.txt")))).toBe(TEXT);
    expect(await readAll(await openInput(join(dir, "packed.jsonl")))).toBe(TEXT);
  });

  it("feeds a parser from a gzip file", async () => {
    const titles: string[] = [];
    for await (const r of parseKaggle(await openInput(join(dir, "kaggle.jsonl.gz")), { file: "k" })) {
      if (r.ok) titles.push(r.record.paper.title);
    }
    expect(titles).toEqual(["Gzipped", "Gzipped"]);
  });

  it("reports bytes read from disk, compressed size for gzip", async () => {
    let last = 0;
    await readAll(await openInput(join(dir, "packed.jsonl"), { onBytes: (n) => (last = n) }));
    expect(last).toBe(gzipSync(TEXT).length);
  });

  it("surfaces corrupt gzip data as a stream error and a missing file as a rejection", async () => {
    await expect(readAll(await openInput(join(dir, "truncated.gz")))).rejects.toThrow(/unexpected end of file/i);
    await expect(openInput(join(dir, "missing.txt"))).rejects.toMatchObject({ code: "ENOENT" });
  });
});

describe("peekText", () => {
  it("returns the first bytes of the decompressed content", async () => {
    expect(await peekText(join(dir, "plain.txt"), 11)).toBe("première l");
    expect(await peekText(join(dir, "packed.jsonl"), 11)).toBe("première l");
    expect(await peekText(join(dir, "packed.jsonl"), 100_000)).toBe(TEXT.slice(0, TEXT.length));
    expect(await peekText(join(dir, "empty.txt"), 10)).toBe("");
  });

  it("returns the readable head of a truncated gzip file", async () => {
    const head = await peekText(join(dir, "truncated.gz"), 1_000_000);
    expect(head.startsWith("première ligne\nsecond line\n")).toBe(true);
    expect(head.length).toBeLessThan(TEXT.length);
  });

  it("drops a character cut in half by the limit", async () => {
    // "premi" is 5 bytes; "è" takes bytes 6-7.
    expect(await peekText(join(dir, "packed.jsonl"), 6)).toBe("premi");
  });
});
