import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts"],
    // The CLI tests start `node --import tsx` a dozen times in one test; on a loaded 2-core machine
    // each start took 3-7 s (measured), so 30 s was too tight. Limits, not performance targets.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
