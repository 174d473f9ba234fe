// A forgotten `.only` under CI would run one test and report the rest as skipped, and CI would be
// green (ADR 018): both runners refuse it when CI is set, and allow it on a workstation.
import { afterEach, describe, expect, it, vi } from "vitest";

async function configs() {
  vi.resetModules();
  const [vitest, reliability, playwright] = await Promise.all([import("@/vitest.config"), import("@/tests/reliability/vitest.config"), import("@/playwright.config")]);
  return { vitest: vitest.default, reliability: reliability.default, playwright: playwright.default };
}

describe("focused tests", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("are refused under CI by Vitest (unit, integration, reliability) and Playwright", async () => {
    vi.stubEnv("CI", "1");
    const c = await configs();
    expect(c.vitest.test?.allowOnly).toBe(false);
    expect(c.reliability.test?.allowOnly).toBe(false);
    expect(c.playwright.forbidOnly).toBe(true);
  });

  it("are allowed outside CI", async () => {
    vi.stubEnv("CI", "");
    const c = await configs();
    expect(c.vitest.test?.allowOnly).toBe(true);
    expect(c.reliability.test?.allowOnly).toBe(true);
    expect(c.playwright.forbidOnly).toBe(false);
  });
});
