// BibTeX for a paper: an @misc entry with arXiv's eprint fields, values escaped so any title or name yields a valid entry.
import { arxivAbsUrl, parseArxivId } from "./arxiv-id.js";
import type { Paper } from "./paper.js";

/**
 * The entry follows arXiv's own export: @misc with eprint, archivePrefix and
 * primaryClass, which biblatex and natbib styles print as "arXiv:id [class]".
 * Non-arXiv papers get the same entry without the eprint fields.
 */
export function toBibtex(p: Paper): string {
  const arxiv = parseArxivId(p.id);
  const year = p.publishedAt?.slice(0, 4);
  const fields: Array<[string, string | null | undefined]> = [
    ["title", p.title],
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
    .map(([k, v]) => `  ${k} = {${k === "url" || k === "doi" ? verbatim(v) : escapeBibtex(v)}}`)
    .join(",\n");
  return `@misc{${citeKey(p)},\n${body}\n}`;
}

/** Key like `lovelace2024analytical`: first author's last name, year, first long title word; ASCII letters and digits only. */
export function citeKey(p: Paper): string {
  // Accents dropped (Núñez → nunez), apostrophes joined (O'Brien → obrien), anything else separates words.
  const ascii = (s: string) => s.normalize("NFKD").replace(/\p{M}|['’]/gu, "").replace(/[^A-Za-z0-9]+/g, " ").toLowerCase();
  const name = p.authors[0]?.name ?? "";
  // "Family, Given" names the family first; otherwise it is the last word.
  const last = ascii(name.includes(",") ? name.split(",")[0]! : name).trim().split(/\s+/).pop() ?? "";
  const word = ascii(p.title.replace(/\$[^$]*\$/g, " ")).split(/\s+/).find((w) => w.length > 3 && !STOP.has(w)) ?? "";
  const key = `${last}${p.publishedAt?.slice(0, 4) ?? ""}${word}`;
  return key || `paper${p.id.replace(/[^A-Za-z0-9]/g, "")}`;
}

const STOP = new Set(["with", "from", "that", "this", "into", "towards", "toward", "when", "what", "where", "which", "their", "over", "under"]);

/**
 * Escapes a value for a brace-delimited field. Outside $…$ math, the
 * characters special to LaTeX (& % # _ ~ ^ and a lone $) are escaped unless
 * they already are. BibTeX counts braces even after a backslash, so a brace
 * without its partner would end the field early or swallow the next one: it
 * becomes \textbraceleft{} or \textbraceright{}. Whitespace runs (newlines
 * included) become one space.
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
      if (next === undefined) out += "\\textbackslash{}";
      else {
        out += ch + next;
        i += 1;
      }
    } else if ("&%#_".includes(ch)) out += `\\${ch}`;
    else if (ch === "~") out += "\\textasciitilde{}";
    else if (ch === "^") out += "\\textasciicircum{}";
    else out += ch;
    i += 1;
  }
  return balanceBraces(out);
}

/** URLs and DOIs are copied as they are; only braces, which would end the field, are percent-encoded. */
function verbatim(v: string): string {
  return v.trim().replace(/\{/g, "%7B").replace(/\}/g, "%7D").replace(/\s+/g, "%20");
}

/** Names holding "and" or a comma are braced, so BibTeX keeps them as one name (an organisation, a collaboration). */
function authorName(name: string): string {
  const n = escapeBibtex(name);
  return /\sand\s|,/i.test(n) ? `{${n}}` : n;
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
