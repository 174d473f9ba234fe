// The requests that matter most as the clinic group grows, as calls of their domain functions on
// scale data (scripts/lib/scale, ADR 011): clinic 1's busiest clinician c1-1, its showcase patient
// p1-1 (an ACTIVE plan with home logs, outcomes and sessions) and its admin a1-1. Used by the
// query-plan test (a tenth of the group in the test database) and scripts/explain-scale.ts (the
// full group).
import type pg from "pg";
import type { Actor } from "../../lib/auth/actor";
import { listAccounts } from "../../lib/domain/accounts/list-accounts";
import { listAuditEvents, listAuditFilterOptions } from "../../lib/domain/audit/list-audit-events";
import { listCatalogItems } from "../../lib/domain/catalog/list-catalog-items";
import { getPatientOverview } from "../../lib/domain/patients/get-patient-overview";
import { listCareTeamPatients } from "../../lib/domain/patients/list-care-team-patients";
import { getPlan } from "../../lib/domain/plans/get-plan";
import { listPlanHistory } from "../../lib/domain/plans/list-plan-history";
import { getPatientHome } from "../../lib/domain/portal/get-patient-home";
import { logHomeActivity } from "../../lib/domain/portal/log-home-activity";
import { listMyPlans } from "../../lib/domain/portal/my-plans";
import { listMySessions } from "../../lib/domain/portal/my-sessions";
import { getProgress } from "../../lib/domain/progress/get-progress";
import { addDays, todayIn } from "../../lib/domain/schedule/dates";
import { getSession } from "../../lib/domain/sessions/get-session";
import { getClinicianDashboard, listWeekSessions } from "../../lib/domain/sessions/list-sessions";

export type HotWorld = {
  clinician: Actor;
  patient: Actor;
  admin: Actor;
  patientId: string;
  planId: string;
  homeActivityId: string;
  sessionId: string;
  searchTerm: string;
};

async function actor(db: pg.ClientBase, email: string): Promise<Actor> {
  const { rows } = await db.query<{ id: string; role: Actor["role"]; clinicId: string; name: string; timezone: string; patientId: string | null }>(
    `SELECT u.id, u.role::text AS role, u."clinicId", u.name, c.timezone, p.id AS "patientId"
       FROM "User" u JOIN "Clinic" c ON c.id = u."clinicId" LEFT JOIN "Patient" p ON p."userId" = u.id WHERE u.email = $1`,
    [email],
  );
  const u = rows[0];
  if (!u) throw new Error(`${email} is missing: is this scale data (npm run seed:scale)?`);
  return { userId: u.id, role: u.role, clinicId: u.clinicId, name: u.name, timeZone: u.timezone, patientId: u.patientId, origin: "explain" };
}

export async function findHotWorld(db: pg.ClientBase, domain = "scale.example"): Promise<HotWorld> {
  const [clinician, patient, admin] = await Promise.all([actor(db, `c1-1@${domain}`), actor(db, `p1-1@${domain}`), actor(db, `a1-1@${domain}`)]);
  const { rows } = await db.query<{ planId: string; activityId: string; sessionId: string; lastName: string }>(
    `SELECT t.id AS "planId", p."lastName",
            (SELECT a.id FROM "PlanActivity" a WHERE a."planId" = t.id AND a.status = 'ACTIVE' AND a.setting <> 'IN_CLINIC' ORDER BY a.position LIMIT 1) AS "activityId",
            (SELECT s.id FROM "Session" s WHERE s."planId" = t.id AND s."startsAt" < now() ORDER BY s."startsAt" DESC LIMIT 1) AS "sessionId"
       FROM "TreatmentPlan" t JOIN "Patient" p ON p.id = t."patientId" WHERE t."patientId" = $1 AND t.status = 'ACTIVE'`,
    [patient.patientId],
  );
  const found = rows[0];
  if (!found?.activityId || !found.sessionId) throw new Error("p1-1 has no active plan with a home activity and a past session");
  return {
    clinician,
    patient,
    admin,
    patientId: patient.patientId!,
    planId: found.planId,
    homeActivityId: found.activityId,
    sessionId: found.sessionId,
    searchTerm: found.lastName.slice(0, 4),
  };
}

const mondayOf = (date: string) => addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));

/** Name → call. Each call runs as the page or route handler would run it. */
export const HOT_PATHS: Record<string, (w: HotWorld) => Promise<unknown>> = {
  "roster": (w) => listCareTeamPatients(w.clinician, {}),
  "roster search": (w) => listCareTeamPatients(w.clinician, { q: w.searchTerm }),
  "clinician dashboard": (w) => getClinicianDashboard(w.clinician),
  "patient overview": (w) => getPatientOverview(w.clinician, w.patientId),
  "progress": (w) => getProgress(w.clinician, w.patientId),
  "plan read (clinician)": (w) => getPlan(w.clinician, w.planId),
  "plan read (patient)": (w) => getPlan(w.patient, w.planId),
  "plan history": (w) => listPlanHistory(w.clinician, w.planId),
  "session": (w) => getSession(w.clinician, w.sessionId),
  "sessions week": (w) => listWeekSessions(w.clinician, mondayOf(todayIn(w.clinician.timeZone))),
  "patient Today": (w) => getPatientHome(w.patient),
  "home-log write": (w) => logHomeActivity(w.patient, { planActivityId: w.homeActivityId, date: todayIn(w.patient.timeZone), done: true, painDuring: 3, difficulty: 2, note: "" }),
  "portal sessions": (w) => listMySessions(w.patient),
  "portal plans": (w) => listMyPlans(w.patient),
  "accounts": (w) => listAccounts(w.admin, {}),
  "accounts search": (w) => listAccounts(w.admin, { q: w.searchTerm }),
  "catalog": (w) => listCatalogItems(w.admin, {}),
  "audit log": (w) => listAuditEvents(w.admin, {}),
  "audit log by patient": (w) => listAuditEvents(w.admin, { patientId: w.patientId }),
  "audit filter options": (w) => listAuditFilterOptions(w.admin),
};
