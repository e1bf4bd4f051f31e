// LaTeX text-mode accents and special letters -> Unicode, for author names and similar plain text.
//
// arXiv metadata keeps names as their submitters typed them (`Bal\'azs`,
// `Erd\H{o}s`, `J{\o}rgensen`). Only text-mode accent macros and a few
// special letters are rewritten; math (`$...$`) and every other command are
// left alone, so the function is safe to run on text that is not a name.

/** Accent macro -> combining mark; NFC then composes base + mark into one letter where Unicode has one. */
const ACCENTS: Record<string, string> = {
  "'": "\u0301",
  "`": "\u0300",
  "^": "\u0302",
  '"': "\u0308",
  "~": "\u0303",
  "=": "\u0304",
  ".": "\u0307",
  u: "\u0306",
  v: "\u030C",
  H: "\u030B",
  c: "\u0327",
  k: "\u0328",
  r: "\u030A",
  d: "\u0323",
  b: "\u0331",
};

const LETTERS: Record<string, string> = {
  o: "ø", O: "Ø", ss: "ß", ae: "æ", AE: "Æ", oe: "œ", OE: "Œ",
  aa: "å", AA: "Å", l: "ł", L: "Ł", i: "ı", j: "ȷ",
};

// The base letter of an accent: a letter, or dotless \i / \j (an accent over \i means
// i), whose trailing spaces TeX swallows (`Mart\'\i nez`).
const BASE = String.raw`(\\[ij](?![A-Za-z])(?:[ \t]+(?=[A-Za-z]))?|[A-Za-z])`;
// Symbol accents take their argument directly (\'a, \'{a}); letter accents need
// a brace or a space after the macro name (\v{s}, \c c), as in TeX.
const SYMBOL_ACCENT = new RegExp(String.raw`\\(['\x60^"~=.])\s*(?:\{\s*${BASE}\s*\}|${BASE})`, "g");
const LETTER_ACCENT = new RegExp(String.raw`\\([uvHckrdb])(?![A-Za-z])(?:\s*\{\s*${BASE}\s*\}|\s+${BASE})`, "g");
// TeX swallows the spaces after a control word (`Bj\o rn` is "Bjørn"); `{}` only ends the word (`\ss{}`).
const LETTER = /\\(ss|ae|AE|oe|OE|aa|AA|o|O|l|L|i|j)(?![A-Za-z])(?:\{\}|[ \t]+(?=[A-Za-z]))?/g;
const ESCAPED = /\\([&%_#])/g;
// `{ö}` left over from `{\"o}`: braces around one (composed) letter only group, so
// they go, unless they are a command's argument (`\vec{v}`).
const LONE_GROUP = /(?<!\\[A-Za-z]+)\{(\p{L}\p{M}*)\}/gu;

export function latexToUnicode(s: string): string {
  if (!s.includes("\\")) return s;
  const accent = (_m: string, macro: string, braced?: string, bare?: string): string => {
    const base = (braced ?? bare ?? "").replace(/^\\/, "").trim();
    return (base + (ACCENTS[macro] ?? "")).normalize("NFC");
  };
  return s
    .replace(SYMBOL_ACCENT, accent)
    .replace(LETTER_ACCENT, accent)
    .replace(LETTER, (m, name: string) => LETTERS[name] ?? m)
    .replace(ESCAPED, "$1")
    .replace(LONE_GROUP, "$1");
}
