// A full-text query checked and highlighted on a paper's own text, cut and stemmed as FTS5 cuts and stems it.
//
// The postings index ranks by words; what FTS5 adds on top (phrases,
// `author:`, -exclusions, the word being typed) is checked here on the text
// of the few candidates ranked first, with FTS5's meaning: a phrase is
// consecutive tokens within one column, author: searches the authors column,
// an excluded phrase in any column drops the paper. Asking FTS5 instead costs
// a doclist seek per candidate and word (measured on 1M papers: 0.15-0.5 ms
// a paper), more than tokenising a title and an abstract.
import { MARK_END, MARK_START } from "../highlight.js";
import type { MatchMode } from "../query/match-mode.js";
import type { ParsedQuery } from "../query/parse-query.js";
import { asciiRuns, foldToken, isAscii, rawTokens, stemToken } from "./index-tokens.js";

const TOKEN = /[\p{L}\p{N}\p{Co}\p{Mn}]+/gu;

export interface Span {
  start: number;
  end: number;
  stem: string;
}

/**
 * Every token of the text with its place, as FTS5 sees it (stop words
 * included). With `only`, tokens that cannot stem to a stem starting with one
 * of these two-letter beginnings get an empty stem without being stemmed
 * (Porter never changes a word's first two letters): highlighting a page
 * stems a handful of words instead of every one.
 */
export function tokenSpans(text: string, only?: ReadonlySet<string>): Span[] {
  if (isAscii(text)) return asciiSpans(text, only);
  const out: Span[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const folded = foldToken(m[0]);
    if (folded === "") continue;
    out.push({ start: m.index, end: m.index + m[0].length, stem: stemIfWanted(folded, only) });
  }
  return out;
}

/** The stem of a folded token, or "" when `only` says no wanted stem can start as it does (see tokenSpans). */
function stemIfWanted(folded: string, only: ReadonlySet<string> | undefined): string {
  return only && !only.has(folded.slice(0, 2)) ? "" : stemToken(folded);
}

/** tokenSpans of ASCII text, cut by asciiRuns (what TOKEN matches there), lower-cased. */
function asciiSpans(text: string, only?: ReadonlySet<string>): Span[] {
  const out: Span[] = [];
  asciiRuns(text, (start, end) => {
    const folded = text.slice(start, end).toLowerCase();
    out.push({ start, end, stem: stemIfWanted(folded, only) });
  });
  return out;
}

/**
 * The stems of tokenSpans(text, only), without their places. ASCII text (nearly every paper) is
 * cut by asciiRuns' char-code scan, and with `only` a token is sliced, lower-cased and
 * stemmed only when its first two letters are wanted (a table look-up on the char codes): checking
 * a phrase on 840 candidates' abstracts at 1M papers took 28 ms when every token was cut out and
 * lower-cased first, 5 ms this way.
 */
export function textStems(text: string, only?: ReadonlySet<string>): string[] {
  if (!isAscii(text)) return tokenSpans(text, only).map((s) => s.stem);
  if (!only) return rawTokens(text).map(stemToken);
  const wanted = asciiStartFlags(only);
  const out: string[] = [];
  asciiRuns(text, (start, end) => {
    const second = end - start > 1 ? text.charCodeAt(start + 1) | LOWER : 0;
    out.push(wanted[startKey(text.charCodeAt(start) | LOWER, second)] === 1 ? stemToken(text.slice(start, end).toLowerCase()) : "");
  });
  return out;
}

/** ORed into an ASCII letter's code, gives its lower case; leaves digits as they are. */
const LOWER = 0x20;
/** A token's first two ASCII char codes (the second 0 for a one-letter token) as one table index. */
const startKey = (first: number, second: number) => first * 128 + second;
const startFlags = new WeakMap<ReadonlySet<string>, Uint8Array>();

/** The ASCII beginnings of `only` as flags by startKey (beginnings with other letters never start an ASCII token). */
function asciiStartFlags(only: ReadonlySet<string>): Uint8Array {
  let flags = startFlags.get(only);
  if (!flags) {
    flags = new Uint8Array(128 * 128);
    for (const s of only) {
      if (s.length === 0 || s.length > 2 || !isAscii(s)) continue;
      flags[startKey(s.charCodeAt(0), s.length > 1 ? s.charCodeAt(1) : 0)] = 1;
    }
    startFlags.set(only, flags);
  }
  return flags;
}

export interface TextQuery {
  /** Free words, each a sequence of stems (a phrase when the word held several tokens). */
  words: string[][];
  mode: MatchMode;
  /** The last stem of the last word is matched as a prefix. */
  prefixLast: boolean;
  phrases: string[][];
  authors: string[][];
  excluded: string[][];
}

export function textQuery(q: ParsedQuery, mode: MatchMode): TextQuery {
  const stems = (text: string) => tokenSpans(text).map((s) => s.stem);
  const nonEmpty = (xs: string[][]) => xs.filter((x) => x.length > 0);
  const words = q.terms.map(stems);
  return {
    words: nonEmpty(words),
    mode,
    prefixLast: q.prefixLast && words.length > 0 && words[words.length - 1]!.length > 0,
    phrases: nonEmpty(q.phrases.map((p) => stems(p.join(" ")))),
    authors: nonEmpty(q.authors.map(stems)),
    excluded: nonEmpty(q.excluded.map((e) => stems(e.join(" ")))),
  };
}

export interface PaperText {
  title: string;
  abstract: string;
  authors: string;
}

/** Whether `phrase` occurs as consecutive stems in `field`; with `prefix`, its last stem may start a longer one. */
function occurs(field: readonly string[], phrase: readonly string[], prefix: boolean): boolean {
  const n = phrase.length;
  const lastAt = n - 1;
  outer: for (let i = 0; i + n <= field.length; i++) {
    for (let j = 0; j < n; j++) {
      const f = field[i + j]!;
      const p = phrase[j]!;
      if (j === lastAt && prefix ? !f.startsWith(p) : f !== p) continue outer;
    }
    return true;
  }
  return false;
}

/** Whether the paper matches the query as FTS5 would match its MATCH expression. */
export function matchesText(q: TextQuery, paper: PaperText): boolean {
  const only = stemStarts(q);
  // Fields are cut when first looked in, title first: a word found in the title settles an any-word
  // query without cutting the abstract (about nine tenths of the text).
  const texts = [paper.title, paper.abstract, paper.authors];
  const cut: (string[] | undefined)[] = [];
  const field = (i: number) => (cut[i] ??= textStems(texts[i]!, only));
  const anywhere = (phrase: string[], prefix = false) => {
    for (let i = 0; i < texts.length; i++) if (occurs(field(i), phrase, prefix)) return true;
    return false;
  };
  if (q.words.length > 0) {
    const last = q.words.length - 1;
    const prefixAt = (j: number) => q.prefixLast && j === last;
    if (q.mode === "all") {
      if (!q.words.every((w, j) => anywhere(w, prefixAt(j)))) return false;
    } else {
      // Any word in any field: field by field, so the title is tried for every word first.
      let found = false;
      for (let i = 0; i < texts.length && !found; i++) found = q.words.some((w, j) => occurs(field(i), w, prefixAt(j)));
      if (!found) return false;
    }
  }
  if (!q.phrases.every((p) => anywhere(p))) return false;
  if (!q.authors.every((a) => occurs(field(2), a, false))) return false;
  return !q.excluded.some((e) => anywhere(e));
}

/**
 * The first two letters of every stem the query holds, for tokenSpans(): a
 * token starting otherwise cannot equal (or start with) any of them, so it is
 * not stemmed; it keeps its place, for phrases. Checking and highlighting both
 * use it. Undefined when the word being typed is under two letters (a prefix
 * of one letter starts tokens of every two-letter beginning).
 */
function stemStarts(q: TextQuery): Set<string> | undefined {
  if (queryStarts.has(q)) return queryStarts.get(q);
  const starts = new Set<string>();
  for (const group of [...q.words, ...q.phrases, ...q.authors, ...q.excluded]) for (const stem of group) starts.add(stem.slice(0, 2));
  const prefix = typedPrefix(q);
  const found = prefix !== null && prefix.length < 2 ? undefined : starts;
  queryStarts.set(q, found);
  return found;
}

/** stemStarts per query: a check runs it for each of hundreds of candidates. */
const queryStarts = new WeakMap<TextQuery, Set<string> | undefined>();

/** The last stem of the last word when it is being typed (matched as a prefix), else null. */
function typedPrefix(q: TextQuery): string | null {
  return q.prefixLast ? q.words[q.words.length - 1]!.at(-1)! : null;
}

interface Marks {
  stems: Set<string>;
  prefix: string | null;
  /** See stemStarts. */
  starts: Set<string> | undefined;
}

/** The stems a highlight marks, and the prefix, if any. */
function marked(q: TextQuery): Marks {
  const stems = new Set<string>();
  for (const w of [...q.words, ...q.phrases, ...q.authors]) for (const s of w) stems.add(s);
  const prefix = typedPrefix(q);
  if (prefix) stems.delete(prefix);
  return { stems, prefix, starts: stemStarts(q) };
}

function isMarked(m: Marks, stem: string): boolean {
  return stem !== "" && (m.stems.has(stem) || (m.prefix !== null && stem.startsWith(m.prefix)));
}

function mark(text: string, spans: Span[], m: Marks, from = 0, to = text.length): string {
  let out = "";
  let at = from;
  for (const s of spans) {
    if (s.start < from || s.end > to || !isMarked(m, s.stem)) continue;
    out += text.slice(at, s.start) + MARK_START + text.slice(s.start, s.end) + MARK_END;
    at = s.end;
  }
  return out + text.slice(at, to);
}

/** The text with the query's words marked, or null when none occurs (as FTS5's highlight() of a column). */
export function highlightText(q: TextQuery, text: string): string | null {
  const m = marked(q);
  const spans = tokenSpans(text, m.starts);
  return spans.some((s) => isMarked(m, s.stem)) ? mark(text, spans, m) : null;
}

/**
 * About `tokens` tokens of the text where the query's words are densest, marked,
 * with "…" where it was cut (as FTS5's snippet() with a 32-token window).
 */
export function snippetText(q: TextQuery, text: string, tokens = 32): string {
  const m = marked(q);
  const spans = tokenSpans(text, m.starts);
  if (spans.length <= tokens) return mark(text, spans, m);
  // The window with the most distinct marked stems, then the most marks, earliest first.
  let best = 0;
  let bestScore = -1;
  for (let i = 0; i + tokens <= spans.length; i++) {
    const seen = new Set<string>();
    let count = 0;
    for (let j = i; j < i + tokens; j++) {
      if (isMarked(m, spans[j]!.stem)) {
        seen.add(spans[j]!.stem);
        count++;
      }
    }
    const score = seen.size * 1000 + count;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  }
  const from = best === 0 ? 0 : spans[best]!.start;
  const lastSpan = spans[best + tokens - 1]!;
  const to = best + tokens >= spans.length ? text.length : lastSpan.end;
  return `${from > 0 ? "…" : ""}${mark(text, spans, m, from, to)}${to < text.length ? "…" : ""}`;
}
