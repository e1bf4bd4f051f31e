// BibTeX for papers: @misc entries with arXiv's eprint fields, values escaped so any title or name yields a valid entry.
//
// Non-ASCII text stays UTF-8 (the files say so): biber and biblatex read it
// natively, and so do BibTeX with inputenc for Latin names; converting to
// TeX accents would lose every name outside Latin-1 (Chinese, Greek,
// Cyrillic authors are common on arXiv) and make the entries harder to read.
import { arxivAbsUrl, parseArxivId } from "../domain/arxiv-id.js";
import type { Paper } from "../domain/paper.js";
import { citeKey, uniqueCiteKeys } from "./cite-keys.js";
import { familyWithParticle, parsePersonName } from "./person-name.js";

export { citeKey, uniqueCiteKeys };

/**
 * The entry follows arXiv's own export: @misc with eprint, archivePrefix and
 * primaryClass, which biblatex and natbib styles print as "arXiv:id [class]".
 * Non-arXiv papers get the same entry without the eprint fields.
 */
export function toBibtex(p: Paper, key: string = citeKey(p)): string {
  const arxiv = parseArxivId(p.id);
  const year = p.publishedAt?.slice(0, 4);
  const fields: Array<[string, string | null | undefined]> = [
    ["title", p.title && protectCase(p.title)],
    ["author", p.authors.map((a) => authorName(a.name)).join(" and ")],
    ["year", year],
    ["eprint", arxiv?.id],
    ["archivePrefix", arxiv ? "arXiv" : null],
    ["primaryClass", arxiv ? (p.primaryCategory ?? p.categories[0]) : null],
    ["doi", p.doi],
    ["note", p.journalRef],
    ["url", arxiv ? arxivAbsUrl(arxiv.id) : p.links.abs],
  ];
  const body = fields
    .filter((f): f is [string, string] => typeof f[1] === "string" && f[1].trim() !== "")
    .map(([k, v]) => `  ${k} = {${k === "url" || k === "doi" ? verbatim(v) : k === "author" ? v : escapeBibtex(v)}}`)
    .join(",\n");
  return `@misc{${key},\n${body}\n}`;
}

/** A .bib file of these papers (duplicates once), keys unique within it (cite-keys.ts). */
export function toBibtexFile(papers: readonly Paper[]): string {
  const keys = uniqueCiteKeys(papers);
  const seen = new Set<string>();
  const entries = papers.filter((p) => !seen.has(p.id) && seen.add(p.id)).map((p) => toBibtex(p, keys.get(p.id)));
  // JabRef's marker: tools that guess encodings read it; text outside entries is a comment to BibTeX.
  return `% Encoding: UTF-8\n\n${entries.join("\n\n")}${entries.length ? "\n" : ""}`;
}

/**
 * Escapes a value for a brace-delimited field. Outside $…$ math, the
 * characters special to LaTeX (& % # _ ~ ^ and a lone $) are escaped unless
 * they already are (text from arXiv holds LaTeX: \emph{…}, G\"odel, \&).
 * < > | become commands, since in text mode with the default OT1 font they
 * print as ¡ ¿ and a dash. BibTeX counts braces even after a backslash, so a
 * brace without its partner would end the field early or swallow the next
 * one: it becomes \textbraceleft{} or \textbraceright{}. Whitespace runs
 * (newlines included) become one space.
 */
export function escapeBibtex(value: string): string {
  const text = value.replace(/\s+/g, " ").trim();
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === "$") {
      const end = text.indexOf("$", i + 1);
      if (end > i + 1) {
        out += text.slice(i, end + 1);
        i = end + 1;
        continue;
      }
      out += "\\$";
    } else if (ch === "\\") {
      const next = text[i + 1];
      // A command (\alpha, \"o, \&) is kept; a backslash before a space, a digit or the end is a literal one.
      if (next === undefined || /[\s\d]/.test(next)) out += "\\textbackslash{}";
      else {
        out += ch + next;
        i += 1;
      }
    } else if ("&%#_".includes(ch)) out += `\\${ch}`;
    else out += TEXT_COMMANDS[ch] ?? ch;
    i += 1;
  }
  return balanceBraces(out);
}

const TEXT_COMMANDS: Record<string, string> = {
  "~": "\\textasciitilde{}",
  "^": "\\textasciicircum{}",
  "<": "\\textless{}",
  ">": "\\textgreater{}",
  "|": "\\textbar{}",
};

/**
 * Braces words with a capital after their first letter (BERT, LLaMA,
 * ImageNet, GPT-4), so styles that lower-case titles keep them. Math, words
 * already in braces and command names are left alone.
 */
export function protectCase(title: string): string {
  return title
    .split(/(\$[^$]+\$)/)
    .map((part, i) =>
      i % 2 === 1 ? part : part.replace(/(?<![\\\p{L}\p{N}{-])(\p{L}[\p{L}\p{N}]*(?:-[\p{L}\p{N}]+)*)(?![\p{L}\p{N}}])/gu, (w) => (/^.+\p{Lu}/u.test(w) ? `{${w}}` : w)),
    )
    .join("");
}

/** URLs and DOIs are copied as they are; only braces, which would end the field, are percent-encoded. */
function verbatim(v: string): string {
  return v.trim().replace(/\{/g, "%7B").replace(/\}/g, "%7D").replace(/\s+/g, "%20");
}

/**
 * A name as BibTeX reads it: "First von Last" as written, "von Last, Jr, First"
 * when there is a suffix or the name came family-first, and an organisation
 * or single word in braces, so BibTeX keeps it whole (an "and" inside would
 * otherwise split it).
 */
function authorName(raw: string): string {
  const n = parsePersonName(raw);
  if (n.kind === "literal") return `{${escapeBibtex(n.literal)}}`;
  if (n.suffix) return [familyWithParticle(n), n.suffix, n.given].filter(Boolean).map(escapeBibtex).join(", ");
  if (raw.includes(",")) return [familyWithParticle(n), n.given].filter(Boolean).map(escapeBibtex).join(", ");
  return escapeBibtex(raw);
}

function balanceBraces(s: string): string {
  const open: number[] = [];
  const unmatched = new Set<number>();
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "{") open.push(i);
    else if (s[i] === "}") {
      if (open.length > 0) open.pop();
      else unmatched.add(i);
    }
  }
  for (const i of open) unmatched.add(i);
  if (unmatched.size === 0) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (!unmatched.has(i)) out += s[i];
    else {
      // An escaped brace (\{) loses its backslash: the replacement is a whole command.
      if (out.endsWith("\\")) out = out.slice(0, -1);
      out += s[i] === "{" ? "\\textbraceleft{}" : "\\textbraceright{}";
    }
  }
  return out;
}
