// The human-readable API page at /api: every operation of the OpenAPI document, with its parameters and a curl example.
import { Layout } from "../web/views/layout.js";
import type { Viewer } from "../web/context.js";

interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  description?: string;
  schema?: { type?: string; default?: unknown; enum?: unknown[]; minimum?: number; maximum?: number; pattern?: string };
}
export interface Operation {
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Parameter[];
  requestBody?: unknown;
  security?: unknown[];
  "x-example"?: string;
}
export type Paths = Record<string, Record<string, Operation>>;

const METHODS = ["get", "post", "put", "delete"] as const;

/** The curl line for an operation: GETs fetch the example URL; writes send a token, and JSON when they take a body. */
export function curlExample(origin: string, path: string, method: string, op: Operation): string {
  const example = op["x-example"] ?? path;
  const auth = op.security?.length ? ` \\\n  -H 'Authorization: Bearer pb_YOUR_TOKEN'` : "";
  if (op.requestBody) {
    return `curl -s -X ${method.toUpperCase()} '${origin}${path}'${auth} \\\n  -H 'Content-Type: application/json' \\\n  -d '${example}'`;
  }
  const verb = method === "get" ? "" : ` -X ${method.toUpperCase()}`;
  return `curl -s${verb} '${origin}${example}'${auth}`;
}

function accepted(p: Parameter): string {
  const s = p.schema ?? {};
  const parts: string[] = [];
  if (s.enum) parts.push(`one of ${s.enum.join(", ")}`);
  else if (s.minimum !== undefined && s.maximum !== undefined) parts.push(`${s.minimum}–${s.maximum}`);
  else if (s.type) parts.push(s.type);
  if (s.default !== undefined) parts.push(`default ${String(s.default)}`);
  return parts.join("; ");
}

/** Descriptions mark code with backticks, as in Markdown. */
function Prose(props: { text: string | undefined }) {
  return <>{(props.text ?? "").split("`").map((part, i) => (i % 2 ? <code>{part}</code> : part))}</>;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

function OperationDoc(props: { origin: string; path: string; method: string; op: Operation }) {
  const { op } = props;
  const anchor = slug(`${props.method}-${props.path}`);
  return (
    <section id={anchor} aria-labelledby={`${anchor}-h`}>
      <h3 id={`${anchor}-h`}>
        <code>{props.method.toUpperCase()} {props.path}</code>
      </h3>
      {op.summary ? <p><strong>{op.summary}.</strong> <Prose text={op.description} /></p> : null}
      {op.parameters?.length ? (
        <table class="moderation-log">
          <thead><tr><th scope="col">Parameter</th><th scope="col">In</th><th scope="col">Accepts</th><th scope="col">Meaning</th></tr></thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr><td><code>{p.name}</code>{p.required ? " (required)" : ""}</td><td>{p.in}</td><td>{accepted(p)}</td><td><Prose text={p.description} /></td></tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <pre><code>{curlExample(props.origin, props.path, props.method, op)}</code></pre>
    </section>
  );
}

export function ApiDocsPage(props: { origin: string; paths: Paths; viewer: Viewer | null; csrfToken: string }) {
  const ops = Object.entries(props.paths).flatMap(([path, byMethod]) =>
    METHODS.filter((m) => byMethod[m]).map((m) => ({ path, method: m, op: byMethod[m]! })),
  );
  const groups = [...new Set(ops.map((o) => o.op.tags?.[0] ?? "Other"))];
  return (
    <Layout title="API" viewer={props.viewer} csrfToken={props.csrfToken}>
      <h1>API</h1>
      <p>
        Everything on this hub is also JSON. The machine-readable description is <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1).
        The <em>Daily Papers</em> endpoints answer in the shapes of the public Daily Papers API, so its clients work when pointed here
        (for huggingface_hub: <code>HfApi(endpoint="{props.origin}")</code>).
      </p>
      <ul>
        <li>Reading needs no account. Writing needs a personal access token, created under <a href="/settings">Settings</a>, sent as <code>Authorization: Bearer pb_…</code> (or your signed-in session with the page's CSRF token in <code>X-CSRF-Token</code>). Tokens have the scopes <code>read</code> and <code>write</code>.</li>
        <li>Errors are <code>{'{"error": "message"}'}</code> with the HTTP status that fits (400, 401, 403, 404, 409, 429, 502).</li>
        <li>Requests are rate-limited per token, or per address without one; every answer carries <code>RateLimit-Limit</code>, <code>RateLimit-Remaining</code> and <code>RateLimit-Reset</code>, and a 429 carries <code>Retry-After</code>.</li>
        <li>GET answers carry a weak <code>ETag</code>; send it back in <code>If-None-Match</code> to get <code>304 Not Modified</code> while nothing changed. Answers are gzip-compressed when you send <code>Accept-Encoding: gzip</code>. Any site may read them (<code>Access-Control-Allow-Origin: *</code>, without cookies).</li>
        <li>Timestamps are ISO 8601 in UTC ending in <code>Z</code>.</li>
      </ul>
      {groups.map((g) => (
        <section aria-labelledby={`group-${slug(g)}`}>
          <h2 id={`group-${slug(g)}`}>{g}</h2>
          {ops.filter((o) => (o.op.tags?.[0] ?? "Other") === g).map((o) => <OperationDoc origin={props.origin} {...o} />)}
        </section>
      ))}
    </Layout>
  );
}
