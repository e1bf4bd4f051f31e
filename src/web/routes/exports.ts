// One paper as a citation (/papers/{id}.bib, .ris, .csl.json) and the admins' download of every paper (/admin/export.jsonl).
import { Hono } from "hono";
import { etag } from "hono/etag";
import { ForbiddenError, ValidationError } from "../../domain/errors.js";
import { BULK_FORMATS, exportLines, isBulkFormat } from "../../export/bulk-export.js";
import { CITATION_WRITERS, isCitationFormat } from "../../export/citation-formats.js";
import type { ListingService } from "../../export/listings.js";
import type { Store } from "../../storage/store.js";
import type { AppEnv } from "../context.js";

export interface ExportRouteDeps {
  listings: ListingService;
  store: Pick<Store, "streamPapers">;
}

/** Ids may hold a slash (hep-th/9901001.bib); registered before the paper page's catch-all. */
const PAPER_FILE = /^(.+)\.(bib|ris|csl\.json)$/;
/** Lines are sent in chunks of about this size, not one write per paper. */
const CHUNK_BYTES = 64 * 1024;

export function exportRoutes(deps: ExportRouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/papers/:file{.+\\.(?:bib|ris|csl\\.json)}", etag(), async (c, next) => {
    const [, id = "", format = ""] = PAPER_FILE.exec(c.req.param("file")) ?? [];
    // A list's export (/papers/feed.bib, /papers/search/feed.ris) belongs to the feed routes.
    if (id === "feed" || id.endsWith("/feed") || !isCitationFormat(format)) return next();
    const { paper } = await deps.listings.paper(id);
    const writer = CITATION_WRITERS[format];
    return c.body(writer.render([paper]), 200, {
      "Content-Type": writer.contentType,
      "Content-Disposition": `inline; filename="${paper.id.replace(/[^A-Za-z0-9.-]+/g, "-")}.${format}"`,
    });
  });

  /** Every paper, hidden ones included (it is a backup), as JSON lines; ?format=kaggle for the arXiv snapshot's lines. Admins only. */
  app.get("/admin/export.jsonl", (c) => {
    if (c.var.viewer?.role !== "admin") throw new ForbiddenError("Only administrators may download the whole hub.");
    const format = c.req.query("format") ?? "jsonl";
    if (!isBulkFormat(format)) throw new ValidationError(`format must be one of ${BULK_FORMATS.join(", ")}.`);
    const lines = exportLines(deps.store, format);
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        let chunk = "";
        while (chunk.length < CHUNK_BYTES) {
          const next = await lines.next();
          if (next.done) break;
          chunk += next.value;
        }
        if (chunk) controller.enqueue(encoder.encode(chunk));
        if (chunk.length < CHUNK_BYTES) controller.close();
      },
      async cancel() {
        await lines.return(undefined);
      },
    });
    const day = new Date().toISOString().slice(0, 10);
    return c.body(body, 200, {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="paperboard-${format}-${day}.jsonl"`,
      "Cache-Control": "no-store",
    });
  });

  return app;
}
