// Streaming parser for arXiv OAI-PMH 2.0 pages (ListRecords or GetRecord), metadataPrefix arXiv or arXivRaw: one result per live <record>.
//
// Memory stays bounded by one input chunk plus one record (see feedSax).
// Records are told apart by the namespace of their metadata root, so one
// parser serves both prefixes and rejects any other format record by record.
import { SaxesParser, type SaxesTagNS } from "saxes";
import { parseArxivId, arxivAbsUrl, arxivPdfUrl } from "../../domain/arxiv-id.js";
import type { OaiPageMeta, ParseOptions, ParseResult } from "../../domain/ingest-types.js";
import { emptyPaper, type Author, type Paper } from "../../domain/paper.js";
import { cleanText } from "../../domain/title.js";
import { feedSax, isoDate, optionalText } from "./xml-stream.js";
import { parseArxivAuthors } from "./arxiv-authors.js";
import { latexToUnicode } from "./latex-text.js";

const OAI = "http://www.openarchives.org/OAI/2.0/";
const ARXIV = "http://arxiv.org/OAI/arXiv/";
const RAW = "http://arxiv.org/OAI/arXivRaw/";

export interface ArxivOaiOptions extends ParseOptions {
  /**
   * Receives the page's resumption token and OAI error, once, after the last
   * record of a well-formed page. Never called for a malformed page: a cut-off
   * page has lost its token, and a missing token would read as "list complete".
   */
  onMeta?: (meta: OaiPageMeta) => void;
}

interface RecordDraft {
  index: number;
  depth: number;
  deleted: boolean;
  identifier: string | null;
  /** The child of <record> being read: header, metadata or about. */
  section: string | null;
  /** Depth of the metadata root (<arXiv>/<arXivRaw>), once seen. */
  rootDepth: number;
  format: "arXiv" | "arXivRaw" | null;
  /** Namespace and name of a metadata root this parser does not read. */
  foreign: string | null;
  fields: Record<string, string>;
  authors: Array<{ keyname: string; forenames: string; suffix: string; affiliations: string[] }>;
  versions: Array<{ label: string; date: string }>;
}

export async function* parseArxivOai(
  input: NodeJS.ReadableStream,
  opts: ArxivOaiOptions,
): AsyncGenerator<ParseResult> {
  const queue: ParseResult[] = [];
  const sax = new SaxesParser({ xmlns: true });
  const handler = new OaiHandler(opts.file, (r) => queue.push(r));
  handler.attach(sax);
  const xmlError = yield* feedSax(input, sax, queue);
  if (xmlError) {
    yield { ok: false, reason: xmlError.message, at: { file: opts.file, line: xmlError.line } };
    return;
  }
  opts.onMeta?.(handler.meta());
}

/** Turns saxes events into record results and page meta; knows nothing about streams. */
class OaiHandler {
  private depth = 0;
  private recordCount = 0;
  private rec: RecordDraft | null = null;
  private capture: { depth: number; text: string; done: (text: string) => void } | null = null;
  private token: string | null = null;
  private completeListSize: number | undefined;
  private cursor: number | undefined;
  private error: { code: string; message: string } | undefined;

  constructor(
    private readonly file: string,
    private readonly emit: (r: ParseResult) => void,
  ) {}

  attach(sax: SaxesParser<{ xmlns: true }>): void {
    sax.on("opentag", (tag) => this.open(tag));
    sax.on("closetag", () => this.close());
    sax.on("text", (t) => this.text(t));
    sax.on("cdata", (t) => this.text(t));
  }

  meta(): OaiPageMeta {
    const m: OaiPageMeta = { resumptionToken: this.token };
    if (this.completeListSize !== undefined) m.completeListSize = this.completeListSize;
    if (this.cursor !== undefined) m.cursor = this.cursor;
    if (this.error) m.error = this.error;
    return m;
  }

  private text(t: string): void {
    if (this.capture) this.capture.text += t;
  }

  private open(tag: SaxesTagNS): void {
    this.depth++;
    const attr = (name: string): string | undefined => tag.attributes[name]?.value;
    const r = this.rec;
    if (!r) {
      if (tag.uri !== OAI) return;
      if (tag.local === "record") this.rec = newRecord(this.recordCount++, this.depth);
      else if (tag.local === "resumptionToken") {
        this.completeListSize = count(attr("completeListSize"));
        this.cursor = count(attr("cursor"));
        this.captureText((t) => (this.token = t.trim()));
      } else if (tag.local === "error" && !this.error) {
        const code = attr("code") ?? "";
        this.captureText((t) => (this.error = { code, message: cleanText(t) }));
      }
      return;
    }
    const level = this.depth - r.depth;
    if (level === 1) {
      r.section = tag.uri === OAI ? tag.local : null;
      if (r.section === "header") r.deleted = attr("status") === "deleted";
    } else if (level === 2 && r.section === "header" && tag.uri === OAI && tag.local === "identifier") {
      this.captureText((t) => (r.identifier = t.trim()));
    } else if (level === 2 && r.section === "metadata" && r.rootDepth === 0) this.openRoot(r, tag);
    else if (r.section === "metadata" && r.format && tag.uri === (r.format === "arXiv" ? ARXIV : RAW)) {
      this.openField(r, tag, this.depth - r.rootDepth, attr);
    }
  }

  /** The first element inside <metadata> names the format. */
  private openRoot(r: RecordDraft, tag: SaxesTagNS): void {
    r.rootDepth = this.depth;
    if (tag.uri === ARXIV && tag.local === "arXiv") r.format = "arXiv";
    else if (tag.uri === RAW && tag.local === "arXivRaw") r.format = "arXivRaw";
    else r.foreign = `${tag.uri || "(no namespace)"} ${tag.local}`;
  }

  private openField(r: RecordDraft, tag: SaxesTagNS, level: number, attr: (n: string) => string | undefined): void {
    const author = r.authors[r.authors.length - 1];
    const version = r.versions[r.versions.length - 1];
    if (level === 1 && r.format === "arXiv" && tag.local === "authors") return;
    if (level === 1 && r.format === "arXivRaw" && tag.local === "version") {
      r.versions.push({ label: attr("version") ?? "", date: "" });
    } else if (level === 1) this.captureText((t) => (r.fields[tag.local] = t));
    else if (level === 2 && r.format === "arXiv" && tag.local === "author") {
      r.authors.push({ keyname: "", forenames: "", suffix: "", affiliations: [] });
    } else if (level === 2 && version && tag.local === "date") this.captureText((t) => (version.date = t.trim()));
    else if (level === 3 && author) {
      const part = tag.local;
      if (part === "affiliation") this.captureText((t) => author.affiliations.push(t));
      else if (part === "keyname" || part === "forenames" || part === "suffix") {
        this.captureText((t) => (author[part] = t));
      }
    }
  }

  private close(): void {
    if (this.capture && this.capture.depth === this.depth) {
      this.capture.done(this.capture.text);
      this.capture = null;
    }
    if (this.rec && this.rec.depth === this.depth) {
      if (!this.rec.deleted) this.emit(recordResult(this.rec, this.file));
      this.rec = null;
    }
    this.depth--;
  }

  private captureText(done: (text: string) => void): void {
    this.capture = { depth: this.depth, text: "", done };
  }
}

function newRecord(index: number, depth: number): RecordDraft {
  return {
    index,
    depth,
    deleted: false,
    identifier: null,
    section: null,
    rootDepth: 0,
    format: null,
    foreign: null,
    fields: {},
    authors: [],
    versions: [],
  };
}

function count(s: string | undefined): number | undefined {
  return s !== undefined && /^\s*\d+\s*$/.test(s) ? Number(s) : undefined;
}

function recordResult(r: RecordDraft, file: string): ParseResult {
  const at = { file, index: r.index };
  const reject = (reason: string): ParseResult => ({ ok: false, reason, at });
  if (r.foreign) return reject(`record ${r.index}: unsupported metadata format ${r.foreign}`);
  if (!r.format) return reject(`record ${r.index}: no <metadata>`);
  const f = r.fields;
  const rawId = f.id?.trim() || r.identifier?.replace(/^oai:arXiv\.org:/i, "");
  if (!rawId) return reject(`record ${r.index}: missing <id>`);
  const parsed = parseArxivId(rawId);
  if (!parsed) return reject(`record ${r.index}: unparseable id "${rawId}"`);
  const title = cleanText(f.title ?? "");
  if (!title) return reject(`record ${r.index}: missing <title>`);

  const history = r.format === "arXiv" ? arxivHistory(r, parsed.version) : rawHistory(r, parsed.version);
  if (typeof history === "string") return reject(`record ${r.index}: ${history}`);
  const categories = [...new Set((f.categories ?? "").split(/\s+/).filter(Boolean))];
  const paper: Paper = {
    ...emptyPaper(parsed.id, "arxiv-oai"),
    ...history,
    title,
    abstract: cleanText(f.abstract ?? ""),
    authors: r.format === "arXiv" ? r.authors.map(structuredAuthor).filter((a) => a.name) : parseArxivAuthors(f.authors ?? ""),
    categories,
    primaryCategory: categories[0] ?? null,
    comments: optionalText(f.comments),
    journalRef: optionalText(f["journal-ref"]),
    doi: optionalText(f.doi),
    license: optionalText(f.license),
    links: { abs: arxivAbsUrl(parsed.id), pdf: arxivPdfUrl(parsed.id) },
  };
  return { ok: true, record: { paper }, at };
}

type History = Pick<Paper, "version" | "publishedAt" | "updatedAt">;

/** arXiv prefix: created/updated dates; the version only if the id carries one. */
function arxivHistory(r: RecordDraft, idVersion: number | null): History | string {
  const publishedAt = isoDate(r.fields.created);
  if (publishedAt === undefined) return `invalid <created> date "${r.fields.created}"`;
  const updatedAt = isoDate(r.fields.updated);
  if (updatedAt === undefined) return `invalid <updated> date "${r.fields.updated}"`;
  return { version: idVersion, publishedAt, updatedAt };
}

/** arXivRaw: the version list; published is v1's date, updated the latest version's. */
function rawHistory(r: RecordDraft, idVersion: number | null): History | string {
  const versions: Array<{ n: number; at: string | null }> = [];
  for (const v of r.versions) {
    const m = /^v(\d+)$/.exec(v.label.trim());
    if (!m) return `bad version label "${v.label}"`;
    const at = isoDate(v.date);
    if (at === undefined) return `invalid date "${v.date}" in version ${v.label}`;
    versions.push({ n: Number(m[1]), at });
  }
  versions.sort((a, b) => a.n - b.n);
  const first = versions[0];
  const last = versions[versions.length - 1];
  if (!first || !last) return { version: idVersion, publishedAt: null, updatedAt: null };
  return { version: last.n, publishedAt: first.at, updatedAt: last.at };
}

function structuredAuthor(a: RecordDraft["authors"][number]): Author {
  const name = cleanText(latexToUnicode([a.forenames, a.keyname, a.suffix].join(" ")));
  const affiliations = a.affiliations.map((x) => cleanText(latexToUnicode(x))).filter(Boolean);
  return affiliations.length ? { name, affiliation: affiliations.join("; ") } : { name };
}
