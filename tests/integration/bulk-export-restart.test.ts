// A bulk export survives its worker being killed (issue 17, decision 050). A child process runs an
// export (the real job function, one patient per batch, two patients per file part) and is killed
// with SIGKILL in the middle of its second part. A second process then starts the app's workers as
// `npm start` does: its start-up sweep finds the export RUNNING with a stale heartbeat, queues it
// again, and the job resumes from the checkpoint: the first part's files are kept byte for byte, the
// half-written second part is deleted and written again, every patient ends up in the files exactly
// once, and no partial file is left in storage.
import { fork, type ChildProcess } from "node:child_process";
import { mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { kickOffBulkExport } from "@/lib/domain/bulk-export/kick-off-bulk-export";
import { actorFor, createClinic, createPatient, createUser, testDb, truncateAll } from "../fixtures/db";

process.env.NEXTAUTH_SECRET ??= "integration-test-secret-integration-test-secret";
const PATIENTS = 7;
let dir: string;
const children: ChildProcess[] = [];

function start(args: string[]): ChildProcess {
  const child = fork(path.resolve("tests/fixtures/bulk-export-worker.ts"), args, {
    // Node itself with tsx as a loader (not the tsx wrapper, whose SIGKILL would orphan the real process).
    execPath: process.execPath,
    execArgv: ["--conditions=react-server", "--import", "tsx"],
    env: { ...process.env, MEDIA_DIR: dir, MEDIA_S3_BUCKET: "", BULK_EXPORT_BATCH_SIZE: "1", BULK_EXPORT_PART_PATIENTS: "2", BULK_EXPORT_STALE_SECONDS: "2", MAIL_SINK_DIR: "" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  children.push(child);
  return child;
}

async function listFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => path.relative(root, path.join(e.parentPath, e.name))).sort();
}

beforeAll(async () => {
  await truncateAll();
  dir = await mkdtemp(path.join(tmpdir(), "bulk-restart-"));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await rm(dir, { recursive: true, force: true });
  // The worker made the VAPID keys and queue rows on start: leave nothing for the next file.
  await truncateAll();
}, 60_000);

it("resumes a SIGKILLed export from its checkpoint in a freshly started worker process", async () => {
  const clinic = await createClinic();
  const admin = await createUser(clinic.id, "ADMIN");
  const clinician = await createUser(clinic.id, "CLINICIAN");
  for (let i = 0; i < PATIENTS; i++) await createPatient(clinic.id, { careTeam: [{ clinicianId: clinician.id, isPrimary: true }] });
  const { id } = await kickOffBulkExport(actorFor(admin), { query: { _type: "Patient" }, requestUrl: "http://localhost/api/fhir/$export?_type=Patient", prefer: "respond-async", accept: "application/fhir+json" });

  // 1. Run it in a process of its own and kill that process in the middle of the second part.
  const slow = start(["slow", id]);
  await new Promise<void>((resolve, reject) => {
    slow.on("message", (message: { progress?: { done: number }; outcome?: string }) => {
      if (message.outcome) reject(new Error(`the export finished (${message.outcome}) before it could be killed`));
      if (message.progress && message.progress.done >= 3) {
        slow.kill("SIGKILL");
        resolve();
      }
    });
    slow.once("exit", (code, signal) => (signal === "SIGKILL" ? resolve() : reject(new Error(`exited ${code}`))));
  });
  await new Promise((resolve) => slow.once("exit", resolve).exitCode !== null && resolve(null));

  const killed = await testDb().bulkExport.findUniqueOrThrow({ where: { id } });
  expect(killed).toMatchObject({ status: "RUNNING", attempts: 1, checkpoint: { stage: "patients", part: 2, patientsDone: 2 } });
  const prefix = path.join(dir, "bulk-exports", clinic.id, id);
  const partOne = await readFile(path.join(prefix, "Patient.1.ndjson"), "utf8");
  expect(partOne.trimEnd().split("\n")).toHaveLength(2);

  // 2. Wait until its heartbeat is stale, then start the app's workers in a new process.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const worker = start(["worker"]);
  await new Promise((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("exit", (code) => reject(new Error(`worker exited with ${code} before it was ready`)));
  });
  const deadline = Date.now() + 60_000;
  let row = killed;
  while (row.status !== "COMPLETED" && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    row = await testDb().bulkExport.findUniqueOrThrow({ where: { id } });
  }
  worker.send({ stop: true });
  await new Promise((resolve) => worker.once("exit", resolve));

  expect(row.status).toBe("COMPLETED");
  expect(row.attempts).toBe(2);
  expect(await readFile(path.join(prefix, "Patient.1.ndjson"), "utf8"), "the first part is kept as it was").toBe(partOne);
  const files = await listFiles(prefix);
  expect(files).toEqual(["Patient.1.ndjson", "Patient.2.ndjson", "Patient.3.ndjson", "Patient.4.ndjson"]);
  const ids: string[] = [];
  for (const file of files) for (const line of (await readFile(path.join(prefix, file), "utf8")).trimEnd().split("\n")) ids.push((JSON.parse(line) as { id: string }).id);
  const expected = (await testDb().patient.findMany({ where: { clinicId: clinic.id }, select: { id: true } })).map((p) => p.id).sort();
  expect(ids.sort(), "every patient exactly once").toEqual(expected);
}, 120_000);
