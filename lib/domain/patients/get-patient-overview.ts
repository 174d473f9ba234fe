import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Contraindication, Instrument, PlanStatus } from "@/lib/db/generated/enums";
import { changeMeaning, type ChangeMeaning } from "@/lib/domain/outcomes/rules";
import { toIsoDate } from "@/lib/domain/schedule/dates";
import { notFound } from "@/lib/errors";
import { toActivityDto, type ActivityDto } from "@/lib/domain/plans/dto";
import type { SessionSummary } from "./dto";
import { currentFlagConflicts, type PlanFlagConflict } from "./flag-conflicts";

export type OutcomeTrend = {
  instrument: Instrument;
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
 * A patient's clinical record for the care team. Not visible → NOT_FOUND. Audited: the event is
 * written after every read succeeded, so a failed or refused read leaves none (no transaction
 * needed for that; see docs/decisions/016-benchmark-and-ceiling.md).
 */
export async function getPatientOverview(actor: Actor, patientId: string): Promise<PatientOverview> {
  const scope = patientScope(actor, "plan:read");
  const patient = await db().patient.findFirst({
    where: { ...scope, id: patientId },
    include: {
      careTeam: { include: { clinician: { select: { name: true } } }, orderBy: { isPrimary: "desc" } },
      // clinicId leads the indexes of plans and activities ([clinicId, patientId, status],
      // [clinicId, planId, position]); relation queries by patientId or planId alone scan.
      plans: { where: { clinicId: actor.clinicId }, orderBy: { startDate: "desc" }, select: { id: true, title: true, status: true, startDate: true } },
    },
  });
  if (!patient) throw notFound("Patient");

  const activeRef = patient.plans.find((p) => p.status === "ACTIVE") ?? patient.plans.find((p) => p.status === "ON_HOLD");
  const now = new Date();
  // Sequential: under load, parallel reads of one request would only queue for the pool's connections.
  const activePlan = activeRef
    ? await db().treatmentPlan.findFirst({
        where: { id: activeRef.id, clinicId: actor.clinicId },
        include: { activities: { where: { clinicId: actor.clinicId }, orderBy: { position: "asc" } } },
      })
    : null;
  const sessions = await db().session.findMany({
    where: { clinicId: actor.clinicId, patientId: patient.id },
    orderBy: { startsAt: "desc" },
    take: 50,
    include: { clinician: { select: { name: true } } },
  });
  const outcomes = await db().outcomeResponse.findMany({
    where: { clinicId: actor.clinicId, patientId: patient.id, instrument: { in: ["NPRS", "ODI"] } },
    orderBy: { recordedAt: "asc" },
    select: { instrument: true, context: true, score: true, band: true, recordedAt: true },
  });
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
    clinicianName: s.clinician.name,
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
    careTeam: patient.careTeam.map((m) => ({ name: m.clinician.name, isPrimary: m.isPrimary })),
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
      activities: activePlan.activities.map(toActivityDto),
    },
    upcomingSessions: sessions
      .filter((s) => s.status === "SCHEDULED" && s.startsAt >= now)
      .map(toSummary)
      .reverse(),
    pastSessions: sessions.filter((s) => !(s.status === "SCHEDULED" && s.startsAt >= now)).map(toSummary),
    outcomes: (["NPRS", "ODI"] as const).flatMap((instrument) => trend(instrument, outcomes)),
    planHistory: patient.plans.map((p) => ({ id: p.id, title: p.title, status: p.status, startDate: toIsoDate(p.startDate) })),
  };
}

function trend(
  instrument: "NPRS" | "ODI",
  all: { instrument: Instrument; context: string; score: number; band: string | null; recordedAt: Date }[],
): OutcomeTrend[] {
  const series = all.filter((o) => o.instrument === instrument);
  const latest = series.at(-1);
  if (!latest) return [];
  const baseline = series.find((o) => o.context === "BASELINE") ?? null;
  const comparable = baseline && baseline !== latest;
  return [
    {
      instrument,
      latest: { score: latest.score, band: latest.band, recordedAt: latest.recordedAt.toISOString() },
      baseline: baseline && { score: baseline.score, recordedAt: baseline.recordedAt.toISOString() },
      change: comparable ? latest.score - baseline.score : null,
      meaning: comparable ? changeMeaning(instrument, baseline.score, latest.score) : null,
    },
  ];
}
