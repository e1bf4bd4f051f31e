// What every command shares: the global flags, configuration loading, services, and interruption handling.
import type { Command } from "commander";
import { createServices, type Services } from "../app.js";
import { loadConfig, type Config } from "../config/config.js";

export interface GlobalFlags {
  data?: string;
  config?: string;
  databaseUrl?: string;
}

export function configFrom(cmd: Command, overrides: Record<string, unknown> = {}): Config {
  const g = cmd.optsWithGlobals() as GlobalFlags;
  return loadConfig({
    file: g.config,
    overrides: { dataDir: g.data, databaseUrl: g.databaseUrl, ...overrides },
  });
}

export async function withServices<T>(cmd: Command, fn: (s: Services) => Promise<T>, overrides: Record<string, unknown> = {}): Promise<T> {
  const services = await createServices(configFrom(cmd, overrides));
  try {
    return await fn(services);
  } finally {
    await services.close();
  }
}

/**
 * An AbortSignal that fires on the first Ctrl-C or SIGTERM, so work stops
 * after the batch in hand is committed; a second Ctrl-C exits at once.
 */
export function interruptSignal(onFirst?: () => void): { signal: AbortSignal; dispose(): void } {
  const ctrl = new AbortController();
  const handler = () => {
    if (ctrl.signal.aborted) process.exit(130);
    onFirst?.();
    ctrl.abort();
  };
  process.on("SIGINT", handler);
  process.on("SIGTERM", handler);
  return {
    signal: ctrl.signal,
    dispose() {
      process.off("SIGINT", handler);
      process.off("SIGTERM", handler);
    },
  };
}

export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + "\n");
}
