// Test helper: a real HTTP server on 127.0.0.1 that records each request's arrival and concurrency.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { afterAll, beforeAll, beforeEach } from "vitest";

export interface Arrival {
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** performance.now() when the request arrived. */
  at: number;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, arrival: Arrival, n: number) => void;

export interface FixtureServer {
  url: string;
  arrivals: Arrival[];
  /** Most requests open at the same moment (a request closes when its response does). */
  maxConcurrent: number;
  handle(h: Handler): void;
  close(): Promise<void>;
}

export function fixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), "utf8");
}

export async function startFixtureServer(): Promise<FixtureServer> {
  let handler: Handler = (_req, res) => res.writeHead(500).end();
  let open = 0;
  const state: FixtureServer = {
    url: "",
    arrivals: [],
    maxConcurrent: 0,
    handle: (h) => (handler = h),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = createServer((req, res) => {
    open += 1;
    state.maxConcurrent = Math.max(state.maxConcurrent, open);
    res.on("close", () => (open -= 1));
    const u = new URL(req.url ?? "/", "http://fixture");
    const arrival: Arrival = { path: u.pathname, query: u.searchParams, headers: req.headers, at: performance.now() };
    state.arrivals.push(arrival);
    handler(req, res, arrival, state.arrivals.length);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

export function send(res: ServerResponse, body: string, type: string, headers: Record<string, string> = {}): void {
  res.writeHead(200, { "content-type": type, "content-length": Buffer.byteLength(body), ...headers });
  res.end(body);
}

/** Sends the headers (with the full Content-Length) and part of the body, then drops the connection. */
export function sendTruncated(res: ServerResponse, body: string, type: string): void {
  const bytes = Buffer.from(body);
  res.writeHead(200, { "content-type": type, "content-length": bytes.length });
  res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => setTimeout(() => res.socket?.destroy(), 5));
}

/**
 * One fixture server for the calling test file: started before its tests,
 * closed after, with arrivals and the concurrency count reset before each
 * test. The returned object stands for the server once it is running.
 */
export function useFixtureServer(): FixtureServer {
  let real: FixtureServer | null = null;
  beforeAll(async () => {
    real = await startFixtureServer();
  });
  afterAll(() => real?.close());
  beforeEach(() => {
    real!.arrivals.length = 0;
    real!.maxConcurrent = 0;
  });
  return new Proxy({} as FixtureServer, {
    get: (_t, key) => Reflect.get(real!, key),
    set: (_t, key, value) => Reflect.set(real!, key, value),
  });
}
