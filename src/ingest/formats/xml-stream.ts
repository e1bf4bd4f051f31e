// The streaming XML driver the arXiv parsers share: feeds saxes chunk by chunk and stops at the first well-formedness error.
import type { SaxesParser } from "saxes";
import type { ParseResult } from "../../domain/ingest-types.js";
import { cleanText } from "../../domain/title.js";

/** A well-formedness error, thrown out of saxes so parsing stops at the first one. */
export class XmlSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Writes the stream into saxes one chunk at a time and yields what the handlers
 * queued after each chunk. Returns the document's first well-formedness error,
 * after yielding everything completed before it; stream errors propagate.
 */
export async function* feedSax(
  input: NodeJS.ReadableStream,
  sax: SaxesParser<{ xmlns: true }>,
  queue: ParseResult[],
): AsyncGenerator<ParseResult, XmlSyntaxError | null> {
  sax.on("error", (err) => {
    const detail = err.message.replace(/^\d+:\d+: /, "");
    throw new XmlSyntaxError(`XML not well-formed at line ${sax.line}, column ${sax.column}: ${detail}`, sax.line);
  });
  const decoder = new TextDecoder("utf-8");
  let failure: XmlSyntaxError | null = null;
  try {
    for await (const chunk of input) {
      sax.write(typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true }));
      yield* queue.splice(0);
    }
    sax.write(decoder.decode());
    sax.close();
  } catch (err) {
    if (!(err instanceof XmlSyntaxError)) throw err;
    failure = err;
  }
  yield* queue.splice(0);
  return failure;
}

/** Collapsed element text, or null when empty. */
export function optionalText(s: string | undefined): string | null {
  const t = cleanText(s ?? "");
  return t || null;
}

/** ISO string, null when absent, undefined when present but not a date. */
export function isoDate(s: string | undefined): string | null | undefined {
  const t = s?.trim();
  if (!t) return null;
  const d = new Date(t);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}
