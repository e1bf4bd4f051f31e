// Vitest global setup: the CLI tests run the compiled `dist/cli/main.js`, as `npx paperboard` does,
// rather than the TypeScript sources under tsx, which took twice as long to start (about 2 s against
// 1 s a process here, and the CLI tests start some eighty). `npm install` builds dist (the prepare
// script); this rebuilds it first when any source file is newer, so the tests never run stale code.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));
export const BUILT_MAIN = join(ROOT, "dist", "cli", "main.js");

/** The newest modification time of a non-test source file under dir. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

export function builtCliIsCurrent(): boolean {
  return existsSync(BUILT_MAIN) && statSync(BUILT_MAIN).mtimeMs >= newestSource(join(ROOT, "src"));
}

export default function setup(): void {
  if (builtCliIsCurrent()) return;
  // typescript's exports map hides bin/, so go through its package.json, which it does export.
  const tsc = join(dirname(createRequire(import.meta.url).resolve("typescript/package.json")), "bin", "tsc");
  execFileSync(process.execPath, [tsc, "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "inherit" });
}
