// The middleware every request passes before its route, in order: body size cap, client address, session, CSRF check.
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AccountsService } from "../../accounts/accounts-service.js";
import type { AppEnv } from "../context.js";
import { csrfProtection } from "./csrf.js";
import { sessionMiddleware } from "./session.js";
import { clientIpMiddleware, type TransportOptions } from "./transport.js";

/** Forms here carry a comment or a few fields; the CSRF check reads every posted body, so its size is capped first. */
const MAX_BODY_BYTES = 1024 * 1024;

export function requestSecurity(accounts: AccountsService, transport: TransportOptions): MiddlewareHandler<AppEnv>[] {
  return [
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.text("The request is too large.", 413) }),
    clientIpMiddleware(transport),
    sessionMiddleware(accounts, transport),
    csrfProtection(),
  ];
}
