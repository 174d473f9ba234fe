// The summary line CI reads ("N passed, N failed") counts a test that never ran because its
// beforeAll or fixture threw as failed (ADR 018). The reports below have the shapes Vitest 4.1 and
// Playwright 1.65 wrote for such runs. Before: Vitest's numPassedTests/numFailedTests and Playwright's
// stats said 2 passed, 0 failed (the hook's victims were "skipped"/"pending").
import { describe, expect, it } from "vitest";
import { countPlaywright, countVitest, suiteCounts, type PlaywrightReport, type VitestReport } from "@/scripts/lib/test-counts";

const vitestReport: VitestReport = {
  numRuntimeErrors: 0,
  testResults: [
    {
      // describe("broken") { beforeAll(throw); it a, b, c }, describe("fine") { it d; it.todo f }.
      // Vitest 4.1 writes the hook's error nowhere in the file; its tests are "skipped".
      name: "/repo/tests/integration/broken-hook.test.ts",
      status: "failed",
      message: "",
      assertionResults: [
        { status: "skipped", fullName: "broken a" },
        { status: "skipped", fullName: "broken b" },
        { status: "pending", fullName: "broken c" },
        { status: "passed", fullName: "fine d" },
        { status: "todo", fullName: "fine f" },
      ],
    },
    {
      // A suite-level failure with a message: the tests never started.
      name: "/repo/tests/integration/suite-error.test.ts",
      status: "failed",
      message: "beforeAll: connect ECONNREFUSED 127.0.0.1:54330",
      assertionResults: [
        { status: "pending", fullName: "suite g" },
        { status: "skipped", fullName: "suite h" },
      ],
    },
    { name: "/repo/tests/unit/fine.test.ts", status: "passed", message: "", assertionResults: [{ status: "passed" }, { status: "skipped" }] },
  ],
};

describe("countVitest", () => {
  it("counts every test of a suite whose beforeAll threw as failed, not skipped", () => {
    expect(countVitest(vitestReport)).toEqual({ passed: 2, failed: 5, skipped: 2 });
  });

  it("counts a failed file with no failing test (afterAll threw, or the file did not import) as one failure", () => {
    const report: VitestReport = {
      testResults: [
        { status: "failed", message: "", assertionResults: [{ status: "passed" }] },
        { status: "failed", message: "module exploded", assertionResults: [] },
      ],
    };
    expect(countVitest(report)).toEqual({ passed: 1, failed: 2, skipped: 0 });
  });

  it("keeps deliberate skips and todos of a passing file as skipped, and counts errors outside tests", () => {
    const report: VitestReport = {
      numRuntimeErrors: 1,
      testResults: [{ status: "passed", assertionResults: [{ status: "passed" }, { status: "skipped" }, { status: "todo" }] }],
    };
    expect(countVitest(report)).toEqual({ passed: 1, failed: 1, skipped: 2 });
  });

  it("counts a failing test once", () => {
    expect(countVitest({ testResults: [{ status: "failed", assertionResults: [{ status: "failed" }, { status: "passed" }] }] })).toEqual({ passed: 1, failed: 1, skipped: 0 });
  });
});

describe("countPlaywright", () => {
  const test = (status: string, expectedStatus = "passed") => ({ status, expectedStatus });
  const report: PlaywrightReport = {
    errors: [],
    suites: [
      {
        specs: [{ tests: [test("expected")] }, { tests: [test("skipped", "skipped")] }, { tests: [test("unexpected")] }],
        suites: [
          // describe("broken") { beforeAll(throw); a, b, c }: a failed, b and c "did not run".
          { specs: [{ tests: [test("unexpected")] }, { tests: [test("skipped")] }, { tests: [test("skipped")] }] },
          { specs: [{ tests: [test("flaky")] }, { tests: [test("expected", "failed")] }] },
        ],
      },
    ],
  };

  it("counts tests that did not run because a beforeAll or fixture threw as failed", () => {
    // Playwright's own stats for this run — what was counted before — say expected 2, flaky 1, unexpected 2, skipped 3.
    expect(countPlaywright(report)).toEqual({ passed: 3, failed: 4, skipped: 1 });
  });

  it("counts errors outside any test (global setup, web server) as failures", () => {
    expect(countPlaywright({ suites: [], errors: [{ message: "Timed out waiting 120000ms from config.webServer." }] })).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });
});

describe("suiteCounts", () => {
  it("counts a runner that wrote no report as one failure", () => {
    expect(suiteCounts(null, 1)).toEqual({ passed: 0, failed: 1, skipped: 0 });
    expect(suiteCounts(null, 0)).toEqual({ passed: 0, failed: 1, skipped: 0 });
  });

  it("counts a non-zero exit with an all-green report as one failure", () => {
    expect(suiteCounts({ passed: 12, failed: 0, skipped: 0 }, 1)).toEqual({ passed: 12, failed: 1, skipped: 0 });
    expect(suiteCounts({ passed: 12, failed: 0, skipped: 0 }, 0)).toEqual({ passed: 12, failed: 0, skipped: 0 });
  });
});
