// A stand-in for export.arxiv.org/api/query on 127.0.0.1: answers id_list look-ups from a table of papers, in arXiv's Atom.
//
// Submissions fetch unknown papers through the real arXiv client (polite
// HTTP, Atom parser, import pipeline); only the remote end is replaced, so
// the end-to-end tests exercise everything the hub itself does.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeArxivPaper {
  id: string;
  title: string;
  summary: string;
  authors: string[];
  categories: string[];
  /** ISO instant. */
  published: string;
}

export interface FakeArxiv {
  /** The API endpoint, for the arxivApiUrl setting. */
  url: string;
  /** Ids asked for, in order. */
  requested: string[];
  close(): Promise<void>;
}

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function entry(p: FakeArxivPaper): string {
  const abs = `http://arxiv.org/abs/${p.id}v1`;
  return `  <entry>
    <id>${abs}</id>
    <updated>${p.published}</updated>
    <published>${p.published}</published>
    <title>${xml(p.title)}</title>
    <summary>  ${xml(p.summary)}
</summary>
${p.authors.map((a) => `    <author><name>${xml(a)}</name></author>`).join("\n")}
    <link href="${abs}" rel="alternate" type="text/html"/>
    <link title="pdf" href="http://arxiv.org/pdf/${p.id}v1" rel="related" type="application/pdf"/>
    <arxiv:primary_category xmlns:arxiv="http://arxiv.org/schemas/atom" term="${xml(p.categories[0] ?? "cs.LG")}" scheme="http://arxiv.org/schemas/atom"/>
${p.categories.map((c) => `    <category term="${xml(c)}" scheme="http://arxiv.org/schemas/atom"/>`).join("\n")}
  </entry>`;
}

/** An Atom page as arXiv sends it for an id_list query (unknown ids simply have no entry). */
export function atomPage(papers: FakeArxivPaper[]): string {
  const os = `xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/"`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title type="html">ArXiv Query</title>
  <id>http://arxiv.org/api/e2e</id>
  <updated>${new Date().toISOString()}</updated>
  <opensearch:totalResults ${os}>${papers.length}</opensearch:totalResults>
  <opensearch:startIndex ${os}>0</opensearch:startIndex>
  <opensearch:itemsPerPage ${os}>${papers.length}</opensearch:itemsPerPage>
${papers.map(entry).join("\n")}
</feed>
`;
}

export async function startFakeArxiv(papers: FakeArxivPaper[]): Promise<FakeArxiv> {
  const byId = new Map(papers.map((p) => [p.id, p]));
  const requested: string[] = [];
  const server: Server = createServer((req, res) => {
    const u = new URL(req.url ?? "/", "http://fake-arxiv");
    const ids = (u.searchParams.get("id_list") ?? "").split(",").filter(Boolean).map((id) => id.replace(/v\d+$/, ""));
    requested.push(...ids);
    const body = atomPage(ids.flatMap((id) => byId.get(id) ?? []));
    res.writeHead(200, { "content-type": "application/atom+xml; charset=utf-8", "content-length": Buffer.byteLength(body) });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/query`,
    requested,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
