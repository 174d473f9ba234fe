import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Contraindication, Instrument, PlanStatus, SessionStatus } from "@/lib/db/generated/enums";
import { CODE_DEFINITIONS } from "@/lib/clinical/instruments";
import { changeMeaning, type ChangeMeaning } from "@/lib/domain/outcomes/rules";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { forbidden } from "@/lib/errors";
import { ACTIVITY_ROW_COLUMNS } from "@/lib/domain/plans/activity-rows";
import { toActivityDto, type ActivityDto, type ActivityRow } from "@/lib/domain/plans/dto";
import type { SessionSummary } from "./dto";
import { currentFlagConflicts, type PlanFlagConflict } from "./flag-conflicts";
import { refusedRecord } from "@/lib/audit/refused-access";

export type OutcomeTrend = {
  instrument: Instrument;
  label: string;
  latest: { score: number; band: string | null; recordedAt: string };
  baseline: { score: number; recordedAt: string } | null;
  change: number | null;
  meaning: ChangeMeaning | null;
};

export type PatientOverview = {
  id: string;
  name: string;
  dateOfBirth: string;
  email: string | null;
  phone: string | null;
  flags: Contraindication[];
  /** Activities in force that the current flags contraindicate and no override covers. */
  flagConflicts: PlanFlagConflict[];
  careTeam: { name: string; isPrimary: boolean }[];
  activePlan: {
    id: string;
    title: string;
    condition: string;
    goals: string;
    status: PlanStatus;
    startDate: string;
    reviewDate: string | null;
    plannedSessions: number;
    completedSessions: number;
    activities: ActivityDto[];
  } | null;
  upcomingSessions: SessionSummary[];
  pastSessions: SessionSummary[];
  outcomes: OutcomeTrend[];
  planHistory: { id: string; title: string; status: PlanStatus; startDate: string }[];
};

type PatientRow = { id: string; firstName: string; lastName: string; dateOfBirth: Date; email: string | null; phone: string | null; contraindications: Contraindication[] };
type PlanRow = { id: string; title: string; condition: string; goals: string; status: PlanStatus; startDate: Date; reviewDate: Date | null; plannedSessions: number };
type SessionRow = { id: string; planId: string; startsAt: Date; durationMin: number; status: SessionStatus; painBefore: number | null; painAfter: number | null; clinicianName: string };

/**
 * A patient's clinical record for the care team. Not visible → NOT_FOUND; another role → FORBIDDEN. Audited: the event is
 * written after every read succeeded, so a failed or refused read leaves none (no transaction
 * needed for that; see docs/decisions/017-benchmark-and-ceiling.md). In SQL, six statements and
 * only the columns shown: as Prisma calls with relations it took eleven, read every session's
 * SOAP note for a list of times, and compiled each call to a query plan (1–4 ms of CPU each).
 */
export async function getPatientOverview(actor: Actor, patientId: string): Promise<PatientOverview> {
  // The clinic's record (draft plans, every session, contact details, outcome trends) is the care
  // team's. A patient holds plan:read for their own record, but their view of it is the portal:
  // refused here as an area of another role (FORBIDDEN, decision 003), not left to the page.
  if (assertCan(actor, "plan:read") !== "care-team") throw forbidden();
  const scope = patientScopeSql(actor, "plan:read", "p");
  const [patient] = await db().$queryRaw<PatientRow[]>`
    SELECT p."id", p."firstName", p."lastName", p."dateOfBirth", p."email", p."phone", p."contraindications"::text[] AS "contraindications"
      FROM "Patient" p
     WHERE p."id" = ${patientId} AND ${scope}`;
  if (!patient) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });

  const careTeam = await db().$queryRaw<{ name: string; isPrimary: boolean }[]>`
    SELECT u."name", ct."isPrimary" FROM "CareTeamMember" ct JOIN "User" u ON u."id" = ct."clinicianId"
     WHERE ct."clinicId" = ${actor.clinicId} AND ct."patientId" = ${patient.id}
     ORDER BY ct."isPrimary" DESC`;
  // Every plan, newest first: the history, and the one in force with the columns the page shows.
  const plans = await db().$queryRaw<PlanRow[]>`
    SELECT t."id", t."title", t."condition", t."goals", t."status"::text AS "status", t."startDate", t."reviewDate", t."plannedSessions"
      FROM "TreatmentPlan" t
     WHERE t."clinicId" = ${actor.clinicId} AND t."patientId" = ${patient.id}
     ORDER BY t."startDate" DESC`;
  const activePlan = plans.find((p) => p.status === "ACTIVE") ?? plans.find((p) => p.status === "ON_HOLD") ?? null;
  const now = new Date();
  // Sequential: under load, parallel reads of one request would only queue for the pool's connections.
  const activities = activePlan
    ? await db().$queryRaw<ActivityRow[]>`
        SELECT ${ACTIVITY_ROW_COLUMNS} FROM "PlanActivity" a
         WHERE a."clinicId" = ${actor.clinicId} AND a."planId" = ${activePlan.id}
         ORDER BY a."position"`
    : [];
  const sessions = await db().$queryRaw<SessionRow[]>`
    SELECT s."id", s."planId", s."startsAt", s."durationMin", s."status"::text AS "status", s."painBefore", s."painAfter",
           (SELECT u."name" FROM "User" u WHERE u."id" = s."clinicianId") AS "clinicianName"
      FROM "Session" s
     WHERE s."clinicId" = ${actor.clinicId} AND s."patientId" = ${patient.id}
     ORDER BY s."startsAt" DESC
     LIMIT 50`;
  const outcomes = await db().$queryRaw<Outcome[]>`
    SELECT o."instrument"::text AS "instrument", o."context"::text AS "context", o."score", o."band", o."recordedAt", d."label" FROM "OutcomeResponse" o
      LEFT JOIN "InstrumentDefinition" d ON d."clinicId" = o."clinicId" AND d."code" = o."instrument" AND d."version" = o."definitionVersion"
     WHERE o."clinicId" = ${actor.clinicId} AND o."patientId" = ${patient.id} AND o."instrument" IN ('NPRS', 'ODI')
     ORDER BY o."recordedAt"`;
  const flagConflicts = await currentFlagConflicts(db(), actor.clinicId, patient.id, patient.contraindications);
  const completedSessions = activePlan
    ? sessions.filter((s) => s.planId === activePlan.id && s.status === "COMPLETED").length
    : 0;

  await recordAuditEvent(db(), { actor, action: "patient.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });

  const toSummary = (s: (typeof sessions)[number]): SessionSummary => ({
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    durationMin: s.durationMin,
    status: s.status,
    clinicianName: s.clinicianName,
    painBefore: s.painBefore,
    painAfter: s.painAfter,
  });

  return {
    id: patient.id,
    name: `${patient.firstName} ${patient.lastName}`,
    dateOfBirth: toIsoDate(patient.dateOfBirth),
    email: patient.email,
    phone: patient.phone,
    flags: patient.contraindications,
    flagConflicts,
    careTeam,
    activePlan: activePlan && {
      id: activePlan.id,
      title: activePlan.title,
      condition: activePlan.condition,
      goals: activePlan.goals,
      status: activePlan.status,
      startDate: toIsoDate(activePlan.startDate),
      reviewDate: activePlan.reviewDate ? toIsoDate(activePlan.reviewDate) : null,
      plannedSessions: activePlan.plannedSessions,
      completedSessions,
      activities: activities.map(toActivityDto),
    },
    upcomingSessions: sessions
      .filter((s) => s.status === "SCHEDULED" && s.startsAt >= now)
      .map(toSummary)
      .reverse(),
    pastSessions: sessions.filter((s) => !(s.status === "SCHEDULED" && s.startsAt >= now)).map(toSummary),
    outcomes: (["NPRS", "ODI"] as const).flatMap((instrument) => trend(instrument, outcomes)),
    planHistory: plans.map((p) => ({ id: p.id, title: p.title, status: p.status, startDate: toIsoDate(p.startDate) })),
  };
}

type Outcome = { instrument: Instrument; context: string; score: number; band: string | null; recordedAt: Date; label: string | null };

function trend(instrument: "NPRS" | "ODI", all: Outcome[]): OutcomeTrend[] {
  const series = all.filter((o) => o.instrument === instrument);
  const latest = series.at(-1);
  if (!latest) return [];
  const baseline = series.find((o) => o.context === "BASELINE") ?? null;
  const comparable = baseline && baseline !== latest;
  return [
    {
      instrument,
      // As the latest score was scored (issue 16): "ODI, adapted wording" until licensed wording is loaded.
      label: latest.label ?? CODE_DEFINITIONS[instrument].label,
      latest: { score: latest.score, band: latest.band, recordedAt: latest.recordedAt.toISOString() },
      baseline: baseline && { score: baseline.score, recordedAt: baseline.recordedAt.toISOString() },
      change: comparable ? latest.score - baseline.score : null,
      meaning: comparable ? changeMeaning(instrument, baseline.score, latest.score) : null,
    },
  ];
}
