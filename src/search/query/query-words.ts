// The word rule of the query language: how raw query text becomes normalised search words.
//
// A word is a run of letters, digits and combining marks; a `.` or `-` between
// two such runs stays inside the word, so `gpt-4`, `cs.lg`, `3.5` and
// `state-of-the-art` are one word each, while a leading or trailing dot or
// hyphen (`end.`, `-x-`) is dropped. Everything else (`_`, `'`, `:`, `*`,
// quotes, emoji, ...) separates words. Keeping the internal punctuation costs
// nothing in SQLite (FTS5 re-tokenises a quoted word into the phrase
// `gpt 4`) and is what PostgreSQL's parser needs to produce the same lexemes
// as it did for the document (`GPT-4` becomes `gpt` + `-4`, `3.5` stays `3.5`).
// Because a word never contains a quote, a backslash or whitespace, the
// compilers can quote it without any escaping that could go wrong.

const WORD = /[\p{L}\p{N}\p{M}]+(?:[.-][\p{L}\p{N}\p{M}]+)*/gu;
const WORD_CHAR = /[\p{L}\p{N}\p{M}]$/u;
/** Control, format, surrogate, private-use and unassigned code points: all become spaces. */
const OTHER = /\p{C}/gu;
/** Typographic quotes people paste from documents count as the ASCII quote. */
const CURLY_QUOTES = /[\u201C\u201D\u201E\u201F\u2033\u301D\u301E]/g;

/**
 * Normalises the whole query before it is scanned: Unicode NFKC (full-width
 * letters, ligatures like `ﬁ`, full-width quotes and colons become ASCII),
 * lower case, typographic double quotes as `"`, and every control or other
 * non-printing code point (including lone surrogates) as a space.
 */
export function normaliseQueryText(input: string): string {
  const visible = input.replace(OTHER, " ");
  return visible.normalize("NFKC").replace(OTHER, " ").toLowerCase().replace(CURLY_QUOTES, '"');
}

/** The words of already normalised text, in order (duplicates kept). */
export function splitWords(text: string): string[] {
  return text.match(WORD) ?? [];
}

/** True when the text ends inside a word, i.e. its last character is a letter, digit or mark. */
export function endsInWord(text: string): boolean {
  return WORD_CHAR.test(text);
}
