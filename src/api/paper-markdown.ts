// A paper as Markdown (title, authors, dates, links, abstract) for /papers/{id}.md: what read_paper clients and agents read. Pure.
//
// Text is kept as written (LaTeX included, so a reader sees $O(n \log n)$, not
// an escaped mess); only what would turn text into markup is neutralised:
// `<` (raw HTML) and line breaks in single-line fields. Links are http(s) only.
import { submittedOnDailyAt, type ShownPaper } from "./daily-papers-shapes.js";

const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();
const text = (s: string) => s.replace(/</g, "\\<");
const webUrl = (u: string | null | undefined): string | null => (u && /^https?:\/\/[^\s<>()]+$/i.test(u) ? u : null);
const day = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : null);

export function paperMarkdown(e: ShownPaper): string {
  const p = e.paper;
  const h = p.hub;
  const out: string[] = [`# ${text(oneLine(p.title)) || p.id}`, ""];
  const facts: string[] = [];
  if (p.authors.length) facts.push(`**Authors:** ${text(oneLine(p.authors.map((a) => a.name).join(", ")))}`);
  const published = day(p.publishedAt);
  if (published) facts.push(`**Published:** ${published}${p.version ? ` (arXiv v${p.version})` : ""}`);
  const updated = day(p.updatedAt);
  if (updated && updated !== published) facts.push(`**Updated:** ${updated}`);
  const onDaily = submittedOnDailyAt(p);
  if (onDaily) facts.push(`**On the daily feed:** ${onDaily.slice(0, 10)}${h?.submittedBy ? `, submitted by ${text(oneLine(h.submittedBy.fullname || h.submittedBy.name))}` : ""}`);
  if (h?.organization) facts.push(`**Organisation:** ${text(oneLine(h.organization.fullname || h.organization.name))}`);
  if (p.categories.length) facts.push(`**Categories:** ${p.categories.join(", ")}`);
  facts.push(`**Upvotes:** ${e.upvotes} · **Comments:** ${e.comments}`);
  out.push(facts.join("  \n"), "");

  const links: Array<[string, string | null]> = [
    ["arXiv", webUrl(p.links.abs)],
    ["PDF", webUrl(p.links.pdf)],
    [`Code${h?.githubStars != null ? ` (${h.githubStars} stars)` : ""}`, webUrl(h?.githubRepo) ?? webUrl(p.links.code)],
    ["Project page", webUrl(h?.projectPage) ?? webUrl(p.links.project)],
    ["DOI", p.doi ? webUrl(`https://doi.org/${p.doi}`) : null],
  ];
  const shown = links.filter((l): l is [string, string] => l[1] !== null);
  if (shown.length) out.push("## Links", "", ...shown.map(([label, url]) => `- ${label}: <${url}>`), "");
  if (p.journalRef) out.push(`**Journal reference:** ${text(oneLine(p.journalRef))}`, "");
  out.push("## Abstract", "", text(p.abstract.trim()) || "_No abstract._", "");
  if (h?.aiSummary) out.push("## AI summary", "", text(h.aiSummary.trim()), "");
  return out.join("\n");
}
