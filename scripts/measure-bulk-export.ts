// `npm run measure:bulk-export` (seeds the scale data first: ~70 s), or on data already seeded:
// `npm run seed:scale -- --no-seed -- tsx --conditions=react-server --expose-gc --max-semi-space-size=16 scripts/measure-bulk-export.ts`
// Issue 17 / decision 050: a FHIR bulk export must stream, its resident memory flat. The scale data
// spreads its 20 000 patients over 20 clinics (ADR 011), and an export is one clinic's; so this
// kicks off every clinic's export as its admin (the real domain function) and runs them one after
// another in this one process with the real job function (runBulkExport: keyset batches, the lib/fhir
// mappers, NDJSON streamed to local storage in a temporary folder), sampling this process's
// resident set (RSS) every 25 ms. Prints per clinic and in all: patients, resources, bytes, time,
// rate, and the RSS baseline, peak and growth; exits 1 when the growth reaches 200 MB.
// `--clinics=N` exports the first N clinics only; `--concurrent` runs them all at once instead.
// The export job runs in the app's server process (instrumentation.ts starts the workers), which
// `npm start` runs with a capped V8 young generation (`--max-semi-space-size` in package.json's start script, decision
// 050); `npm run measure:bulk-export` runs this script under the same flag, and the output says
// whether the run had it: a figure measured without it is not the app's.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import v8 from "node:v8";
import { db } from "@/lib/db";
import { filesOf } from "@/lib/domain/bulk-export/access";
import { kickOffBulkExport } from "@/lib/domain/bulk-export/kick-off-bulk-export";
import { runBulkExport } from "@/lib/domain/bulk-export/run-bulk-export";
import { stopBoss } from "@/lib/jobs/boss";
import { createLocalStorage } from "@/lib/storage/local";

const MB = 1024 * 1024;
const LIMIT_MB = 200;
const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const CLINICS = Number(arg("clinics") ?? 20);
const CONCURRENT = process.argv.includes("--concurrent");

/** The V8 heap flags `npm start` gives the app, read from package.json's start script, and whether this process runs with them. */
function heapSetting(): { flags: string[]; applied: boolean } {
  const start = (JSON.parse(readFileSync("package.json", "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";
  const flags = start.match(/--max-semi-space-size=\d+/g) ?? [];
  const own = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? "").split(/\s+/)];
  return { flags, applied: flags.every((f) => own.includes(f)) };
}

async function main() {
  if (!process.env.DATABASE_URL) throw new Error("Run through scripts/seed-scale.ts (it sets DATABASE_URL): see the first lines of this file.");
  const dir = mkdtempSync(path.join(tmpdir(), "measure-bulk-"));
  const storage = createLocalStorage(dir);
  try {
    const admins = await db().user.findMany({
      where: { role: "ADMIN", email: { startsWith: "a", endsWith: "-1@scale.example" } },
      select: { id: true, clinicId: true, name: true, clinic: { select: { slug: true, timezone: true } } },
      orderBy: { clinic: { slug: "asc" } },
      take: CLINICS,
    });
    if (admins.length === 0) throw new Error("No scale-data admins found: run `npm run seed:scale` first.");
    // Exports left by an earlier run of this script would count against the per-clinic limit.
    await db().bulkExport.deleteMany({ where: { clinicId: { in: admins.map((a) => a.clinicId) } } });
    const exports: { id: string; slug: string }[] = [];
    for (const admin of admins) {
      const actor = { userId: admin.id, role: "ADMIN" as const, clinicId: admin.clinicId, name: admin.name, timeZone: admin.clinic.timezone, patientId: null, origin: "measure-bulk-export" };
      const { id } = await kickOffBulkExport(actor, { query: {}, requestUrl: "http://localhost/api/fhir/$export", prefer: "respond-async", accept: "application/fhir+json" });
      exports.push({ id, slug: admin.clinic.slug });
    }

    // The baseline: modules loaded, the pools open, a collection done (when --expose-gc is on).
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 500));
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 25);
    const started = Date.now();

    const runOne = async (e: { id: string; slug: string }) => {
      const t0 = Date.now();
      const outcome = await runBulkExport(e.id, { storage });
      const row = await db().bulkExport.findUniqueOrThrow({ where: { id: e.id } });
      const files = filesOf(row);
      const resources = files.reduce((n, f) => n + f.count, 0);
      const bytes = files.reduce((n, f) => n + f.size, 0);
      const patients = files.filter((f) => f.type === "Patient").reduce((n, f) => n + f.count, 0);
      const seconds = (Date.now() - t0) / 1000;
      console.log(
        `${e.slug}: ${outcome}, ${patients} patients, ${resources.toLocaleString("en-GB")} resources in ${files.length} files, ${(bytes / MB).toFixed(1)} MB, ` +
          `${seconds.toFixed(1)} s, RSS now ${(process.memoryUsage().rss / MB).toFixed(0)} MB`,
      );
      if (outcome !== "completed") throw new Error(`${e.slug}: the export ended ${outcome}`);
      return { patients, resources, bytes };
    };
    const results = CONCURRENT ? await Promise.all(exports.map(runOne)) : [];
    if (!CONCURRENT) for (const e of exports) results.push(await runOne(e));
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);

    const seconds = (Date.now() - started) / 1000;
    const total = results.reduce((t, r) => ({ patients: t.patients + r.patients, resources: t.resources + r.resources, bytes: t.bytes + r.bytes }), { patients: 0, resources: 0, bytes: 0 });
    const growth = (peak - baseline) / MB;
    console.log(
      `bulk export of ${exports.length} clinics${CONCURRENT ? " (concurrently)" : " (one after another)"}: ${total.patients.toLocaleString("en-GB")} patients, ` +
        `${total.resources.toLocaleString("en-GB")} resources, ${(total.bytes / MB).toFixed(0)} MB of NDJSON in ${seconds.toFixed(1)} s ` +
        `(${Math.round(total.patients / seconds)} patients/s, ${Math.round(total.resources / seconds).toLocaleString("en-GB")} resources/s)`,
    );
    const heap = heapSetting();
    const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === "new_space")?.space_size ?? 0;
    console.log(
      `V8 heap: ${heap.flags.length ? heap.flags.join(" ") : "defaults"} in npm start; this run ${heap.applied ? "had the same" : "did NOT have it (not the app's setting)"}` +
        ` (young generation now ${(young / MB).toFixed(0)} MB)`,
    );
    console.log(`RSS baseline ${(baseline / MB).toFixed(1)} MB, peak ${(peak / MB).toFixed(1)} MB, growth ${growth.toFixed(1)} MB (limit ${LIMIT_MB} MB)`);
    if (growth >= LIMIT_MB) process.exitCode = 1;
    await db().bulkExport.deleteMany({ where: { id: { in: exports.map((e) => e.id) } } });
  } finally {
    await stopBoss();
    rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .catch((error) => {
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : error);
    process.exitCode = 1;
  })
  .finally(() => setTimeout(() => process.exit(), 200).unref());
