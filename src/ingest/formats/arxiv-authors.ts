// arXiv's one-string author lists (arXivRaw, the Kaggle snapshot's `authors`): names, affiliations and reference legends.
import type { Author } from "../../domain/paper.js";
import { cleanText } from "../../domain/title.js";
import { latexToUnicode } from "./latex-text.js";

const SUFFIX = /^(?:Jr|Sr|I{2,3}|IV)\.?$/;

/**
 * Splits an arXivRaw author string ("A. One, B. Two and C. Three") into
 * authors. Commas and " and " inside parentheses or braces do not split.
 * Parenthesised text after a name is its affiliation; numbered references
 * ("A. One (1), B. Two (2) ((1) MIT, (2) CERN)") resolve against the legend
 * group, which arXiv puts after the last name.
 */
export function parseArxivAuthors(raw: string): Author[] {
  const people: Array<{ name: string; refs: string[]; affiliations: string[] }> = [];
  const legend = new Map<string, string>();
  for (const part of splitTopLevel(cleanText(latexToUnicode(raw)))) {
    const open = topLevelIndex(part, "(");
    const name = (open < 0 ? part : part.slice(0, open)).replace(/^and\s+/, "").replace(/[{}]/g, "").trim();
    const person = { name, refs: [] as string[], affiliations: [] as string[] };
    for (const group of open < 0 ? [] : groups(part.slice(open))) {
      if (group.startsWith("(")) {
        for (const m of group.matchAll(/\((\d+)\)\s*([^()]*?)\s*,?\s*(?=\(\d+\)|$)/g)) legend.set(m[1] ?? "", m[2] ?? "");
      } else if (/^\d+(?:\s*(?:,|and)\s*\d+)*$/.test(group)) person.refs.push(...group.split(/\s*(?:,|and)\s*/));
      else if (group.trim()) person.affiliations.push(cleanText(group));
    }
    const previous = people[people.length - 1];
    if (previous && SUFFIX.test(name)) previous.name += ` ${name}`;
    else if (name) people.push(person);
  }
  return people.map((p) => {
    const affiliations = [...p.affiliations, ...p.refs.map((n) => legend.get(n) ?? "")].filter(Boolean);
    return affiliations.length ? { name: p.name, affiliation: affiliations.join("; ") } : { name: p.name };
  });
}

/** Cuts at commas and " and " that are outside () and {}. */
function splitTopLevel(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "(" || c === "{") depth++;
    else if ((c === ")" || c === "}") && depth > 0) depth--;
    else if (depth === 0 && c === ",") {
      parts.push(s.slice(start, i));
      start = i + 1;
    } else if (depth === 0 && s.startsWith(" and ", i)) {
      parts.push(s.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(s.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function topLevelIndex(s: string, ch: string): number {
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    if (depth === 0 && s[i] === ch) return i;
    if (s[i] === "{") depth++;
    else if (s[i] === "}" && depth > 0) depth--;
  }
  return -1;
}

/** Contents of the balanced top-level (...) groups in s. */
function groups(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "(" && depth++ === 0) start = i + 1;
    else if (s[i] === ")" && depth > 0 && --depth === 0) out.push(s.slice(start, i).trim());
  }
  return out;
}

