// A segment on disk: one file, written once (to a temporary name, then renamed) and read back whole.
//
// Layout: "PBPS1\n", a uint32 (little-endian) header length, a UTF-8 JSON
// header with the array lengths, then the arrays in the header's order, each
// starting on an 8-byte boundary so it can be viewed in place; the terms are
// one "\n"-joined UTF-8 text (a token never holds a newline).
import { open, readFile, rename } from "node:fs/promises";
import { Segment, type SegmentData } from "./segment.js";

const MAGIC = "PBPS1\n";
// 2: paper ids, and boilerplate words (based, paper, use…) indexed.
const VERSION = 2;

type ArrayName = "postStart" | "postings" | "df" | "seqs" | "lens" | "published" | "catStart" | "catIds" | "deleted" | "idStart" | "idBytes";
const ARRAYS: [ArrayName, { BYTES_PER_ELEMENT: number; new (b: ArrayBuffer, o: number, n: number): ArrayBufferView }][] = [
  ["postStart", Uint32Array],
  ["postings", Uint8Array],
  ["df", Uint32Array],
  ["seqs", Uint32Array],
  ["lens", Uint16Array],
  ["published", Float64Array],
  ["catStart", Uint32Array],
  ["catIds", Uint16Array],
  ["deleted", Uint32Array],
  ["idStart", Uint32Array],
  ["idBytes", Uint8Array],
];

interface Header {
  version: number;
  serial: number;
  categories: string[];
  termBytes: number;
  lengths: Record<ArrayName, number>;
}

const pad8 = (n: number) => (8 - (n % 8)) % 8;

export async function writeSegment(path: string, segment: Segment): Promise<void> {
  const d = segment.data;
  const terms = Buffer.from(d.terms.join("\n"), "utf8");
  const header: Header = {
    version: VERSION,
    serial: segment.serial,
    categories: d.categories,
    termBytes: terms.length,
    lengths: Object.fromEntries(ARRAYS.map(([name]) => [name, d[name].length])) as Record<ArrayName, number>,
  };
  const json = Buffer.from(JSON.stringify(header), "utf8");
  const len = Buffer.alloc(4);
  len.writeUInt32LE(json.length);
  const parts: Uint8Array[] = [Buffer.from(MAGIC), len, json];
  let at = MAGIC.length + 4 + json.length;
  const align = () => {
    const p = pad8(at);
    if (p) parts.push(new Uint8Array(p));
    at += p;
  };
  align();
  parts.push(terms);
  at += terms.length;
  for (const [name] of ARRAYS) {
    align();
    const a = d[name];
    parts.push(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
    at += a.byteLength;
  }
  const tmp = `${path}.tmp`;
  const fh = await open(tmp, "w");
  try {
    for (const p of parts) await fh.write(p);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

export async function readSegment(path: string): Promise<Segment> {
  const file = await readFile(path);
  // Views need aligned offsets: copy unless the file sits at the start of its own buffer.
  const buf = file.byteOffset % 8 === 0 ? file : Buffer.from(file);
  const fail = (why: string) => new Error(`${path} is not a postings segment: ${why}`);
  if (buf.subarray(0, MAGIC.length).toString("latin1") !== MAGIC) throw fail("bad magic");
  const hlen = buf.readUInt32LE(MAGIC.length);
  let at = MAGIC.length + 4;
  if (at + hlen > buf.length) throw fail("truncated header");
  const header = JSON.parse(buf.subarray(at, at + hlen).toString("utf8")) as Header;
  if (header.version !== VERSION) throw fail(`version ${header.version}`);
  at += hlen;
  at += pad8(at);
  if (at + header.termBytes > buf.length) throw fail("truncated terms");
  const termText = buf.subarray(at, at + header.termBytes).toString("utf8");
  at += header.termBytes;
  const arrays = {} as Record<ArrayName, ArrayBufferView>;
  for (const [name, Kind] of ARRAYS) {
    at += pad8(at);
    const n = header.lengths[name];
    const bytes = n * Kind.BYTES_PER_ELEMENT;
    if (!Number.isInteger(n) || n < 0 || at + bytes > buf.length) throw fail(`truncated ${name}`);
    arrays[name] = new Kind(buf.buffer as ArrayBuffer, buf.byteOffset + at, n);
    at += bytes;
  }
  const data = {
    ...(arrays as unknown as Omit<SegmentData, "terms" | "categories">),
    terms: termText === "" ? [] : termText.split("\n"),
    categories: header.categories,
  } as SegmentData;
  if (data.terms.length !== data.df.length || data.postStart.length !== data.df.length + 1 || data.catStart.length !== data.seqs.length + 1 || data.idStart.length !== data.seqs.length + 1) {
    throw fail("inconsistent lengths");
  }
  return new Segment(header.serial, data);
}
