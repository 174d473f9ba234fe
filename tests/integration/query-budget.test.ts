import { randomUUID } from "node:crypto";
// No hidden cost as data grows (issue 8): the database work of each benchmarked request is a fixed
// number of statements, whatever the size of the clinic. Each domain function runs on a small
// world and on one with ten times the patients, plans, activities per plan, sessions, treatments
// and addenda per session, home logs and outcomes for the same actor; the statements it sends
// (counted at the pg level, BEGIN/COMMIT apart) must be the same number both times, within the
// budget, and not zero: a recorder that records nothing would pass every budget (ADR 018). A new
// query per row (N+1) fails here.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getPatientOverview } from "@/lib/domain/patients/get-patient-overview";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { getPatientHome } from "@/lib/domain/portal/get-patient-home";
import { logHomeActivity } from "@/lib/domain/portal/log-home-activity";
import { getSession } from "@/lib/domain/sessions/get-session";
import { getClinicianDashboard } from "@/lib/domain/sessions/list-sessions";
import { db } from "@/lib/db";
import { todayIn } from "@/lib/domain/schedule/dates";
import { getActor } from "@/lib/auth/session";
import { nowInSeconds } from "@/lib/auth/session-timing";
import { sessionToken } from "../fixtures/session-cookie";
import { testDb, truncateAll } from "../fixtures/db";
import { SEARCH_TERM, growingWorld, type GrowingWorld } from "../fixtures/growing-world";
import { describeCount, installRecordingDb, recordQueries, type Recording } from "@/scripts/lib/query-recorder";
// The API's lists (decision 048).
import { listOutcomesPage } from "@/lib/domain/api/list-outcomes";
import { listPatientsPage } from "@/lib/domain/api/list-patients";
import { listPlansPage } from "@/lib/domain/api/list-plans";
import { listSessionsPage } from "@/lib/domain/api/list-sessions";

// getActor() reads the request's session cookie and headers: both stand in for a request here (a
// cookie encrypted by next-auth's encode()); the decryption and the database check are the real ones.
const request = vi.hoisted(() => ({ token: null as string | null }));
vi.mock("next/headers", async () => {
  const { cookieJar } = await import("../fixtures/session-cookie");
  return { headers: async () => new Headers(), cookies: async () => cookieJar(request) };
});

/** Data statements per request, BEGIN/COMMIT not included (they come with every transaction). */
// The hot reads are SQL statements of their own (decision 017): Prisma's client engine (6.19)
// loads each relation with a statement of its own and compiles every call to a query plan.
const BUDGET = {
  "session check (getActor)": 1,
  "roster with a search term": 4,
  "patient overview": 9,
  "plan read (API)": 3,
  "patient Today": 6,
  "home-log write": 4,
  // Three reads (today's sessions, unsigned notes with their total, patients with an active plan),
  // the alerts' four, the audit event; as Prisma calls it was 13, 14 once the unsigned notes filled their list.
  "clinician dashboard": 8,
  // The session with its patient, plan, the plan's in-clinic activities and their catalog items,
  // treatments and addenda (one statement per relation), the instruments already scored for the plan
  // (the outcome form's default context, decision 037), the audit event, and the names of the
  // clinician, signer, draft author (decision 020) and addenda authors in one statement: 10 (13
  // when each person was a relation of its own).
  "session note": 10,
  // The API's lists (decision 048): the page in one statement, the audit event.
  "API list: patients": 2,
  "API list: plans": 2,
  "API list: sessions": 2,
  "API list: outcomes": 2,
} as const;
type Endpoint = keyof typeof BUDGET;

const ENDPOINTS: Record<Endpoint, (w: GrowingWorld) => Promise<unknown>> = {
  "session check (getActor)": async (w) => {
    const user = await testDb().user.findUniqueOrThrow({ where: { id: w.clinician.userId } });
    const now = nowInSeconds();
    // The session row a sign-in opens (decision 023): getActor() joins it in its one statement.
    const sid = `budget-${randomUUID()}`;
    await testDb().userSession.create({ data: { id: sid, clinicId: user.clinicId, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    request.token = await sessionToken({ userId: user.id, role: user.role, clinicId: user.clinicId, sv: user.sessionVersion, sid, authTime: now - 60, lastActivity: now - 10 });
    const actor = await recordQueries(() => getActor());
    expect(actor.result?.userId).toBe(user.id);
    return actor;
  },
  "roster with a search term": (w) => recordQueries(() => listCareTeamPatients(w.clinician, { q: SEARCH_TERM })),
  "patient overview": (w) => recordQueries(() => getPatientOverview(w.clinician, w.patientId)),
  "plan read (API)": (w) => recordQueries(() => getPlan(w.clinician, w.planId)),
  "patient Today": (w) => recordQueries(() => getPatientHome(w.patient)),
  "home-log write": (w) =>
    recordQueries(() => logHomeActivity(w.patient, { planActivityId: w.homeActivityId, date: todayIn(w.patient.timeZone), done: true, painDuring: 4, difficulty: 2, note: "" })),
  "clinician dashboard": (w) => recordQueries(() => getClinicianDashboard(w.clinician)),
  "session note": (w) => recordQueries(() => getSession(w.clinician, w.sessionId)),
  "API list: patients": (w) => recordQueries(() => listPatientsPage(w.clinician, { limit: "20" })),
  "API list: plans": (w) => recordQueries(() => listPlansPage(w.clinician, { limit: "20" })),
  "API list: sessions": (w) => recordQueries(() => listSessionsPage(w.clinician, { limit: "20" })),
  "API list: outcomes": (w) => recordQueries(() => listOutcomesPage(w.clinician, { limit: "20" })),
};

async function measure(k: number): Promise<{ world: GrowingWorld; counts: Map<Endpoint, Recording> }> {
  await truncateAll();
  const world = await growingWorld(k);
  const counts = new Map<Endpoint, Recording>();
  for (const [name, run] of Object.entries(ENDPOINTS) as [Endpoint, (w: GrowingWorld) => Promise<unknown>][]) {
    const { recording } = (await run(world)) as { recording: Recording };
    counts.set(name, recording);
  }
  return { world, counts };
}

describe("query budget per request", () => {
  let restore: () => Promise<void>;
  let small: Awaited<ReturnType<typeof measure>>;
  let large: Awaited<ReturnType<typeof measure>>;

  beforeAll(async () => {
    restore = installRecordingDb();
    small = await measure(1);
    large = await measure(10);
    const c = (w: GrowingWorld) => Object.entries(w.counts).map(([t, n]) => `${n} ${t}`).join(", ");
    console.log(`[budget] small world: ${c(small.world)}\n[budget] 10× world:   ${c(large.world)}`);
  }, 120_000);

  afterAll(async () => {
    await restore();
  });

  it("the growing world really grows tenfold, and so do the lists inside a plan and a session", () => {
    for (const key of ["patients", "plans", "sessions", "homeLogs", "outcomes", "activities", "performed", "addenda"] as const) {
      expect(large.world.counts[key], key).toBeGreaterThanOrEqual(8 * small.world.counts[key]);
    }
    expect(large.world.perPlan.activities).toBeGreaterThanOrEqual(5 * small.world.perPlan.activities);
    expect(large.world.perSession.performed).toBeGreaterThanOrEqual(8 * small.world.perSession.performed);
    expect(large.world.perSession.addenda).toBeGreaterThanOrEqual(8 * small.world.perSession.addenda);
  });

  it("the recorder sees what the app sends", async () => {
    const { recording } = await recordQueries(() => db().$queryRaw`SELECT 1`);
    expect(recording.statements.map((s) => s.sql.trim())).toEqual(["SELECT 1"]);
  });

  it.each(Object.keys(BUDGET) as Endpoint[])("%s: the same number of statements on 10× the data, within budget", (name) => {
    const a = small.counts.get(name)!;
    const b = large.counts.get(name)!;
    console.log(`[budget] ${name.padEnd(26)} small: ${describeCount(a).padEnd(30)} 10×: ${describeCount(b).padEnd(30)} budget ${BUDGET[name]}`);
    // Every one of these requests reads the database: none recorded means the recorder is blind.
    expect(a.statements.length, `${name}: no statement recorded on the small world`).toBeGreaterThan(0);
    expect(b.statements.length, `${name}: no statement recorded on the 10× world`).toBeGreaterThan(0);
    expect(b.statements.length, `${name} grows with the data:\n${b.statements.map((s) => s.sql.slice(0, 160)).join("\n")}`).toBe(a.statements.length);
    expect(b.statements.length, `${name} is over budget:\n${b.statements.map((s) => s.sql.slice(0, 160)).join("\n")}`).toBeLessThanOrEqual(BUDGET[name]);
    // One transaction at most per request: BEGIN … COMMIT, never a retry or a second one.
    expect(b.control.filter((c) => c === "BEGIN").length).toBeLessThanOrEqual(1);
    expect(b.control).toEqual(a.control);
  });
});
