import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    tsconfigPaths: true,
    // `server-only` throws outside React Server Components; tests call the domain layer directly.
    alias: { "server-only": fileURLToPath(new URL("./tests/setup/empty-module.ts", import.meta.url)) },
  },
  test: {
    // Under CI a forgotten `.only` fails the run instead of quietly running one test (ADR 018).
    allowOnly: !process.env.CI,
    projects: [
      { extends: true, test: { name: "unit", include: ["tests/unit/**/*.test.ts"], environment: "node" } },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["tests/integration/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/setup/integration.ts"],
          // One database, truncated between tests: files run one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
