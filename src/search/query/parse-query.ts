// The search query language: parsing what a user typed into one ParsedQuery, which never fails.
//
// Syntax (keys are case-insensitive; see query-scanner.ts, query-words.ts):
//   words                  every word must match (or most of them, see match-mode.ts)
//   "a phrase"             the words in this order; an unclosed quote ends at the end of input
//   -word  -"a phrase"     papers containing it are left out (needs something positive to search)
//   author:hinton  author:"geoffrey hinton"
//   cat:cs.lg  cat:cs      category, by dot-bounded prefix (query-categories.ts)
//   after:2024  before:2024-06-30   inclusive day bounds (query-dates.ts)
//   org:deepseek-ai  org:"google deepmind"   the hub organisation (handle or full name)
//   has:code               only papers with a code repository
//   2407.21783, arXiv:2407.21783v2 or an arxiv.org abs/pdf URL as the whole query: that paper
// Whatever is not understood becomes plain words or a warning for the user,
// never an exception: this runs on every keystroke of the search box.

import { parseArxivId } from "../../domain/arxiv-id.js";
import { parseCategories } from "./query-categories.js";
import { parseDayBound } from "./query-dates.js";
import { scanQuery } from "./query-scanner.js";
import { endsInWord, normaliseQueryText, splitWords } from "./query-words.js";

export interface ParsedQuery {
  /** Single words (normalised, distinct), in the order typed; the prefix word, if any, is last. */
  terms: string[];
  /** Each phrase as its words. */
  phrases: string[][];
  /** Each excluded word or phrase as its words; empty unless something positive is searched. */
  excluded: string[][];
  /** Each author as normalised words joined by single spaces ("geoffrey hinton"). */
  authors: string[];
  /** Category filters, lower case (`cs.lg`, `cs`), any of which may match. */
  categories: string[];
  /** Organisation filters (handle or full name, lower case), any of which may match. */
  organizations: string[];
  /** has:code was given. */
  hasCode: boolean;
  /** Inclusive first day, YYYY-MM-DD. */
  after: string | null;
  /** Inclusive last day, YYYY-MM-DD. */
  before: string | null;
  /** Set when the whole query names one arXiv paper (id without version); everything else is then empty. */
  arxivId: string | null;
  /** The user is still typing the last entry of `terms`: match it as a prefix. */
  prefixLast: boolean;
  /** Problems the user should see (ignored filters, truncation), in plain language. */
  warnings: string[];
}

/** Longer input is cut: a search box needs no more, and it bounds the work per keystroke. */
export const MAX_QUERY_CHARS = 1000;
/** Words kept across terms, phrases, exclusions, authors and categories: bounds the compiled expression. */
export const MAX_QUERY_WORDS = 32;
/** A one-letter prefix would expand to a large part of the index, so the last word needs two. */
export const MIN_PREFIX_CHARS = 2;

export function parseQuery(input: string): ParsedQuery {
  const q: ParsedQuery = {
    terms: [], phrases: [], excluded: [], authors: [], categories: [], organizations: [], hasCode: false,
    after: null, before: null, arxivId: null, prefixLast: false, warnings: [],
  };
  let raw = typeof input === "string" ? input : "";
  if (raw.length > MAX_QUERY_CHARS) {
    raw = raw.slice(0, MAX_QUERY_CHARS);
    q.warnings.push(`The query is longer than ${MAX_QUERY_CHARS} characters; only the beginning was used.`);
  }
  const text = normaliseQueryText(raw);
  const id = parseArxivId(text);
  if (id) return { ...q, arxivId: id.id };

  let budget = MAX_QUERY_WORDS;
  let truncated = false;
  const take = (words: string[]): string[] => {
    const kept = words.slice(0, Math.max(budget, 0));
    budget -= kept.length;
    if (kept.length < words.length) truncated = true;
    return kept;
  };
  const addOnce = (list: string[][], words: string[]): void => {
    const key = words.join(" ");
    if (words.length === 0 || list.some((w) => w.join(" ") === key)) return;
    const kept = take(words);
    if (kept.length > 0) list.push(kept);
  };
  /** A repeated word moves to the end instead of counting twice, so the word being typed stays last. */
  const addTerm = (word: string): boolean => {
    const at = q.terms.indexOf(word);
    if (at >= 0) q.terms.splice(at, 1);
    else if (take([word]).length === 0) return false;
    q.terms.push(word);
    return true;
  };

  let typingLast = false;
  for (const unit of scanQuery(text)) {
    typingLast = false;
    if (unit.kind === "filter") {
      if (unit.negated) {
        q.warnings.push(`"-${unit.key}:" is not supported: authors, categories, organisations, code and dates cannot be excluded; ignored.`);
        continue;
      }
      if (unit.key === "author") {
        const words = splitWords(unit.value);
        if (words.length === 0) q.warnings.push('"author:" needs a name, e.g. author:hinton or author:"Geoffrey Hinton"; ignored.');
        const name = take(words).join(" ");
        if (name !== "" && !q.authors.includes(name)) q.authors.push(name);
      } else if (unit.key === "org") {
        const name = unit.value.trim().replace(/\s+/g, " ");
        if (name === "") q.warnings.push('"org:" needs an organisation, e.g. org:deepseek-ai or org:"Google DeepMind"; ignored.');
        else if (!q.organizations.includes(name) && take([name]).length > 0) q.organizations.push(name);
      } else if (unit.key === "has") {
        if (unit.value.trim() === "code") q.hasCode = true;
        else q.warnings.push(`"has:${unit.value}" is not understood (only has:code is); ignored.`);
      } else if (unit.key === "cat") {
        const { categories, errors } = parseCategories(unit.value);
        q.warnings.push(...errors);
        for (const c of categories) if (!q.categories.includes(c) && take([c]).length > 0) q.categories.push(c);
      } else {
        const bound = parseDayBound(unit.key, unit.value);
        if ("error" in bound) q.warnings.push(bound.error);
        else if (unit.key === "after") q.after = q.after === null || bound.day > q.after ? bound.day : q.after;
        else q.before = q.before === null || bound.day < q.before ? bound.day : q.before;
      }
      continue;
    }
    const words = splitWords(unit.text);
    if (unit.negated) addOnce(q.excluded, words);
    else if (unit.kind === "phrase") addOnce(q.phrases, words);
    else {
      const allKept = words.map(addTerm).every(Boolean);
      typingLast = allKept && words.length > 0 && unit.atEnd && endsInWord(unit.text);
    }
  }

  const last = q.terms.at(-1);
  q.prefixLast = typingLast && last !== undefined && [...last].length >= MIN_PREFIX_CHARS;
  if (truncated) q.warnings.push(`Only the first ${MAX_QUERY_WORDS} words of the query were used.`);
  if (q.excluded.length > 0 && q.terms.length + q.phrases.length + q.authors.length === 0) {
    q.excluded = [];
    q.warnings.push("Excluding words (-word) needs at least one word or author to search for; the exclusions were ignored.");
  }
  if (q.after !== null && q.before !== null && q.after > q.before) {
    q.warnings.push(`"after:${q.after}" is later than "before:${q.before}", so nothing can match.`);
  }
  return q;
}

/** Nothing to search and nothing to filter by: the caller shows its default listing. */
export function isEmpty(q: ParsedQuery): boolean {
  return q.terms.length === 0 && q.phrases.length === 0 && q.authors.length === 0 && q.categories.length === 0 &&
    q.organizations.length === 0 && !q.hasCode &&
    q.after === null && q.before === null && q.arxivId === null;
}
