// The reliability suite: run by scripts/run-tests.ts after a `next build`, never by a bare
// `vitest` (it starts its own PostgreSQL and `next start`, and stops PostgreSQL on purpose).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  root: fileURLToPath(new URL("../..", import.meta.url)),
  resolve: { tsconfigPaths: true },
  test: {
    name: "reliability",
    allowOnly: !process.env.CI,
    include: ["tests/reliability/**/*.test.ts"],
    environment: "node",
    fileParallelism: false,
    testTimeout: 120_000,
    hookTimeout: 180_000,
  },
});
