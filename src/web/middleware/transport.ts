// What the connection says about a request: the client's address and whether it came over HTTPS, proxy headers trusted only when configured.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context, MiddlewareHandler } from "hono";

export interface TransportOptions {
  /** Mark cookies Secure on every response, whatever the request's scheme. */
  secureCookies: boolean;
  /** Believe X-Forwarded-For / X-Forwarded-Proto: only true behind a reverse proxy that sets them. */
  trustProxy: boolean;
}

export const DIRECT: TransportOptions = { secureCookies: false, trustProxy: false };

declare module "hono" {
  interface ContextVariableMap {
    /** The client's address as clientIpMiddleware found it (absent when that middleware is not installed). */
    clientIp?: string;
  }
}

/**
 * The last entry of a proxy header: the one our own proxy appended. Entries
 * to its left came from the client and can be forged, so rate limits never
 * key on them. (One proxy layer is supported; a chain needs its own rule.)
 */
function lastHop(value: string | undefined): string | undefined {
  const hop = value?.split(",").at(-1)?.trim();
  return hop || undefined;
}

/** The socket's peer address; "unknown" where there is no socket (app.request() in tests, other runtimes). */
function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown";
  }
}

export function clientIp(c: Context, opts: Pick<TransportOptions, "trustProxy">): string {
  return (opts.trustProxy ? lastHop(c.req.header("X-Forwarded-For")) : undefined) ?? socketAddress(c);
}

export function isHttps(c: Context, opts: Pick<TransportOptions, "trustProxy">): boolean {
  if (opts.trustProxy) {
    const proto = lastHop(c.req.header("X-Forwarded-Proto"));
    if (proto) return proto.toLowerCase() === "https";
  }
  return new URL(c.req.url).protocol === "https:";
}

/** Records the client's address once per request, for rate limits and logs. */
export function clientIpMiddleware(opts: Pick<TransportOptions, "trustProxy">): MiddlewareHandler {
  return async (c, next) => {
    c.set("clientIp", clientIp(c, opts));
    await next();
  };
}
