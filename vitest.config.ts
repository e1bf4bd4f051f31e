import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // Some CLI tests start the CLI a dozen times in one test; on a loaded 2-core machine each start
    // took seconds, so 30 s was too tight. Limits, not performance targets.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Builds dist/ when a source file is newer: the CLI tests run the compiled CLI.
    globalSetup: ["src/cli/test-support/build-cli.ts"],
  },
});
