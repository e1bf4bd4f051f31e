// Streaming readers for BEIR evaluation files: queries (JSON lines) and qrels (TSV with a header).
//
// One bad line never stops a read: it is returned in `errors` with the file and
// 1-based line number, and the good lines still count, because a benchmark with
// one malformed judgment is still worth running (and the caller decides whether
// to). A file that cannot be opened or read at all throws, naming the file.
import { open } from "node:fs/promises";
import { createInterface } from "node:readline";

export interface BeirLineError {
  file: string;
  line: number;
  reason: string;
}

export interface BeirQueries {
  /** Query id -> query text, in file order. */
  queries: Map<string, string>;
  errors: BeirLineError[];
}

export interface BeirQrels {
  /** Query id -> (corpus id -> graded score). Grade-0 rows are kept: they are judged non-relevant. */
  qrels: Map<string, Map<string, number>>;
  errors: BeirLineError[];
}

export const QRELS_HEADER = "query-id\tcorpus-id\tscore";

/** Yields [lineNumber, line] for every line, one at a time; wraps any I/O failure in an error naming the file. */
async function* linesOf(file: string, kind: string): AsyncGenerator<[number, string]> {
  const fail = (err: unknown): Error =>
    new Error(`cannot read BEIR ${kind} file "${file}": ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  let handle;
  try {
    handle = await open(file, "r");
  } catch (err) {
    throw fail(err);
  }
  const lines = createInterface({ input: handle.createReadStream({ encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (const line of lines) {
      n++;
      yield [n, n === 1 ? line.replace(/^\uFEFF/, "") : line];
    }
  } catch (err) {
    throw fail(err);
  } finally {
    lines.close();
    await handle.close().catch(() => undefined);
  }
}

/** Reads `{"_id": string, "text": string, ...}` lines; blank lines are skipped, a repeated id is an error (first wins). */
export async function readBeirQueries(file: string): Promise<BeirQueries> {
  const queries = new Map<string, string>();
  const errors: BeirLineError[] = [];
  for await (const [line, text] of linesOf(file, "queries")) {
    if (text.trim() === "") continue;
    const reason = parseQueryLine(text, queries);
    if (reason) errors.push({ file, line, reason });
  }
  return { queries, errors };
}

/**
 * Reads `query-id<TAB>corpus-id<TAB>score` rows after the header line. A missing header is
 * reported and the first line is then read as a row; scores must be integers (BEIR's are);
 * a repeated (query, corpus) pair is an error and the first judgment wins.
 */
export async function readBeirQrels(file: string): Promise<BeirQrels> {
  const qrels = new Map<string, Map<string, number>>();
  const errors: BeirLineError[] = [];
  for await (const [line, text] of linesOf(file, "qrels")) {
    const headerMissing = line === 1 && text.trim() !== QRELS_HEADER;
    if (line === 1 && !headerMissing) continue;
    if (headerMissing) errors.push({ file, line, reason: `expected the header "${QRELS_HEADER.replaceAll("\t", "\\t")}"` });
    if (text.trim() === "") continue;
    const reason = parseQrelsRow(text, qrels);
    // A first line that is neither header nor row is one problem, reported once.
    if (reason && !headerMissing) errors.push({ file, line, reason });
  }
  return { qrels, errors };
}

/** Adds one row to `qrels`, or returns why it cannot. */
function parseQrelsRow(text: string, qrels: Map<string, Map<string, number>>): string | undefined {
  const fields = text.replace(/\r$/, "").split("\t");
  if (fields.length !== 3) return `expected 3 tab-separated fields, found ${fields.length}`;
  const [queryId = "", corpusId = "", score = ""] = fields.map((f) => f.trim());
  if (queryId === "" || corpusId === "") return "empty query-id or corpus-id";
  if (!/^-?\d+$/.test(score)) return `score "${score}" is not an integer`;
  let judged = qrels.get(queryId);
  if (!judged) qrels.set(queryId, (judged = new Map()));
  if (judged.has(corpusId)) return `duplicate judgment for query "${queryId}" and document "${corpusId}"`;
  judged.set(corpusId, Number(score));
  return undefined;
}

/** Adds one query line to `queries`, or returns why it cannot. */
function parseQueryLine(text: string, queries: Map<string, string>): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return `invalid JSON: ${(err as Error).message}`;
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return "not a JSON object";
  const { _id: id, text: query } = value as Record<string, unknown>;
  if (typeof id !== "string" || id === "") return `"_id" must be a non-empty string`;
  if (typeof query !== "string" || query.trim() === "") return `"text" must be a non-empty string`;
  if (queries.has(id)) return `duplicate query id "${id}"`;
  queries.set(id, query);
  return undefined;
}
