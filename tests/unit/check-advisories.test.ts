// The offline advisory check (scripts/check-advisories.ts): the version comparator, the range check
// on fabricated version sets, the real security/advisories.json, and reading npm audit's output.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  checkPackages,
  collectPackages,
  compareVersions,
  formatTable,
  interpretNpmAudit,
  isAffected,
  isFailure,
  loadAdvisoryDb,
  parseAdvisoryDb,
  parseVersion,
  type Advisory,
  type AdvisoryDb,
  type PackageVersions,
} from "@/scripts/check-advisories";

function advisory(partial: Partial<Advisory> & Pick<Advisory, "key" | "packages" | "affected">): Advisory {
  return {
    ids: [`GHSA-test-${partial.key}`],
    title: `Test advisory ${partial.key}`,
    severity: "high",
    sources: ["https://example.com/advisory"],
    confidence: "high",
    ...partial,
  };
}

function db(...advisories: Advisory[]): AdvisoryDb {
  return parseAdvisoryDb({ lastReviewed: "2026-11-26", coverage: "test", advisories });
}

// One advisory fixed per release line, plus a canary line, like the Next.js RSC advisories.
const FRAMEWORK = db(
  advisory({
    key: "fw-rce",
    packages: ["framework"],
    severity: "critical",
    affected: [
      { introduced: "15.0.0", fixed: "15.0.5" },
      { introduced: "15.1.0", fixed: "15.1.9" },
      { introduced: "15.6.0-canary.0", fixed: "15.6.0-canary.58" },
      { introduced: "16.0.0", fixed: "16.0.7" },
    ],
  }),
);

const pkg = (name: string, installed: string | null, declared: string | null = installed): PackageVersions => ({ name, declared, installed });

function one(p: PackageVersions, list: AdvisoryDb = FRAMEWORK) {
  const findings = checkPackages([p], list);
  expect(findings).toHaveLength(1);
  return findings[0]!;
}

describe("parseVersion", () => {
  it("reads x.y.z, prereleases and build metadata", () => {
    expect(parseVersion("16.4.6")).toEqual({ major: 16, minor: 4, patch: 6, pre: [] });
    expect(parseVersion("16.1.0-canary.12")).toEqual({ major: 16, minor: 1, patch: 0, pre: ["canary", 12] });
    expect(parseVersion("5.0.0-beta.30+build.7")).toEqual({ major: 5, minor: 0, patch: 0, pre: ["beta", 30] });
    expect(parseVersion("v1.2.3")?.minor).toBe(2);
  });

  it.each(["latest", "^16.0.0", "16.0", "16.0.0.1", "", "01.2.3", "1.2.3-"])("refuses %j", (text) => {
    expect(parseVersion(text)).toBeNull();
  });
});

describe("compareVersions", () => {
  it("orders by major, minor and patch numerically", () => {
    expect(compareVersions("15.2.3", "15.2.3")).toBe(0);
    expect(compareVersions("15.2.10", "15.2.9")).toBeGreaterThan(0);
    expect(compareVersions("15.10.0", "15.9.9")).toBeGreaterThan(0);
    expect(compareVersions("9.9.9", "10.0.0")).toBeLessThan(0);
  });

  it("orders prereleases as SemVer does, before their release", () => {
    const ordered = [
      "1.0.0-alpha",
      "1.0.0-alpha.1",
      "1.0.0-alpha.beta",
      "1.0.0-beta",
      "1.0.0-beta.2",
      "1.0.0-beta.11",
      "1.0.0-rc.1",
      "1.0.0",
    ];
    for (let i = 0; i < ordered.length - 1; i++) {
      expect(compareVersions(ordered[i]!, ordered[i + 1]!)).toBeLessThan(0);
      expect(compareVersions(ordered[i + 1]!, ordered[i]!)).toBeGreaterThan(0);
    }
    expect(compareVersions("16.1.0-canary.9", "16.1.0-canary.12")).toBeLessThan(0);
    expect(compareVersions("5.0.0-beta.29", "5.0.0-beta.30")).toBeLessThan(0);
  });

  it("ignores build metadata", () => {
    expect(compareVersions("1.2.3+a", "1.2.3+b")).toBe(0);
  });

  it("throws on something that is not a version", () => {
    expect(() => compareVersions("latest", "1.0.0")).toThrow(/Not a version/);
  });
});

describe("isAffected", () => {
  it("includes the lower bound and excludes the fixed version", () => {
    const range = { introduced: "15.1.0", fixed: "15.1.9" };
    expect(isAffected("15.0.9", range)).toBe(false);
    expect(isAffected("15.1.0", range)).toBe(true);
    expect(isAffected("15.1.8", range)).toBe(true);
    expect(isAffected("15.1.9", range)).toBe(false);
    expect(isAffected("15.1.9-canary.1", range)).toBe(true);
  });
});

describe("checkPackages", () => {
  it("reports a vulnerable version with its line's minimum fixed version", () => {
    const f = one(pkg("framework", "15.1.8"));
    expect(f).toMatchObject({ status: "VULNERABLE", advisory: "fw-rce", severity: "critical", requiredMinimum: "15.1.9" });
    expect(isFailure(f)).toBe(true);
  });

  it("passes the fixed version and later ones on the same line", () => {
    expect(one(pkg("framework", "15.1.9"))).toMatchObject({ status: "OK", requiredMinimum: "15.1.9" });
    expect(one(pkg("framework", "15.1.12"))).toMatchObject({ status: "OK", requiredMinimum: "15.1.9" });
  });

  it("uses the minimum of the version's own release line", () => {
    // 15.0.6 is fixed on the 15.0 line although it is below 15.1.9 and 16.0.7.
    expect(one(pkg("framework", "15.0.6"))).toMatchObject({ status: "OK", requiredMinimum: "15.0.5" });
    expect(one(pkg("framework", "15.0.4"))).toMatchObject({ status: "VULNERABLE", requiredMinimum: "15.0.5" });
    expect(one(pkg("framework", "16.0.6"))).toMatchObject({ status: "VULNERABLE", requiredMinimum: "16.0.7" });
    // A later line that was never affected passes, against the newest fixed line below it.
    expect(one(pkg("framework", "16.4.6"))).toMatchObject({ status: "OK", requiredMinimum: "16.0.7" });
  });

  it("handles canary lines", () => {
    expect(one(pkg("framework", "15.6.0-canary.57"))).toMatchObject({ status: "VULNERABLE", requiredMinimum: "15.6.0-canary.58" });
    expect(one(pkg("framework", "15.6.0-canary.58"))).toMatchObject({ status: "OK" });
  });

  it("treats a version older than every affected range as not affected", () => {
    expect(one(pkg("framework", "14.2.0"))).toMatchObject({ status: "OK", requiredMinimum: null });
  });

  it("lists a package without known advisories as OK", () => {
    expect(one(pkg("left-pad", "1.3.0"))).toMatchObject({ status: "OK", advisory: "(none listed)", severity: null });
  });

  it("fails a dependency that is not installed or has no readable version", () => {
    expect(one(pkg("framework", null, "16.0.7"))).toMatchObject({ status: "NOT INSTALLED" });
    expect(one(pkg("framework", "workspace:*"))).toMatchObject({ status: "UNPARSEABLE" });
  });

  it("judges the installed version, not the declared one", () => {
    const f = one(pkg("framework", "16.0.6", "16.0.7"));
    expect(f).toMatchObject({ status: "VULNERABLE", installed: "16.0.6", declared: "16.0.7" });
    expect(f.note).toBe("package.json says 16.0.7");
  });

  it("gives one row per advisory of a package and covers every package an advisory names", () => {
    const list = db(
      advisory({ key: "a", packages: ["x", "y"], affected: [{ introduced: "1.0.0", fixed: "1.2.0" }] }),
      advisory({ key: "b", packages: ["x"], affected: [{ introduced: "1.1.0", fixed: "1.3.0" }] }),
    );
    const findings = checkPackages([pkg("x", "1.2.5"), pkg("y", "1.1.0")], list);
    expect(findings.map((f) => [f.package, f.advisory, f.status])).toEqual([
      ["x", "a", "OK"],
      ["x", "b", "VULNERABLE"],
      ["y", "a", "VULNERABLE"],
    ]);
  });

  it("prints a table with one line per finding", () => {
    const table = formatTable(checkPackages([pkg("framework", "16.0.6"), pkg("left-pad", "1.3.0")], FRAMEWORK));
    const lines = table.split("\n");
    expect(lines[0]).toMatch(/^package\s+installed\s+advisory\s+severity\s+required minimum\s+status$/);
    expect(lines[2]).toMatch(/^framework\s+16\.0\.6\s+fw-rce\s+critical\s+16\.0\.7\s+VULNERABLE$/);
    expect(lines[3]).toMatch(/^left-pad\s+1\.3\.0\s+\(none listed\)\s+-\s+-\s+OK$/);
  });
});

describe("parseAdvisoryDb", () => {
  it("refuses a range whose fixed version is not above its lower bound", () => {
    expect(() => db(advisory({ key: "bad", packages: ["x"], affected: [{ introduced: "2.0.0", fixed: "1.0.0" }] }))).toThrow(
      /introduced must be lower than fixed/,
    );
  });

  it("refuses a version it cannot compare and a duplicate key", () => {
    expect(() => db(advisory({ key: "bad", packages: ["x"], affected: [{ introduced: "1.0", fixed: "1.0.1" }] }))).toThrow(/version/);
    const a = advisory({ key: "dup", packages: ["x"], affected: [{ introduced: "1.0.0", fixed: "1.0.1" }] });
    expect(() => db(a, a)).toThrow(/duplicate key dup/);
  });
});

describe("security/advisories.json", () => {
  const real = loadAdvisoryDb(path.resolve("security", "advisories.json"));
  const status = (name: string, version: string, key: string) =>
    checkPackages([pkg(name, version)], real).find((f) => f.advisory === key);

  it("loads and cites a source for every advisory", () => {
    expect(real.advisories.length).toBeGreaterThan(10);
    for (const a of real.advisories) expect(a.sources.length).toBeGreaterThan(0);
  });

  it.each<[string, string, string, "OK" | "VULNERABLE", string | null]>([
    ["next", "15.2.2", "next-2025-29927", "VULNERABLE", "15.2.3"],
    ["next", "14.2.25", "next-2025-29927", "OK", "14.2.25"],
    ["next", "16.0.6", "next-2025-66478", "VULNERABLE", "16.0.7"],
    ["next", "15.4.8", "next-2025-66478", "OK", "15.4.8"],
    ["next", "16.0.9", "next-2025-55184", "VULNERABLE", "16.0.10"],
    ["next", "15.5.14", "next-2026-23869", "VULNERABLE", "15.5.15"],
    ["next", "16.2.4", "next-2026-05-security-release", "VULNERABLE", "16.2.5"],
    ["next", "16.2.12", "next-2026-08-security-release", "VULNERABLE", "16.3.3"],
    ["next", "16.3.3", "next-2026-08-security-release", "OK", "16.3.3"],
    ["next-auth", "4.24.11", "next-auth-ghsa-5jpx", "VULNERABLE", "4.24.12"],
    ["next-auth", "4.24.14", "next-auth-ghsa-7rqj", "VULNERABLE", "4.24.15"],
    ["next-auth", "5.0.0-beta.31", "next-auth-ghsa-8fpg", "VULNERABLE", "5.0.0-beta.32"],
    ["next-auth", "4.24.15", "next-auth-ghsa-8fpg", "OK", null],
    ["react-server-dom-webpack", "19.2.0", "react-rsc-2025-55182", "VULNERABLE", "19.2.1"],
    ["react-server-dom-webpack", "19.1.7", "react-rsc-2026-23870", "OK", "19.1.7"],
  ])("%s %s against %s is %s (minimum %s)", (name, version, key, expected, minimum) => {
    expect(status(name, version, key)).toMatchObject({ status: expected, requiredMinimum: minimum });
  });
});

describe("collectPackages", () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  function project(dependencies: Record<string, string>, installed: Record<string, string>): string {
    dir = mkdtempSync(path.join(tmpdir(), "check-advisories-"));
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ dependencies }));
    for (const [name, version] of Object.entries(installed)) {
      mkdirSync(path.join(dir, "node_modules", name), { recursive: true });
      writeFileSync(path.join(dir, "node_modules", name, "package.json"), JSON.stringify({ name, version }));
    }
    return dir;
  }

  it("reads declared and installed versions, and advisory packages installed without being declared", () => {
    const list = db(
      ...FRAMEWORK.advisories,
      advisory({ key: "rsc", packages: ["@scope/rsc", "other-rsc"], affected: [{ introduced: "19.0.0", fixed: "19.0.1" }] }),
    );
    const root = project({ framework: "16.0.7", missing: "1.0.0" }, { framework: "16.0.6", "@scope/rsc": "19.0.0" });
    const { checked, absent } = collectPackages(root, list);
    expect(checked).toEqual([
      { name: "framework", declared: "16.0.7", installed: "16.0.6" },
      { name: "missing", declared: "1.0.0", installed: null },
      { name: "@scope/rsc", declared: null, installed: "19.0.0" },
    ]);
    expect(absent).toEqual(["other-rsc"]);
    expect(checkPackages(checked, list).map((f) => `${f.package} ${f.status}`)).toEqual([
      "framework VULNERABLE",
      "missing NOT INSTALLED",
      "@scope/rsc VULNERABLE",
    ]);
  });
});

describe("interpretNpmAudit", () => {
  it("reports npm audit as unavailable when the registry refuses the bulk endpoint", () => {
    const stdout = JSON.stringify({
      message: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
      statusCode: 405,
      error: { summary: "", detail: "" },
    });
    expect(interpretNpmAudit(stdout, "npm error audit endpoint returned an error")).toEqual({
      kind: "unavailable",
      reason: "405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk",
    });
  });

  it("reports npm audit as unavailable when it cannot run or prints no JSON", () => {
    expect(interpretNpmAudit("", "", new Error("spawnSync npm ETIMEDOUT"))).toEqual({ kind: "unavailable", reason: "spawnSync npm ETIMEDOUT" });
    expect(interpretNpmAudit("", "npm error code ENOTFOUND\n")).toEqual({ kind: "unavailable", reason: "npm error code ENOTFOUND" });
  });

  const report = (counts: Record<string, number>, vulnerabilities: Record<string, { severity: string }> = {}) =>
    JSON.stringify({ auditReportVersion: 2, vulnerabilities, metadata: { vulnerabilities: counts } });

  it("passes a report without high or critical findings", () => {
    const out = interpretNpmAudit(report({ info: 0, low: 1, moderate: 2, high: 0, critical: 0, total: 3 }), "");
    expect(out).toMatchObject({ kind: "ok", counts: { moderate: 2, high: 0 } });
  });

  it("fails a report with high or critical findings and names them", () => {
    const out = interpretNpmAudit(
      report(
        { info: 0, low: 0, moderate: 1, high: 1, critical: 1, total: 3 },
        { next: { severity: "critical" }, "next-auth": { severity: "high" }, zod: { severity: "moderate" } },
      ),
      "",
    );
    expect(out).toEqual({
      kind: "findings",
      counts: { info: 0, low: 0, moderate: 1, high: 1, critical: 1, total: 3 },
      packages: ["next (critical)", "next-auth (high)"],
    });
  });
});
