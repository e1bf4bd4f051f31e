// Test helper: a browser stand-in over app.request() that keeps cookies and sends the page's CSRF token with its forms.
import type { Hono } from "hono";

/** The `_csrf` value of the first form in a page. */
export function csrfFrom(html: string): string | undefined {
  return /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
}

export class WebClient {
  readonly cookies = new Map<string, string>();
  /** The CSRF token of the last page seen with a form. */
  csrf = "";

  constructor(
    private readonly app: Pick<Hono<any>, "request">,
    private readonly origin = "http://localhost",
    /** Sent with every request (e.g. X-Forwarded-For). */
    readonly headers: Record<string, string> = {},
  ) {}

  async get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await this.send(path, { method: "GET", headers });
    if ((res.headers.get("content-type") ?? "").includes("text/html")) {
      const html = await res.clone().text();
      this.csrf = csrfFrom(html) ?? this.csrf;
    }
    return res;
  }

  /** Posts a form; `_csrf` is the last token seen unless `fields` gives one (or `csrf: false` leaves it out). */
  async post(path: string, fields: Record<string, string>, opts: { csrf?: false; headers?: Record<string, string> } = {}): Promise<Response> {
    const body = new URLSearchParams(opts.csrf === false || "_csrf" in fields ? fields : { _csrf: this.csrf, ...fields });
    const res = await this.send(path, {
      method: "POST",
      body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", ...opts.headers },
    });
    if ((res.headers.get("content-type") ?? "").includes("text/html")) this.csrf = csrfFrom(await res.clone().text()) ?? this.csrf;
    return res;
  }

  /** Loads a page with a form so `csrf` holds the token the server expects now. */
  async refreshCsrf(): Promise<string> {
    await this.get(this.cookies.has("pb_session") ? "/settings" : "/signin");
    return this.csrf;
  }

  async signUp(name: string, password = "correct-horse-staple", extra: Record<string, string> = {}): Promise<Response> {
    await this.refreshCsrf();
    const res = await this.post("/signup", { name, email: `${name}@example.org`, password, ...extra });
    await this.refreshCsrf();
    return res;
  }

  async signIn(login: string, password: string): Promise<Response> {
    await this.refreshCsrf();
    const res = await this.post("/signin", { login, password });
    if (res.status === 303) await this.refreshCsrf();
    return res;
  }

  private async send(path: string, init: { method: string; body?: string; headers: Record<string, string> }): Promise<Response> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    const res = await this.app.request(new URL(path, this.origin).toString(), {
      ...init,
      headers: { ...this.headers, ...(cookie ? { Cookie: cookie } : {}), ...init.headers },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = "", ...attrs] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const gone = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a));
      if (gone) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(eq + 1).trim());
    }
    return res;
  }
}
