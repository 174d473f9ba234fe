import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Contraindication, Instrument, PlanStatus } from "@/lib/db/generated/enums";
import { queryFirst, queryRows } from "@/lib/db/run";
import type { RowOf } from "@/lib/db/statements/define";
import { overviewCareTeam, overviewOutcomes, overviewPatient, overviewPlans, overviewSessions } from "@/lib/db/statements/patients";
import { planActivities } from "@/lib/db/statements/plans";
import { CODE_DEFINITIONS } from "@/lib/clinical/instruments";
import { changeMeaning, type ChangeMeaning } from "@/lib/domain/outcomes/rules";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { forbidden } from "@/lib/errors";
import { toActivityDto, type ActivityDto } from "@/lib/domain/plans/dto";
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


/**
 * A patient's clinical record for the care team. Not visible → NOT_FOUND; another role → FORBIDDEN. Audited: the event is
 * written after every read succeeded, so a failed or refused read leaves none (no transaction
 * needed for that; see docs/decisions/017-benchmark-and-ceiling.md). In SQL (lib/db/statements/patients.ts),
 * six statements and only the columns shown: as Prisma calls with relations it took eleven, read every session's
 * SOAP note for a list of times, and compiled each call to a query plan (1–4 ms of CPU each).
 */
export async function getPatientOverview(actor: Actor, patientId: string): Promise<PatientOverview> {
  // The clinic's record (draft plans, every session, contact details, outcome trends) is the care
  // team's. A patient holds plan:read for their own record, but their view of it is the portal:
  // refused here as an area of another role (FORBIDDEN, decision 003), not left to the page.
  if (assertCan(actor, "plan:read") !== "care-team") throw forbidden();
  const patient = await queryFirst(db(), overviewPatient({ patientId, actor, scope: "care-team" }));
  if (!patient) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });

  const ofPatient = { clinicId: actor.clinicId, patientId: patient.id };
  const careTeam = await queryRows(db(), overviewCareTeam(ofPatient));
  const plans = await queryRows(db(), overviewPlans(ofPatient));
  const activePlan = plans.find((p) => p.status === "ACTIVE") ?? plans.find((p) => p.status === "ON_HOLD") ?? null;
  const now = new Date();
  // Sequential: under load, parallel reads of one request would only queue for the pool's connections.
  const activities = activePlan ? await queryRows(db(), planActivities({ clinicId: actor.clinicId, planId: activePlan.id, patientView: false })) : [];
  const sessions = await queryRows(db(), overviewSessions(ofPatient));
  const outcomes = await queryRows(db(), overviewOutcomes(ofPatient));
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

type Outcome = RowOf<typeof overviewOutcomes>;

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
