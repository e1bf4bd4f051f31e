// Runs the real `paperboard` CLI in a child process, as a user or a script would.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";

export const PROJECT_ROOT = fileURLToPath(new URL("../../..", import.meta.url));
// The compiled CLI, built current by the global setup (build-cli.ts), as `npx paperboard` runs it.
export const MAIN = fileURLToPath(new URL("../../../dist/cli/main.js", import.meta.url));

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Environment for a child CLI: no inherited PAPERBOARD_* settings, quiet logs, no autosync. */
export function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("PAPERBOARD_") && k !== "PORT") env[k] = v;
  return { ...env, PAPERBOARD_LOG_LEVEL: "warn", PAPERBOARD_AUTOSYNC: "0", ...extra };
}

export function spawnCli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): ChildProcess {
  return spawn(process.execPath, [MAIN, ...args], {
    cwd: opts.cwd ?? PROJECT_ROOT,
    env: cliEnv(opts.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function runCli(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): Promise<CliResult> {
  const child = spawnCli(args, opts);
  return collect(child);
}

export function collect(child: ChildProcess): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  child.stdout!.setEncoding("utf8").on("data", (d: string) => (stdout += d));
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}
