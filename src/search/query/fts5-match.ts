// Compiling a ParsedQuery into an SQLite FTS5 MATCH expression (table columns: title, abstract, authors).
//
// Every word is a double-quoted FTS5 string, so nothing a user types can be
// FTS5 syntax: `AND`, `NEAR`, `*`, `:` or `^` inside quotes are just text.
// FTS5 re-tokenises each string with the table's tokenizer, so `"gpt-4"` is
// the phrase gpt 4 and `"models"` is stemmed like the documents were. The
// result is passed as a bound parameter (`WHERE t MATCH ?`), never spliced
// into SQL. Filters (categories, dates, arXiv id) are not part of it: the
// caller applies them in SQL.

import { defaultMatchMode, type MatchMode } from "./match-mode.js";
import type { ParsedQuery } from "./parse-query.js";

export interface Fts5MatchOptions {
  /** Default: defaultMatchMode(q) ("any" from 4 free words on). */
  mode?: MatchMode;
  /** Columns that words, phrases and exclusions search; default every column of the table. */
  textColumns?: readonly string[];
  /** Column that `author:` searches; default "authors". */
  authorColumn?: string;
}

const BAREWORD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FTS5_KEYWORDS = new Set(["and", "or", "not", "near"]);

/**
 * The MATCH expression, or null when the query has nothing to match (only
 * filters, or nothing at all). Throws only for invalid column names in
 * `options`, a programming error; any ParsedQuery compiles.
 */
export function toFts5Match(q: ParsedQuery, options: Fts5MatchOptions = {}): string | null {
  const mode = options.mode ?? defaultMatchMode(q);
  const authorColumn = checkColumn(options.authorColumn ?? "authors");
  const textColumns = (options.textColumns ?? []).map(checkColumn);
  const inText = (expr: string): string =>
    textColumns.length === 0 ? expr : `{${textColumns.join(" ")}} : (${expr})`;

  const last = q.terms.length - 1;
  const words = q.terms.map((t, i) => quote(t) + (q.prefixLast && i === last ? "*" : ""));
  const positive: string[] = [];
  if (words.length > 0) positive.push(inText(group(words, mode === "any" ? "OR" : "AND")));
  for (const p of q.phrases) positive.push(inText(quote(p.join(" "))));
  for (const a of q.authors) positive.push(`${authorColumn} : ${quote(a)}`);
  if (positive.length === 0) return null;
  const required = positive.join(" AND ");
  if (q.excluded.length === 0) return required;
  // NOT is binary in FTS5 and needs a positive left side; that is why the parser drops exclusions alone.
  const excluded = inText(group(q.excluded.map((e) => quote(e.join(" "))), "OR"));
  const grouped = positive.length === 1 && words.length > 1 && textColumns.length === 0;
  return `${grouped ? required : `(${required})`} NOT ${excluded}`;
}

/** An FTS5 string: the only escape inside double quotes is a doubled quote. */
function quote(text: string): string {
  return `"${text.replaceAll('"', '""')}"`;
}

function group(items: string[], op: "AND" | "OR"): string {
  return items.length === 1 ? (items[0] ?? "") : `(${items.join(` ${op} `)})`;
}

function checkColumn(name: string): string {
  if (!BAREWORD.test(name) || FTS5_KEYWORDS.has(name.toLowerCase())) {
    throw new TypeError(`Not a usable FTS5 column name: ${JSON.stringify(name)}`);
  }
  return name;
}
