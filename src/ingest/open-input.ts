// Opening an import file as a byte stream, transparently gunzipping it when it is gzip-compressed.
//
// Compression is recognised by the gzip magic bytes (1f 8b), not by the file
// name, so a renamed `.jsonl` that is really gzip still imports.
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { pipeline, Transform, type Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";

export interface OpenInputOptions {
  /** Called as the file is read, with the running total of bytes read from disk (compressed bytes for gzip). */
  onBytes?: (bytesRead: number) => void;
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, "r");
  try {
    const magic = Buffer.alloc(2);
    const { bytesRead } = await fh.read(magic, 0, 2, 0);
    return bytesRead === 2 && magic[0] === 0x1f && magic[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

function byteCounter(onBytes: (bytesRead: number) => void): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      onBytes(total);
      done(null, chunk);
    },
  });
}

/** The file's content as a stream, decompressed if it is gzip. Rejects if the file cannot be opened. */
export async function openInput(path: string, opts: OpenInputOptions = {}): Promise<NodeJS.ReadableStream> {
  const gzip = await isGzip(path);
  const stages: Array<Readable | Transform> = [createReadStream(path)];
  if (opts.onBytes) stages.push(byteCounter(opts.onBytes));
  if (gzip) stages.push(createGunzip());
  const last = stages[stages.length - 1]!;
  // pipeline (not pipe) so a read error or corrupt gzip data reaches the consumer as a stream error.
  if (stages.length > 1) pipeline(stages, () => {});
  return last;
}

/**
 * The first `bytes` bytes of the (decompressed) content as UTF-8 text, for
 * format detection. A multi-byte character cut at the limit is dropped.
 */
export async function peekText(path: string, bytes: number): Promise<string> {
  const stream = await openInput(path);
  const decoder = new StringDecoder("utf8");
  let text = "";
  let remaining = bytes;
  try {
    for await (const chunk of stream) {
      const buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
      text += decoder.write(buf.subarray(0, remaining));
      remaining -= Math.min(remaining, buf.length);
      if (remaining === 0) break;
    }
  } catch (err) {
    // A truncated gzip file still has a readable head; detection only needs that.
    if (text === "") throw err;
  }
  return text;
}
