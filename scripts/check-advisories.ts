// `npx tsx scripts/check-advisories.ts`: checks the installed runtime dependencies against the
// known advisories in security/advisories.json (offline), then tries `npm audit`. Exits 1 when an
// installed dependency is inside an affected range, a dependency is missing from node_modules, or
// npm audit reports high/critical findings; npm audit being unavailable is reported, not a failure.
// Flags: --no-npm-audit (or CHECK_ADVISORIES_NPM_AUDIT=0) skips npm audit. See docs/decisions/012.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { z } from "@/lib/validation/zod";

// ---------------------------------------------------------------------------------------------
// Versions: x.y.z[-prerelease][+build], ordered as in SemVer 2.0.0 (build metadata ignored).

export type Version = { major: number; minor: number; patch: number; pre: (string | number)[] };

const VERSION_RE = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z.-]+)?$/;

export function parseVersion(text: string): Version | null {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return null;
  const pre = m[4] ? m[4].split(".").map((id) => (/^\d+$/.test(id) ? Number(id) : id)) : [];
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), pre };
}

function comparePre(a: (string | number)[], b: (string | number)[]): number {
  if (a.length === 0 || b.length === 0) return b.length - a.length; // a release sorts after its prereleases
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] as string | number;
    const y = b[i] as string | number;
    if (x === y) continue;
    if (typeof x === "number" && typeof y === "number") return x < y ? -1 : 1;
    if (typeof x === "number") return -1; // numeric identifiers sort before alphanumeric ones
    if (typeof y === "number") return 1;
    return x < y ? -1 : 1;
  }
  return Math.sign(a.length - b.length);
}

/** Negative when a < b, 0 when equal, positive when a > b. Throws on a version it cannot parse. */
export function compareVersions(a: string, b: string): number {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va) throw new Error(`Not a version: ${JSON.stringify(a)}`);
  if (!vb) throw new Error(`Not a version: ${JSON.stringify(b)}`);
  return va.major - vb.major || va.minor - vb.minor || va.patch - vb.patch || comparePre(va.pre, vb.pre);
}

// ---------------------------------------------------------------------------------------------
// The advisory list.

const ZVersion = z.string().refine((s) => parseVersion(s) !== null, { message: "not an x.y.z[-pre] version" });
const ZRange = z
  .object({ introduced: ZVersion, fixed: ZVersion })
  .refine((r) => compareVersions(r.introduced, r.fixed) < 0, { message: "introduced must be lower than fixed" });

const ZAdvisory = z.object({
  key: z.string().min(1),
  packages: z.array(z.string().min(1)).min(1),
  ids: z.array(z.string().min(1)).min(1),
  upstream: z.array(z.string()).optional(),
  title: z.string().min(1),
  severity: z.enum(["critical", "high", "moderate", "low"]),
  published: z.string().optional(),
  affected: z.array(ZRange).min(1),
  sources: z.array(z.string().url()).min(1),
  confidence: z.enum(["high", "medium", "low"]),
  notes: z.string().optional(),
});

const ZAdvisoryDb = z.object({
  lastReviewed: z.string(),
  coverage: z.string(),
  advisories: z.array(ZAdvisory),
  noAdvisoryFound: z.array(z.object({ package: z.string(), note: z.string() })).default([]),
  notIncluded: z.array(z.string()).default([]),
});

export type AffectedRange = z.infer<typeof ZRange>;
export type Advisory = z.infer<typeof ZAdvisory>;
export type AdvisoryDb = z.infer<typeof ZAdvisoryDb>;

export function parseAdvisoryDb(data: unknown): AdvisoryDb {
  const result = ZAdvisoryDb.safeParse(data);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid advisory list:\n${problems}`);
  }
  const keys = new Set<string>();
  for (const a of result.data.advisories) {
    if (keys.has(a.key)) throw new Error(`Invalid advisory list: duplicate key ${a.key}`);
    keys.add(a.key);
  }
  return result.data;
}

export function loadAdvisoryDb(file: string): AdvisoryDb {
  return parseAdvisoryDb(JSON.parse(readFileSync(file, "utf8")));
}

// ---------------------------------------------------------------------------------------------
// The check.

export function isAffected(version: string, range: AffectedRange): boolean {
  return compareVersions(range.introduced, version) <= 0 && compareVersions(version, range.fixed) < 0;
}

/**
 * The minimum fixed version that applies to `version`'s release line: the range whose lower bound
 * is the highest one at or below `version` (prerelease-only lines such as canaries are ignored for
 * a release version). Null when `version` is older than every affected range.
 */
export function requiredMinimum(version: string, advisory: Advisory): string | null {
  const isPre = (parseVersion(version)?.pre.length ?? 0) > 0;
  const below = advisory.affected.filter((r) => compareVersions(r.introduced, version) <= 0);
  const releaseLines = below.filter((r) => (parseVersion(r.introduced)?.pre.length ?? 0) === 0);
  const candidates = isPre || releaseLines.length === 0 ? below : releaseLines;
  let best: AffectedRange | null = null;
  for (const r of candidates) if (!best || compareVersions(r.introduced, best.introduced) > 0) best = r;
  return best?.fixed ?? null;
}

export type Status = "OK" | "VULNERABLE" | "NOT INSTALLED" | "UNPARSEABLE";

export type PackageVersions = {
  name: string;
  /** The version in package.json `dependencies`, or null when the package is not a direct dependency. */
  declared: string | null;
  /** The version in node_modules/<name>/package.json, or null when it is not installed. */
  installed: string | null;
};

export type Finding = {
  package: string;
  declared: string | null;
  installed: string | null;
  advisory: string;
  severity: Advisory["severity"] | null;
  requiredMinimum: string | null;
  status: Status;
  note?: string;
};

export function checkPackages(packages: PackageVersions[], db: AdvisoryDb): Finding[] {
  const findings: Finding[] = [];
  for (const p of packages) {
    const base = { package: p.name, declared: p.declared, installed: p.installed };
    const advisories = db.advisories.filter((a) => a.packages.includes(p.name));
    if (p.installed === null) {
      findings.push({ ...base, advisory: "-", severity: null, requiredMinimum: null, status: "NOT INSTALLED", note: "run npm ci" });
      continue;
    }
    if (parseVersion(p.installed) === null) {
      findings.push({ ...base, advisory: "-", severity: null, requiredMinimum: null, status: "UNPARSEABLE" });
      continue;
    }
    const note = p.declared !== null && p.declared !== p.installed ? `package.json says ${p.declared}` : undefined;
    if (advisories.length === 0) {
      findings.push({ ...base, advisory: "(none listed)", severity: null, requiredMinimum: null, status: "OK", note });
      continue;
    }
    for (const a of advisories) {
      const hit = a.affected.find((r) => isAffected(p.installed as string, r));
      findings.push({
        ...base,
        advisory: a.key,
        severity: a.severity,
        requiredMinimum: hit ? hit.fixed : requiredMinimum(p.installed, a),
        status: hit ? "VULNERABLE" : "OK",
        note,
      });
    }
  }
  return findings;
}

export function isFailure(f: Finding): boolean {
  return f.status !== "OK";
}

// ---------------------------------------------------------------------------------------------
// npm audit (the registry here answers the bulk advisory endpoint with 405, so it is optional).

export type AuditCounts = { info: number; low: number; moderate: number; high: number; critical: number; total: number };
export type AuditOutcome =
  | { kind: "unavailable"; reason: string }
  | { kind: "ok"; counts: AuditCounts }
  | { kind: "findings"; counts: AuditCounts; packages: string[] };

const ZAuditReport = z.object({
  metadata: z.object({
    vulnerabilities: z.object({
      info: z.number().default(0),
      low: z.number().default(0),
      moderate: z.number().default(0),
      high: z.number().default(0),
      critical: z.number().default(0),
      total: z.number().default(0),
    }),
  }),
  vulnerabilities: z.record(z.string(), z.object({ severity: z.string().optional() }).loose()).default({}),
});

/** Reads `npm audit --json` output; anything that is not an audit report means npm audit is unavailable. */
export function interpretNpmAudit(stdout: string, stderr: string, spawnError?: Error): AuditOutcome {
  if (spawnError) return { kind: "unavailable", reason: spawnError.message };
  let json: unknown;
  try {
    json = JSON.parse(stdout);
  } catch {
    const line = (stderr || stdout).split("\n").find((l) => l.trim() !== "") ?? "no output";
    return { kind: "unavailable", reason: line.trim() };
  }
  const report = ZAuditReport.safeParse(json);
  if (!report.success) {
    const j = (json ?? {}) as { message?: unknown; error?: { summary?: unknown; code?: unknown } };
    const reason = [j.message, j.error?.summary, j.error?.code].find((x) => typeof x === "string" && x !== "");
    return { kind: "unavailable", reason: typeof reason === "string" ? reason : "unexpected npm audit output" };
  }
  const counts = report.data.metadata.vulnerabilities;
  if (counts.high + counts.critical === 0) return { kind: "ok", counts };
  const packages = Object.entries(report.data.vulnerabilities)
    .filter(([, v]) => v.severity === "high" || v.severity === "critical")
    .map(([name, v]) => `${name} (${v.severity})`);
  return { kind: "findings", counts, packages };
}

function runNpmAudit(root: string): AuditOutcome {
  const r = spawnSync(
    "npm",
    ["audit", "--omit=dev", "--audit-level=high", "--json", "--fetch-retries=0", "--fetch-timeout=15000"],
    { cwd: root, encoding: "utf8", timeout: 30_000, shell: process.platform === "win32" },
  );
  return interpretNpmAudit(r.stdout ?? "", r.stderr ?? "", r.error);
}

// ---------------------------------------------------------------------------------------------
// Reading the project and printing.

function readInstalledVersion(root: string, name: string): string | null {
  const file = path.join(root, "node_modules", name, "package.json");
  if (!existsSync(file)) return null;
  const version: unknown = JSON.parse(readFileSync(file, "utf8")).version;
  return typeof version === "string" ? version : null;
}

export function collectPackages(root: string, db: AdvisoryDb): { checked: PackageVersions[]; absent: string[] } {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  const deps = pkg.dependencies ?? {};
  const checked: PackageVersions[] = Object.entries(deps).map(([name, declared]) => ({
    name,
    declared,
    installed: readInstalledVersion(root, name),
  }));
  // Advisory packages that are not direct dependencies count when they sit at the top of node_modules.
  const absent: string[] = [];
  const extra = [...new Set(db.advisories.flatMap((a) => a.packages))].filter((n) => !(n in deps)).sort();
  for (const name of extra) {
    const installed = readInstalledVersion(root, name);
    if (installed === null) absent.push(name);
    else checked.push({ name, declared: null, installed });
  }
  return { checked, absent };
}

export function formatTable(findings: Finding[]): string {
  const header = ["package", "installed", "advisory", "severity", "required minimum", "status"];
  const rows = findings.map((f) => [
    f.package,
    f.installed ?? "-",
    f.advisory,
    f.severity ?? "-",
    f.requiredMinimum ?? (f.status === "OK" && f.severity ? "not affected" : "-"),
    f.note ? `${f.status} (${f.note})` : f.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] as number)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

function main(argv: string[]): number {
  const root = path.resolve(fileURLToPath(new URL("..", import.meta.url)));
  const skipAudit = argv.includes("--no-npm-audit") || process.env.CHECK_ADVISORIES_NPM_AUDIT === "0";

  let db: AdvisoryDb;
  try {
    db = loadAdvisoryDb(path.join(root, "security", "advisories.json"));
  } catch (e) {
    console.error((e as Error).message);
    return 2;
  }

  const { checked, absent } = collectPackages(root, db);
  const findings = checkPackages(checked, db);
  console.log(`Known advisories (security/advisories.json, reviewed ${db.lastReviewed}) against installed versions:\n`);
  console.log(formatTable(findings));
  if (absent.length > 0) console.log(`\nNot installed, not checked: ${absent.join(", ")}`);
  const failures = findings.filter(isFailure);

  let auditFailed = false;
  if (skipAudit) {
    console.log("\nnpm audit: skipped (--no-npm-audit).");
  } else {
    const audit = runNpmAudit(root);
    if (audit.kind === "unavailable") {
      console.log(`\nnpm audit: UNAVAILABLE (${audit.reason}). Only the list above was checked; not a failure.`);
    } else if (audit.kind === "ok") {
      const c = audit.counts;
      console.log(`\nnpm audit --omit=dev: no high or critical findings (moderate ${c.moderate}, low ${c.low}).`);
    } else {
      auditFailed = true;
      const c = audit.counts;
      console.log(`\nnpm audit --omit=dev: ${c.critical} critical, ${c.high} high: ${audit.packages.join(", ")}. FAIL.`);
    }
  }

  if (failures.length > 0 || auditFailed) {
    const vulnerable = failures.filter((f) => f.status === "VULNERABLE").length;
    console.log(`\nFAIL: ${vulnerable} vulnerable, ${failures.length - vulnerable} not checkable${auditFailed ? ", npm audit findings" : ""}.`);
    return 1;
  }
  console.log(`\nOK: ${checked.length} packages, ${findings.filter((f) => f.severity).length} advisory checks, none vulnerable.`);
  return 0;
}

const entry = process.argv[1];
if (entry && import.meta.url === pathToFileURL(path.resolve(entry)).href) {
  process.exitCode = main(process.argv.slice(2));
}
