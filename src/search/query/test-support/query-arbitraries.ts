// fast-check generators for search queries: hostile strings for robustness, plain ones for match semantics.
import fc from "fast-check";

/** Pieces of the query syntax, of FTS5 and tsquery syntax, and of awkward Unicode. */
const SYNTAX_PIECES = [
  '"', "-", " ", "  ", "\t", "\n", "author:", "AUTHOR:", "cat:", "after:", "before:", ":", "*", "^", "(", ")",
  "{", "}", "[", "]", "+", "~", ",", ".", "'", "\\", "/", "NEAR", "NEAR(", "AND", "OR", "NOT", "&", "|", "!",
  "<->", "<2>", ":*", ":A", "$1", "%", "_", ";", "--", "\u0000", "\u0007", "\u200B", "\u00AD", "\uFEFF", "\uD800",
  "\uDC00", "\u{1F600}", "\u0301", "é", "ﬁ", "Ｆ", "“", "”", "İ", "ß", "日本語", "ǅ", "2024", "2024-13-01",
  "2407.21783", "arXiv:", "gpt-4", "cs.LG", "model", "a", "x",
];

/** Strings assembled from query, FTS5 and tsquery operators, quotes and odd Unicode. */
export const syntaxSoup = fc
  .array(fc.oneof(fc.constantFrom(...SYNTAX_PIECES), fc.string({ maxLength: 4 })), { maxLength: 40 })
  .map((parts) => parts.join(""));

/** Any UTF-16 code units, lone surrogates included. */
export const codeUnitString = fc.string({
  unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

/** Every kind of string the property tests throw at the parser and compilers. */
export const anyQueryText = fc.oneof(
  syntaxSoup,
  fc.string({ unit: "binary", maxLength: 60 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  codeUnitString,
  fc.string({ maxLength: 60 }),
);

/** Ordinary words (none an English stop word), including ones with inner punctuation and accents. */
const PLAIN_WORDS = [
  "diffusion", "models", "model", "transformer", "attention", "scaling", "laws", "graph", "neural", "networks",
  "running", "learning", "reinforcement", "gpt-4", "3.5", "cs.lg", "state-of-the-art", "café", "naïve", "zero-shot",
];

/**
 * Queries of plain words and quoted phrases, without exclusions or filters:
 * a document whose text is exactly the query must match it, in any mode.
 */
export const plainQuery = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PLAIN_WORDS),
      fc.array(fc.constantFrom(...PLAIN_WORDS), { minLength: 1, maxLength: 3 }).map((w) => `"${w.join(" ")}"`),
    ),
    { minLength: 1, maxLength: 8 },
  )
  .chain((parts) => fc.constantFrom(" ", "").map((end) => parts.join(" ") + end));
