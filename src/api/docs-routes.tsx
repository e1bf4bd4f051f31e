// GET /api/openapi.json (generated from the routes' zod schemas) and GET /api (the same document as a page).
import type { OpenAPIHono } from "@hono/zod-openapi";
import { sessionOf } from "../web/middleware/session.js";
import type { AppEnv } from "../web/context.js";
import { ApiDocsPage, type Paths } from "./docs-page.js";
import { markdownRoute } from "./markdown-route.js";

const INFO = {
  title: "Paperboard API",
  version: "1",
  description:
    "The hub's papers as JSON. The Daily Papers endpoints follow the public Daily Papers API's shapes; the Paperboard endpoints add writes with personal access tokens.",
};

export function mountDocs(api: OpenAPIHono<AppEnv>, publicUrl?: string): void {
  api.openAPIRegistry.registerComponent("securitySchemes", "bearerAuth", {
    type: "http",
    scheme: "bearer",
    description: "A personal access token (pb_…) from Settings.",
  });
  api.openAPIRegistry.registerComponent("securitySchemes", "sessionCookie", {
    type: "apiKey",
    in: "cookie",
    name: "pb_session",
    description: "The signed-in session; writes also need the page's CSRF token in X-CSRF-Token.",
  });
  api.openAPIRegistry.registerPath(markdownRoute);

  // Routes are fixed once mounted: the document is built on first use and kept.
  let document: ReturnType<typeof api.getOpenAPI31Document> | null = null;
  const doc = () => (document ??= api.getOpenAPI31Document({ openapi: "3.1.0", info: INFO }));

  api.get("/api/openapi.json", (c) => c.json(doc()));
  api.get("/api", (c) => {
    const origin = new URL(publicUrl ?? c.req.url).origin;
    return c.html(<ApiDocsPage origin={origin} paths={doc().paths as unknown as Paths} {...sessionOf(c)} />);
  });
}
