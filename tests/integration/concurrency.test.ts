// Concurrency battery (issue 7): 50 saves of one plan from the same version, and 50 submits of
// one home log, all at once on the app's own client and pool (DB_POOL_SIZE, default 10).
// Prints one line with its figures.
import { randomUUID } from "node:crypto";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { updatePlanDetails } from "@/lib/domain/plans/update-plan";
import { logHomeActivity } from "@/lib/domain/portal/log-home-activity";
import { todayIn } from "@/lib/domain/schedule/dates";
import { AppError } from "@/lib/errors";
import { createPrismaClient, POOL_WAIT_MS } from "@/lib/db/client";
import { actorFor, auditCount, createClinic, createPatient, createPlan, createUser, testDb, truncateAll } from "../fixtures/db";

const N = 50;
const details = { condition: "Lower back muscle spasm", icd10Code: "M62.830", goals: "Walk 30 minutes without pain", startDate: "2026-11-20", reviewDate: "2026-12-20", plannedSessions: 8 };
const figures: string[] = [];

async function world() {
  const clinic = await createClinic();
  const clinicianUser = await createUser(clinic.id, "CLINICIAN");
  const { patient, portal } = await createPatient(clinic.id, { careTeam: [{ clinicianId: clinicianUser.id, isPrimary: true }], withPortal: true });
  const plan = await createPlan(clinic.id, patient.id, clinicianUser.id);
  return { clinician: actorFor(clinicianUser), me: actorFor(portal!, patient.id), patient, plan, activity: plan.activities[0]! };
}

const codeOf = (r: PromiseSettledResult<unknown>) => (r.status === "fulfilled" ? "ok" : r.reason instanceof AppError ? r.reason.code : String(r.reason));

describe(`concurrency (${N} at once, pool of ${process.env.DB_POOL_SIZE ?? 10})`, () => {
  beforeEach(truncateAll);
  afterAll(() => console.log(`concurrency: ${figures.join("; ")}`));

  it(`lets exactly one of ${N} saves from the same version through; the other ${N - 1} get CONFLICT and nothing is lost`, async () => {
    const w = await world();
    const before = await getPlan(w.clinician, w.plan.id);
    const titles = Array.from({ length: N }, (_, i) => `Editor ${i} ${randomUUID().slice(0, 8)}`);
    const started = Date.now();
    const results = await Promise.allSettled(titles.map((title) => updatePlanDetails(w.clinician, { planId: w.plan.id, version: before.version, title, ...details })));
    const elapsed = Date.now() - started;

    const codes = results.map(codeOf);
    const winners = titles.filter((_, i) => codes[i] === "ok");
    // Every loser is a CONFLICT: not a timeout, not a pool error, not a 500.
    expect(codes.filter((c) => c !== "ok" && c !== "CONFLICT")).toEqual([]);
    expect(winners).toHaveLength(1);
    expect(codes.filter((c) => c === "CONFLICT")).toHaveLength(N - 1);

    const after = await getPlan(w.clinician, w.plan.id);
    expect(after.title).toBe(winners[0]);
    expect(after.version).toBe(before.version + 1);
    const winner = results.find((r) => r.status === "fulfilled") as PromiseFulfilledResult<{ version: number }>;
    expect(winner.value.version).toBe(after.version);
    expect(await auditCount({ action: "plan.update", patientId: w.patient.id })).toBe(1);
    figures.unshift(`${N} plan updates → ${winners.length} ok, ${codes.filter((c) => c === "CONFLICT").length} conflicts (${elapsed} ms)`);
  });

  it(`keeps exactly one home-log row when ${N} submits for the same activity and day race, holding one of the submitted values`, async () => {
    const w = await world();
    const date = todayIn("Europe/London");
    const submits = Array.from({ length: N }, (_, i) => ({ planActivityId: w.activity.id, date, done: i % 2 === 0, painDuring: i % 11, difficulty: (i % 5) + 1, note: `Submit ${i}` }));
    const started = Date.now();
    const results = await Promise.allSettled(submits.map((s) => logHomeActivity(w.me, s)));
    const elapsed = Date.now() - started;

    expect(results.map(codeOf).filter((c) => c !== "ok")).toEqual([]);
    const rows = await testDb().homeLog.findMany({ where: { planActivityId: w.activity.id } });
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    // One submit's values as a whole, never a mix of two.
    const stored = { done: row.done, painDuring: row.painDuring, difficulty: row.difficulty, note: row.note };
    expect(submits.map(({ done, painDuring, difficulty, note }) => ({ done, painDuring, difficulty, note }))).toContainEqual(stored);
    const values = results.map((r) => (r as PromiseFulfilledResult<Awaited<ReturnType<typeof logHomeActivity>>>).value);
    expect(new Set(values.map((v) => v.id))).toEqual(new Set([row.id]));
    expect(values.filter((v) => v.created)).toHaveLength(1);
    expect(await auditCount({ action: "homelog.create" })).toBe(1);
    expect(await auditCount({ action: "homelog.update" })).toBe(N - 1);
    figures.push(`${N} home-log submits → ${rows.length} row (${elapsed} ms)`);
  });

  it("queues a transaction behind a busy pool instead of failing it after 2 s (the connect timeout)", async () => {
    const single = createPrismaClient(process.env.DATABASE_URL, { poolSize: 1 });
    let busy: Promise<unknown> = Promise.resolve();
    try {
      await single.$queryRaw`select 1`;
      busy = single.$transaction(async (tx) => tx.$queryRaw`select 1 as one from pg_sleep(2.5)`);
      await new Promise((r) => setTimeout(r, 100));
      const started = Date.now();
      const queued = await single.$transaction(async (tx) => tx.$queryRaw<{ one: number }[]>`select 1 as one`);
      const waited = Date.now() - started;
      expect(queued).toEqual([{ one: 1 }]);
      expect(waited).toBeGreaterThan(2_000);
      expect(waited).toBeLessThan(POOL_WAIT_MS);
      figures.push(`a transaction queued ${waited} ms for the only connection`);
    } finally {
      await Promise.allSettled([busy]);
      await single.$disconnect();
    }
  });
});
