// Streaming parser for arXiv API responses (export.arxiv.org/api/query, Atom 1.0): one result per <entry>.
//
// Memory stays bounded by one input chunk plus one entry: saxes is fed chunk by
// chunk and the entries completed in a chunk are yielded before the next is read.
import { feedSax, isoDate, optionalText } from "./xml-stream.js";
import { SaxesParser, type SaxesTagNS } from "saxes";
import { parseArxivId, arxivAbsUrl, arxivPdfUrl } from "../../domain/arxiv-id.js";
import type { AtomPageMeta, ParseOptions, ParseResult } from "../../domain/ingest-types.js";
import { emptyPaper, type Author, type Paper } from "../../domain/paper.js";
import { cleanText } from "../../domain/title.js";

const ATOM = "http://www.w3.org/2005/Atom";
const ARXIV = "http://arxiv.org/schemas/atom";
const OPENSEARCH = "http://a9.com/-/spec/opensearch/1.1/";

export interface ArxivAtomOptions extends ParseOptions {
  /**
   * Receives the opensearch totals. Called when the feed header is over (at the
   * first <entry>, where arXiv has already sent them) and again at the end of
   * the document only if more opensearch elements turned up after that.
   */
  onMeta?: (meta: AtomPageMeta) => void;
}

type EntryField = "id" | "title" | "summary" | "published" | "updated" | "comment" | "journal_ref" | "doi";
const ENTRY_FIELDS: Record<string, EntryField> = {
  [`${ATOM} id`]: "id",
  [`${ATOM} title`]: "title",
  [`${ATOM} summary`]: "summary",
  [`${ATOM} published`]: "published",
  [`${ATOM} updated`]: "updated",
  [`${ARXIV} comment`]: "comment",
  [`${ARXIV} journal_ref`]: "journal_ref",
  [`${ARXIV} doi`]: "doi",
};
const META_FIELDS = new Set<string>(["totalResults", "startIndex", "itemsPerPage"]);

interface EntryDraft {
  index: number;
  depth: number;
  fields: Partial<Record<EntryField, string>>;
  authors: Array<{ name: string; affiliations: string[] }>;
  categories: string[];
  primary: string | null;
  links: { abs?: string; pdf?: string };
}

export async function* parseArxivAtom(
  input: NodeJS.ReadableStream,
  opts: ArxivAtomOptions,
): AsyncGenerator<ParseResult> {
  const queue: ParseResult[] = [];
  const sax = new SaxesParser({ xmlns: true });
  const handler = new AtomHandler(opts, (r) => queue.push(r));
  handler.attach(sax);
  const xmlError = yield* feedSax(input, sax, queue);
  handler.flushMeta();
  if (xmlError) yield { ok: false, reason: xmlError.message, at: { file: opts.file, line: xmlError.line } };
}

/** Turns saxes events into entry results; knows nothing about streams. */
class AtomHandler {
  private depth = 0;
  private entryCount = 0;
  private entry: EntryDraft | null = null;
  /** The <author> being read, if the parser is inside one. */
  private author: EntryDraft["authors"][number] | null = null;
  private capture: { depth: number; text: string; done: (text: string) => void } | null = null;
  private meta: AtomPageMeta = {};
  private metaDirty = false;

  constructor(
    private readonly opts: ArxivAtomOptions,
    private readonly emit: (r: ParseResult) => void,
  ) {}

  attach(sax: SaxesParser<{ xmlns: true }>): void {
    sax.on("opentag", (tag) => this.open(tag));
    sax.on("closetag", (tag) => this.close(tag));
    sax.on("text", (t) => this.text(t));
    sax.on("cdata", (t) => this.text(t));
  }

  flushMeta(): void {
    if (this.metaDirty && this.opts.onMeta) this.opts.onMeta({ ...this.meta });
    this.metaDirty = false;
  }

  private text(t: string): void {
    if (this.capture) this.capture.text += t;
  }

  private open(tag: SaxesTagNS): void {
    this.depth++;
    const e = this.entry;
    if (!e) {
      if (tag.uri === ATOM && tag.local === "entry") this.startEntry();
      else if (tag.uri === OPENSEARCH && META_FIELDS.has(tag.local)) {
        const key = tag.local as keyof AtomPageMeta;
        this.captureText((t) => {
          const n = Number.parseInt(t.trim(), 10);
          if (Number.isFinite(n)) {
            this.meta[key] = n;
            this.metaDirty = true;
          }
        });
      }
      return;
    }
    const attr = (name: string): string | undefined => tag.attributes[name]?.value;
    const author = this.author;
    const key = `${tag.uri} ${tag.local}`;
    if (tag.uri === ATOM && tag.local === "author" && this.depth === e.depth + 1) {
      this.author = { name: "", affiliations: [] };
      e.authors.push(this.author);
    } else if (tag.uri === ATOM && tag.local === "category") pushTerm(e.categories, attr("term"));
    else if (tag.uri === ARXIV && tag.local === "primary_category") e.primary = attr("term")?.trim() || null;
    else if (tag.uri === ATOM && tag.local === "link") readLink(e, attr("rel"), attr("title"), attr("href"));
    else if (this.depth === e.depth + 2 && author && tag.uri === ATOM && tag.local === "name") {
      this.captureText((t) => (author.name = cleanText(t)));
    } else if (this.depth === e.depth + 2 && author && tag.uri === ARXIV && tag.local === "affiliation") {
      this.captureText((t) => pushTerm(author.affiliations, cleanText(t)));
    } else if (this.depth === e.depth + 1 && ENTRY_FIELDS[key]) {
      const field = ENTRY_FIELDS[key];
      this.captureText((t) => (e.fields[field] = t));
    }
  }

  private close(tag: SaxesTagNS): void {
    if (this.capture && this.capture.depth === this.depth) {
      this.capture.done(this.capture.text);
      this.capture = null;
    }
    if (tag.uri === ATOM && tag.local === "author") this.author = null;
    if (this.entry && this.entry.depth === this.depth) {
      this.emit(entryResult(this.entry, this.opts.file));
      this.entry = null;
    }
    this.depth--;
  }

  private startEntry(): void {
    this.flushMeta();
    this.entry = {
      index: this.entryCount++,
      depth: this.depth,
      fields: {},
      authors: [],
      categories: [],
      primary: null,
      links: {},
    };
  }

  private captureText(done: (text: string) => void): void {
    this.capture = { depth: this.depth, text: "", done };
  }
}

function pushTerm(list: string[], value: string | undefined): void {
  const v = value?.trim();
  if (v && !list.includes(v)) list.push(v);
}

/** `rel=alternate` is the abs page and `title=pdf` the PDF; `title=doi` points at the publisher, not at the paper. */
function readLink(e: EntryDraft, rel?: string, title?: string, href?: string): void {
  if (!href) return;
  if (title === "pdf") e.links.pdf ??= href;
  else if (rel === "alternate" && title !== "doi") e.links.abs ??= href;
}

function entryResult(e: EntryDraft, file: string): ParseResult {
  const at = { file, index: e.index };
  const reject = (reason: string): ParseResult => ({ ok: false, reason, at });
  const f = e.fields;
  const rawId = f.id?.trim();
  if (!rawId) return reject(`entry ${e.index}: missing <id>`);
  if (/^https?:\/\/arxiv\.org\/api\/errors/i.test(rawId)) {
    return reject(`arXiv API error: ${cleanText(f.summary ?? f.title ?? rawId)}`);
  }
  const title = cleanText(f.title ?? "");
  if (!title) return reject(`entry ${e.index}: missing <title>`);
  const parsed = parseArxivId(rawId);
  if (!parsed) return reject(`entry ${e.index}: unparseable id "${rawId}"`);
  const published = isoDate(f.published);
  if (published === undefined) return reject(`entry ${e.index}: invalid <published> date "${f.published}"`);
  const updated = isoDate(f.updated);
  if (updated === undefined) return reject(`entry ${e.index}: invalid <updated> date "${f.updated}"`);

  const paper: Paper = {
    ...emptyPaper(parsed.id, "arxiv-atom"),
    version: parsed.version,
    title,
    abstract: cleanText(f.summary ?? ""),
    authors: e.authors.filter((a) => a.name).map(toAuthor),
    categories: e.categories,
    primaryCategory: e.primary ?? e.categories[0] ?? null,
    publishedAt: published,
    updatedAt: updated,
    comments: optionalText(f.comment),
    journalRef: optionalText(f.journal_ref),
    doi: optionalText(f.doi),
    links: { abs: e.links.abs ?? arxivAbsUrl(parsed.id), pdf: e.links.pdf ?? arxivPdfUrl(parsed.id) },
  };
  return { ok: true, record: { paper }, at };
}

function toAuthor(a: { name: string; affiliations: string[] }): Author {
  return a.affiliations.length ? { name: a.name, affiliation: a.affiliations.join("; ") } : { name: a.name };
}

