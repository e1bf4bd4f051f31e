// Test helper: SyncDeps wired to a fixture server, with in-memory store doubles and back-off waits that cost no time.
import { MemorySink, MemoryState } from "./memory-doubles.js";
import { PoliteHttp, type PoliteHttpOptions } from "../polite-http.js";
import type { SyncDeps } from "../sync-deps.js";

export function harness(baseUrl: string, httpOpts: Partial<PoliteHttpOptions> = {}) {
  const sink = new MemorySink();
  const state = new MemoryState();
  const http = new PoliteHttp({
    userAgent: "paperboard-test/1.0",
    minIntervalMs: 0,
    timeoutMs: 2000,
    maxAttempts: 2,
    backoffBaseMs: 10,
    sleep: async (_ms, signal) => signal?.throwIfAborted(),
    ...httpOpts,
  });
  const deps: SyncDeps = {
    sink,
    state,
    http,
    urls: { arxivOai: `${baseUrl}/oai2`, arxivApi: `${baseUrl}/api/query`, hfApi: baseUrl },
  };
  return { deps, sink, state };
}
