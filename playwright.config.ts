import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// e2e runs through `npm test` (scripts/run-tests.ts), which builds the app and prepares a
// seeded database; this file starts `next start` on it.
const port = Number(process.env.PORT ?? 3100);
const systemChromium = "/usr/bin/chromium";

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results/playwright-artifacts",
  // Under CI a forgotten `.only` fails the run instead of quietly running one test (ADR 018).
  forbidOnly: !!process.env.CI,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Staff sign-ins take a second step (ADR 022: the verify page and one more navigation), and
  // several tests sign in two staff members.
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ?? "test-results/playwright.json" }]],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          // Debian's chromium when present (no browser download offline), else Playwright's own.
          executablePath: existsSync(systemChromium) ? systemChromium : undefined,
          args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        },
      },
    },
  ],
  webServer: {
    // The server's output goes to a file that logs.spec.ts checks for health data and credentials.
    command: `node scripts/log-server.mjs test-results/e2e-server.log -- node_modules/.bin/next start -p ${port}`,
    url: `http://localhost:${port}/sign-in`,
    reuseExistingServer: false,
    timeout: 120_000,
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
    stdout: "ignore",
    stderr: "pipe",
  },
});
