// Test helper: signs a WebClient in as a user by writing a session row directly (no accounts service, no password hashing).
import { createHash, randomBytes } from "node:crypto";
import type { Store } from "../../storage/store.js";
import type { WebClient } from "../../web/test-support/web-client.js";

/** Stores a session for the user (the table keeps the SHA-256 hex of the `pb_session` token) and gives the client its cookie and CSRF token. */
export async function signInDirect(store: Store, client: WebClient, userId: string): Promise<void> {
  const token = randomBytes(32).toString("base64url");
  const csrf = randomBytes(32).toString("base64url");
  const now = new Date();
  await store.db
    .insertInto("sessions")
    .values({
      token_hash: createHash("sha256").update(token).digest("hex"),
      user_id: userId,
      csrf_token: csrf,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
    })
    .execute();
  client.cookies.set("pb_session", token);
  client.csrf = csrf;
}
