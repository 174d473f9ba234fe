// GET /clinic/patients/<id> — app/(clinic)/clinic/patients/[patientId]/page.tsx: the overview
// (lib/domain/patients/get-patient-overview.ts), the progress panel
// (lib/domain/progress/get-progress.ts getProgress), the patient app's state for the invite panel
// (lib/domain/accounts/get-portal-access.ts) and the patient's overdue measures
// (lib/domain/measures/list-overdue-measures.ts), in the page's order: reads, each followed by
// its audit event where the app audits one.
import type { RowOf } from "../../../lib/db/statements/define";
import {
  activitiesInForce,
  overviewCareTeam,
  overviewOutcomes,
  overviewPatient,
  overviewPlans,
  overviewSessions,
  plansOfActivities,
  scopedPatientName,
} from "../../../lib/db/statements/patients";
import { planActivities } from "../../../lib/db/statements/plans";
import { changeMeaning } from "../../../lib/domain/outcomes/rules";
import { contraindicationConflicts } from "../../../lib/domain/plans/rules";
import { toActivityDto } from "../../../lib/domain/plans/dto";
import { toIsoDate } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { audit, direct, first, NotFound, rows, type Client } from "./db";
import { overdueMeasures, portalAccessOf } from "./measures";
import { computeProgress } from "./progress";


type Outcome = RowOf<typeof overviewOutcomes>;

function trend(instrument: "NPRS" | "ODI", all: Outcome[]) {
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

/** lib/domain/patients/flag-conflicts.ts currentFlagConflicts(): only run when the patient has flags. */
async function flagConflicts(client: Client, clinicId: string, patientId: string, flags: string[]) {
  if (flags.length === 0) return [];
  const activities = await rows(client, activitiesInForce({ clinicId, patientId }));
  const conflicts = activities.flatMap((a) => {
    const uncovered = contraindicationConflicts(flags as never[], a.contraindications).filter((f) => !a.overriddenFlags.includes(f));
    return uncovered.length > 0 ? [{ activityId: a.id, activityName: a.nameSnapshot, flags: uncovered }] : [];
  });
  if (conflicts.length === 0) return [];
  const located = await rows(client, plansOfActivities({ clinicId, patientId, activityIds: conflicts.map((c) => c.activityId) }));
  return conflicts.flatMap((c) => {
    const plan = located.find((a) => a.id === c.activityId);
    return plan ? [{ ...c, plan: { id: plan.planId, title: plan.title, status: plan.status } }] : [];
  });
}

async function overview(actor: Actor, patientId: string) {
  return direct(async (client) => {
    const patient = await first(client, overviewPatient({ patientId, actor, scope: "care-team" }));
    if (!patient) throw new NotFound();
    const ofPatient = { clinicId: actor.clinicId, patientId: patient.id };
    const careTeam = await rows(client, overviewCareTeam(ofPatient));
    const plans = await rows(client, overviewPlans(ofPatient));
    const activePlan = plans.find((p) => p.status === "ACTIVE") ?? plans.find((p) => p.status === "ON_HOLD") ?? null;
    const now = new Date();
    const activities = activePlan ? await rows(client, planActivities({ clinicId: actor.clinicId, planId: activePlan.id, patientView: false })) : [];
    const sessions = await rows(client, overviewSessions(ofPatient));
    const outcomes = await rows(client, overviewOutcomes(ofPatient));
    const conflicts = await flagConflicts(client, actor.clinicId, patient.id, patient.contraindications);
    await audit(client, actor, { action: "patient.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });

    const completedSessions = activePlan ? sessions.filter((s) => s.planId === activePlan.id && s.status === "COMPLETED").length : 0;
    const toSummary = (s: (typeof sessions)[number]) => ({
      id: s.id,
      startsAt: s.startsAt.toISOString(),
      durationMin: s.durationMin,
      status: s.status,
      clinicianName: s.clinicianName,
      painBefore: s.painBefore,
      painAfter: s.painAfter,
    });
    const upcoming = (s: (typeof sessions)[number]) => s.status === "SCHEDULED" && s.startsAt >= now;
    return {
      id: patient.id,
      name: `${patient.firstName} ${patient.lastName}`,
      dateOfBirth: toIsoDate(patient.dateOfBirth),
      email: patient.email,
      phone: patient.phone,
      flags: patient.contraindications,
      flagConflicts: conflicts,
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
      upcomingSessions: sessions.filter(upcoming).map(toSummary).reverse(),
      pastSessions: sessions.filter((s) => !upcoming(s)).map(toSummary),
      outcomes: (["NPRS", "ODI"] as const).flatMap((instrument) => trend(instrument, outcomes)),
      planHistory: plans.map((p) => ({ id: p.id, title: p.title, status: p.status, startDate: toIsoDate(p.startDate) })),
    };
  });
}

async function progress(actor: Actor, patientId: string) {
  return direct(async (client) => {
    const found = await first(client, scopedPatientName({ patientId, actor, scope: "care-team" }));
    if (!found) throw new NotFound();
    const result = await computeProgress(client, actor.clinicId, found.id, actor.timeZone);
    await audit(client, actor, { action: "progress.read", entityType: "Patient", entityId: found.id, patientId: found.id });
    return result;
  });
}

export async function overviewPage(actor: Actor, patientId: string) {
  const p = await overview(actor, patientId);
  const progressPanel = await progress(actor, patientId);
  const portal = await direct((client) => portalAccessOf(client, actor, patientId));
  const overdue = await direct((client) => overdueMeasures(client, actor, patientId));
  return { overview: p, progress: progressPanel, portal, overdueMeasures: overdue };
}
