import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";
// One source for the SQL (decision 054): for each of the five benchmarked requests, the app (the
// domain functions its page, route or action calls, after getActor()) and the benchmark's ceiling
// (scripts/bench/ceiling's handlers, over plain `pg`) send the very same statement texts, in the
// same order (as sorted lists where the page reads side by side), with the same transaction
// control, on the same data. Recorded at the pg level on
// both sides. A statement edited in the app and not in the ceiling (or written beside the
// builders in lib/db/statements) fails here.
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getActor } from "@/lib/auth/session";
import { nowInSeconds } from "@/lib/auth/session-timing";
import type { SessionActor } from "@/lib/auth/actor";
import { getPortalAccess } from "@/lib/domain/accounts/get-portal-access";
import { listPlanActivityMedia } from "@/lib/domain/media/list-plan-pictures";
import { listOverdueMeasures } from "@/lib/domain/measures/list-overdue-measures";
import { listMyAsks } from "@/lib/domain/measures/my-asks";
import { getPatientOverview } from "@/lib/domain/patients/get-patient-overview";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { getPatientHome } from "@/lib/domain/portal/get-patient-home";
import { logHomeActivity } from "@/lib/domain/portal/log-home-activity";
import { getProgress } from "@/lib/domain/progress/get-progress";
import { todayIn } from "@/lib/domain/schedule/dates";
import { getClinicianDashboard } from "@/lib/domain/sessions/list-sessions";
import { installRecordingDb, recordQueries, recordingPool, type Recording } from "@/scripts/lib/query-recorder";
import { actorOf, type Actor as CeilingActor } from "@/scripts/bench/ceiling/actor";
import { usePool } from "@/scripts/bench/ceiling/db";
import { overviewPage } from "@/scripts/bench/ceiling/overview";
import { planApi } from "@/scripts/bench/ceiling/plan";
import { logHomeActivity as ceilingLogHomeActivity, todayPage } from "@/scripts/bench/ceiling/portal";
import { rosterPage } from "@/scripts/bench/ceiling/roster";
import { sessionToken } from "../fixtures/session-cookie";
import { testDb, truncateAll } from "../fixtures/db";
import { SEARCH_TERM, growingWorld, type GrowingWorld } from "../fixtures/growing-world";

// getActor() reads the request's cookie and headers (a cookie encrypted by next-auth's encode()).
const request = vi.hoisted(() => ({ token: null as string | null }));
vi.mock("next/headers", async () => {
  const { cookieJar } = await import("../fixtures/session-cookie");
  return { headers: async () => new Headers(), cookies: async () => cookieJar(request) };
});

type Who = "clinician" | "patient";

/** A signed-in session for the world's clinician or patient, its second step passed (staff need one). */
async function signIn(w: GrowingWorld, who: Who): Promise<string> {
  const user = await testDb().user.findUniqueOrThrow({ where: { id: w[who].userId } });
  const sid = `one-source-${randomUUID()}`;
  await testDb().userSession.create({
    data: { id: sid, clinicId: user.clinicId, userId: user.id, expiresAt: new Date(Date.now() + 3_600_000), secondFactorAt: new Date() },
  });
  const now = nowInSeconds();
  return sessionToken({ userId: user.id, role: user.role, clinicId: user.clinicId, sv: user.sessionVersion, sid, authTime: now - 60, lastActivity: now - 10 });
}

/** What the ceiling's server reads of a request: the cookie and the peer address. */
const ceilingRequest = (token: string) => ({ headers: { cookie: `next-auth.session-token=${token}` }, socket: { remoteAddress: "127.0.0.1" } }) as unknown as IncomingMessage;

async function appActor(token: string): Promise<SessionActor> {
  request.token = token;
  const actor = await getActor();
  if (!actor) throw new Error("getActor() refused the test session");
  return actor;
}

async function ceilingActor(token: string): Promise<CeilingActor> {
  const actor = await actorOf(ceilingRequest(token));
  if (!actor || actor.secondFactorPending || actor.mustChangePassword) throw new Error("the ceiling refused the test session");
  return actor;
}

/**
 * `concurrent`: the page runs some reads side by side (Promise.all: Today's home and asks, the
 * overdue measures' responses and claims), so the order in which their statements reach the pool
 * may differ from run to run: compared as sorted lists.
 */
type Flow = { who: Who; concurrent?: boolean; app: (w: GrowingWorld, token: string) => Promise<unknown>; ceiling: (w: GrowingWorld, token: string) => Promise<unknown> };

/** app/(patient)/my/page.tsx's reads. */
async function appToday(token: string) {
  const actor = await appActor(token);
  const [home, asks] = await Promise.all([getPatientHome(actor), listMyAsks(actor)]);
  const media = home.plan ? await listPlanActivityMedia(actor, home.plan.id) : null;
  return [home, asks, media];
}

/** The five requests of scripts/bench/endpoints.ts, as the app's pages/route/action and the ceiling's handlers run them. */
const FLOWS: Record<string, Flow> = {
  "roster search (GET /clinic?q=)": {
    who: "clinician",
    concurrent: true,
    app: async (_w, token) => {
      const actor = await appActor(token);
      return [await listCareTeamPatients(actor, { q: SEARCH_TERM }), await getClinicianDashboard(actor), await listOverdueMeasures(actor)];
    },
    ceiling: async (_w, token) => rosterPage(await ceilingActor(token), new URLSearchParams({ q: SEARCH_TERM })),
  },
  "patient overview (GET /clinic/patients/<id>)": {
    who: "clinician",
    concurrent: true,
    app: async (w, token) => {
      const actor = await appActor(token);
      return [
        await getPatientOverview(actor, w.patientId),
        await getProgress(actor, w.patientId),
        await getPortalAccess(actor, w.patientId),
        await listOverdueMeasures(actor, { patientId: w.patientId }),
      ];
    },
    ceiling: async (w, token) => overviewPage(await ceilingActor(token), w.patientId),
  },
  "plan read (GET /api/v1/plans/<id>)": {
    who: "clinician",
    app: async (w, token) => getPlan(await appActor(token), w.planId),
    ceiling: async (w, token) => planApi(await ceilingActor(token), w.planId),
  },
  "patient Today (GET /my)": {
    who: "patient",
    concurrent: true,
    app: async (_w, token) => appToday(token),
    ceiling: async (_w, token) => todayPage(await ceilingActor(token)),
  },
  // The server action alone: it does not revalidate /my, so its answer carries no page (decision 052).
  "home-log write (POST /my)": {
    who: "patient",
    app: async (w, token) => {
      const input = { planActivityId: w.homeActivityId, date: todayIn(w.patient.timeZone), done: true, painDuring: 4, difficulty: 2, note: "" };
      return logHomeActivity(await appActor(token), input);
    },
    ceiling: async (w, token) => {
      const input = { planActivityId: w.homeActivityId, date: todayIn(w.patient.timeZone), done: true, painDuring: 4, difficulty: 2, note: "" };
      return ceilingLogHomeActivity(await ceilingActor(token), input);
    },
  },
};

describe("the app and the ceiling send the same SQL", () => {
  let restoreApp: () => Promise<void>;
  let pool: pg.Pool;
  let previousPool: pg.Pool | null;
  let world: GrowingWorld;
  const tokens = {} as Record<Who, string>;

  beforeAll(async () => {
    await truncateAll();
    world = await growingWorld(1);
    // Patient 0 carries a flag: make the in-clinic treatment contraindicated by it, so that the
    // overview's flag-conflict statements (both of them) run too.
    const flags = await testDb().patient.findUniqueOrThrow({ where: { id: world.patientId }, select: { contraindications: true } });
    expect(flags.contraindications.length).toBeGreaterThan(0);
    await testDb().catalogItem.updateMany({ where: { clinicId: world.clinician.clinicId, setting: "IN_CLINIC" }, data: { contraindications: flags.contraindications } });
    // A weekly ODI the patient answers at home, three weeks old with one week answered (claimed),
    // so that the measures' statements (entries, responses, claims) run on the roster, the
    // overview and Today alike.
    const schedule = await testDb().measureSchedule.create({
      data: { clinicId: world.clinician.clinicId, planId: world.planId, instrument: "ODI", rule: "EVERY_N_WEEKS", everyWeeks: 1, answeredBy: "PATIENT", createdById: world.clinician.userId, createdAt: new Date(Date.now() - 21 * 86_400_000) },
    });
    await testDb().measureOccurrence.create({ data: { clinicId: schedule.clinicId, planId: schedule.planId, scheduleId: schedule.id, dueDate: new Date(Date.now() - 14 * 86_400_000) } });
    tokens.clinician = await signIn(world, "clinician");
    tokens.patient = await signIn(world, "patient");
    restoreApp = installRecordingDb();
    pool = recordingPool();
    previousPool = usePool(pool);
  }, 120_000);

  afterAll(async () => {
    usePool(previousPool);
    await pool?.end();
    await restoreApp?.();
  });

  const texts = (r: Recording) => r.statements.map((s) => s.sql.trim());

  it.each(Object.keys(FLOWS))("%s", async (name) => {
    const flow = FLOWS[name]!;
    const app = await recordQueries(() => flow.app(world, tokens[flow.who]));
    const ceiling = await recordQueries(() => flow.ceiling(world, tokens[flow.who]));
    // A recorder that saw nothing would make any two requests "the same".
    expect(app.recording.statements.length, "no statement recorded for the app").toBeGreaterThan(1);
    // Each statement with its number of values (their texts' placeholders are the same).
    const sent = (r: Recording) => {
      const list = r.statements.map((s) => `${s.sql.trim()}\n-- ${s.values.length} values`);
      return flow.concurrent ? list.sort() : list;
    };
    expect(sent(ceiling.recording)).toEqual(sent(app.recording));
    expect(ceiling.recording.control).toEqual(app.recording.control);
  });

  it("covers every hot statement: the session check, the scope, the flag conflicts, the portal state, the measures and the audit insert", async () => {
    const app = await recordQueries(() => FLOWS["patient overview (GET /clinic/patients/<id>)"]!.app(world, tokens.clinician));
    const sent = texts(app.recording).join("\n");
    for (const marker of ['JOIN "UserSession" s', 'FROM "CareTeamMember" ct WHERE', 'JOIN "CatalogItem" c', 'AS "planId", t."title"', 'FROM "AccountToken" a', 'FROM "MeasureSchedule" s', 'FROM "OutcomeResponse" o', 'FROM "MeasureOccurrence" m', 'INSERT INTO "AuditEvent"']) {
      expect(sent).toContain(marker);
    }
  });

  it("covers Today's own statements: the asks' plan schedule and the activities' media", async () => {
    const app = await recordQueries(() => FLOWS["patient Today (GET /my)"]!.app(world, tokens.patient));
    const sent = texts(app.recording).join("\n");
    for (const marker of ['FROM "TreatmentPlan" t JOIN "Clinic" c', 'FROM "MeasureSchedule" s', 'FROM "OutcomeResponse" o', 'FROM "MeasureOccurrence" m', 'FROM "CatalogMedia" c', 'INSERT INTO "AuditEvent"']) {
      expect(sent).toContain(marker);
    }
  });
});
