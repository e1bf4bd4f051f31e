// Compiling a ParsedQuery into tsquery text for PostgreSQL's to_tsquery('english', $1).
//
// Each lexeme is a single-quoted word made only of letters, digits and marks
// with inner `.`/`-` (query-words.ts), re-checked here, so it holds no quote,
// backslash or space and the text can never be a tsquery syntax error. This
// deliberately keeps more than `[a-z0-9]` runs: PostgreSQL's parser turns the
// document's "GPT-4" into `gpt` + `-4` and keeps `3.5` and `cs.lg` whole, so
// only the quoted word `'gpt-4'` (parsed by the same parser) matches them, and
// non-ASCII words (café, 日本語) must not vanish. to_tsquery then stems and
// drops stop words itself. Operators: `&` and `|` between words, `<->` inside
// phrases, `!` for exclusions, `:*` on the word still being typed. Filters are
// applied by the caller in SQL.

import { defaultMatchMode, type MatchMode } from "./match-mode.js";
import type { ParsedQuery } from "./parse-query.js";
import { splitWords } from "./query-words.js";

export interface TsqueryOptions {
  /** Default: defaultMatchMode(q) ("any" from 4 free words on). */
  mode?: MatchMode;
  /**
   * The weight label author names carry in the document tsvector
   * (`setweight(to_tsvector(authors), 'C')`); `author:` words are then
   * restricted to it. Without it, author words match anywhere in the document.
   */
  authorWeight?: "A" | "B" | "C" | "D";
}

/** The text for `to_tsquery('english', $1)`, or null when the query has nothing to match (only filters). */
export function toTsqueryText(q: ParsedQuery, options: TsqueryOptions = {}): string | null {
  const mode = options.mode ?? defaultMatchMode(q);
  const last = q.terms.length - 1;
  const words = q.terms
    .map((t, i) => phrase([t], q.prefixLast && i === last))
    .filter((w) => w !== "");
  const positive: string[] = [];
  if (words.length > 0) positive.push(group(words, mode === "any" ? "|" : "&"));
  for (const p of q.phrases) positive.push(phrase(p, false));
  for (const a of q.authors) positive.push(phrase(a.split(" "), false, options.authorWeight));
  const required = positive.filter((p) => p !== "");
  if (required.length === 0) return null;
  const excluded = q.excluded.map((e) => phrase(e, false)).filter((e) => e !== "").map((e) => `!${e}`);
  return [...required, ...excluded].join(" & ");
}

/**
 * Words in order as one operand: `'a'` or `('a' <-> 'b')`, each lexeme
 * restricted to `weight` when given, the last one a prefix when `prefix`;
 * "" when no word survives sanitising.
 */
function phrase(words: readonly string[], prefix: boolean, weight = ""): string {
  const lexemes = words.flatMap((w) => splitWords(w.toLowerCase()));
  if (lexemes.length === 0) return "";
  const last = lexemes.length - 1;
  const operands = lexemes.map((w, i) => {
    const label = (prefix && i === last ? "*" : "") + weight;
    return label === "" ? `'${w}'` : `'${w}':${label}`;
  });
  return operands.length === 1 ? (operands[0] ?? "") : `(${operands.join(" <-> ")})`;
}

function group(items: string[], op: "&" | "|"): string {
  return items.length === 1 ? (items[0] ?? "") : `(${items.join(` ${op} `)})`;
}
