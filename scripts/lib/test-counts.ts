// "N passed, N failed" from the runners' JSON reports (scripts/run-tests.ts). A test that was meant
// to run and did not pass counts as failed: a suite whose beforeAll (or fixture) threw has not
// shown that its tests pass, whatever the runner calls them (ADR 018).
//
// Vitest's JSON reporter (4.1) marks the tests of a suite whose beforeAll threw as "skipped" — the
// same word as it.skip — and the file as "failed", with the hook's error nowhere in the file (its
// `message` is only set when the file itself could not run). So inside a failed file nothing is
// skipped: every test that did not pass failed (only `todo`s, which have no body, stay skipped).
// A failed file none of whose tests failed (an afterAll threw, the file did not import) is one
// failure. Playwright's JSON says what was meant: a test that did not run because a beforeAll or
// fixture threw is "skipped" with `expectedStatus: "passed"`; only test.skip/fixme expect "skipped".

export type Counts = { passed: number; failed: number; skipped: number };

type VitestAssertion = { status?: string; fullName?: string };
type VitestFile = { name?: string; status?: string; message?: string; assertionResults?: VitestAssertion[] };
export type VitestReport = { numRuntimeErrors?: number; testResults?: VitestFile[] };

export function countVitest(report: VitestReport): Counts {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  for (const file of report.testResults ?? []) {
    const fileFailed = file.status === "failed";
    let failedHere = 0;
    for (const test of file.assertionResults ?? []) {
      if (test.status === "passed") counts.passed++;
      else if (test.status === "todo") counts.skipped++;
      else if (test.status === "failed" || fileFailed) failedHere++;
      else counts.skipped++;
    }
    counts.failed += fileFailed && failedHere === 0 ? 1 : failedHere;
  }
  // Errors outside any test (an unhandled rejection after a test ended) fail the run too.
  counts.failed += report.numRuntimeErrors ?? 0;
  return counts;
}

type PlaywrightTest = { status?: string; expectedStatus?: string };
type PlaywrightSuite = { specs?: { tests?: PlaywrightTest[] }[]; suites?: PlaywrightSuite[] };
export type PlaywrightReport = { suites?: PlaywrightSuite[]; errors?: unknown[] };

export function countPlaywright(report: PlaywrightReport): Counts {
  const counts: Counts = { passed: 0, failed: 0, skipped: 0 };
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests ?? []) {
        if (test.status === "expected" || test.status === "flaky") counts.passed++;
        else if (test.status === "skipped" && test.expectedStatus === "skipped") counts.skipped++;
        else counts.failed++; // "unexpected", or "skipped" although expected to run (a beforeAll/fixture threw, the run stopped)
      }
    }
    for (const child of suite.suites ?? []) visit(child);
  };
  for (const suite of report.suites ?? []) visit(suite);
  // Errors outside any test: global setup, the web server, a file that did not load.
  counts.failed += report.errors?.length ?? 0;
  return counts;
}

/**
 * The counts of one runner's invocation: from its report when it wrote one, else one failure (a
 * runner that died before reporting); at least one failure when it exited non-zero.
 */
export function suiteCounts(counts: Counts | null, exitCode: number): Counts {
  const c = counts ? { ...counts } : { passed: 0, failed: 1, skipped: 0 };
  if (exitCode !== 0 && c.failed === 0) c.failed = 1;
  return c;
}
