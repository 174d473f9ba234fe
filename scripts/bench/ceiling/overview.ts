// GET /clinic/patients/<id> — app/(clinic)/clinic/patients/[patientId]/page.tsx: the overview
// (lib/domain/patients/get-patient-overview.ts) and then the progress panel
// (lib/domain/progress/get-progress.ts getProgress): reads, each followed by its audit event.
import { changeMeaning } from "../../../lib/domain/outcomes/rules";
import { contraindicationConflicts } from "../../../lib/domain/plans/rules";
import { toActivityDto } from "../../../lib/domain/plans/dto";
import { toIsoDate } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { ACTIVITY_ROW_COLUMNS, audit, direct, rows, type Client } from "./db";
import { computeProgress } from "./progress";

export class NotFound extends Error {}

/** The care-team scope of lib/auth/scope.ts patientScope(actor, …) for a clinician. */
const CARE_TEAM = `p."clinicId" = $1 AND p."archivedAt" IS NULL AND EXISTS (SELECT 1 FROM "CareTeamMember" t0 WHERE t0."clinicianId" = $2 AND t0."patientId" = p."id")`;

type Outcome = { instrument: string; context: string; score: number; band: string | null; recordedAt: Date };

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
  const activities = await rows<{ id: string; nameSnapshot: string; overriddenFlags: string[]; catalogItemId: string }>(
    client,
    `SELECT a."id", a."nameSnapshot", a."overriddenFlags"::text[], a."catalogItemId" FROM "PlanActivity" a
     LEFT JOIN "TreatmentPlan" j0 ON j0."id" = a."planId"
     WHERE a."clinicId" = $1 AND a."status" IN ('ACTIVE', 'ON_HOLD') AND j0."patientId" = $2 AND j0."status" IN ('ACTIVE', 'ON_HOLD', 'DRAFT') AND j0."id" IS NOT NULL
     ORDER BY a."position" ASC`,
    [clinicId, patientId],
  );
  if (activities.length === 0) return [];
  const items = await rows<{ id: string; contraindications: string[] }>(client, `SELECT "id", "contraindications"::text[] FROM "CatalogItem" WHERE "id" = ANY($1)`, [[...new Set(activities.map((a) => a.catalogItemId))]]);
  const conflicts = activities.flatMap((a) => {
    const treatment = items.find((i) => i.id === a.catalogItemId)?.contraindications ?? [];
    const uncovered = contraindicationConflicts(flags as never[], treatment as never[]).filter((f) => !a.overriddenFlags.includes(f));
    return uncovered.length > 0 ? [{ activityId: a.id, activityName: a.nameSnapshot, flags: uncovered }] : [];
  });
  if (conflicts.length === 0) return [];
  const located = await rows<{ id: string; planId: string }>(
    client,
    `SELECT a."id", a."planId" FROM "PlanActivity" a LEFT JOIN "TreatmentPlan" j0 ON j0."id" = a."planId"
     WHERE a."clinicId" = $1 AND a."id" = ANY($2) AND j0."clinicId" = $1 AND j0."patientId" = $3 AND j0."id" IS NOT NULL`,
    [clinicId, conflicts.map((c) => c.activityId), patientId],
  );
  const plans = await rows<{ id: string; title: string; status: string }>(client, `SELECT "id", "title", "status"::text FROM "TreatmentPlan" WHERE "id" = ANY($1)`, [[...new Set(located.map((a) => a.planId))]]);
  return conflicts.flatMap((c) => {
    const planId = located.find((a) => a.id === c.activityId)?.planId;
    const plan = plans.find((p) => p.id === planId);
    return plan ? [{ ...c, plan }] : [];
  });
}

async function overview(actor: Actor, patientId: string) {
  return direct(async (client) => {
    const [patient] = await rows<{ id: string; firstName: string; lastName: string; dateOfBirth: Date; email: string | null; phone: string | null; contraindications: string[] }>(
      client,
      `SELECT p."id", p."firstName", p."lastName", p."dateOfBirth", p."email", p."phone", p."contraindications"::text[] AS "contraindications"
         FROM "Patient" p WHERE p."id" = $3 AND ${CARE_TEAM}`,
      [actor.clinicId, actor.userId, patientId],
    );
    if (!patient) throw new NotFound();
    const careTeam = await rows<{ name: string; isPrimary: boolean }>(
      client,
      `SELECT u."name", ct."isPrimary" FROM "CareTeamMember" ct JOIN "User" u ON u."id" = ct."clinicianId"
        WHERE ct."clinicId" = $1 AND ct."patientId" = $2 ORDER BY ct."isPrimary" DESC`,
      [actor.clinicId, patient.id],
    );
    const plans = await rows<{ id: string; title: string; condition: string; goals: string; status: string; startDate: Date; reviewDate: Date | null; plannedSessions: number }>(
      client,
      `SELECT t."id", t."title", t."condition", t."goals", t."status"::text AS "status", t."startDate", t."reviewDate", t."plannedSessions"
         FROM "TreatmentPlan" t WHERE t."clinicId" = $1 AND t."patientId" = $2 ORDER BY t."startDate" DESC`,
      [actor.clinicId, patient.id],
    );
    const activePlan = plans.find((p) => p.status === "ACTIVE") ?? plans.find((p) => p.status === "ON_HOLD") ?? null;
    const now = new Date();
    const activities = activePlan
      ? await rows<Parameters<typeof toActivityDto>[0]>(
          client,
          `SELECT ${ACTIVITY_ROW_COLUMNS} FROM "PlanActivity" a WHERE a."clinicId" = $1 AND a."planId" = $2 ORDER BY a."position"`,
          [actor.clinicId, activePlan.id],
        )
      : [];
    const sessions = await rows<{ id: string; planId: string; startsAt: Date; durationMin: number; status: string; painBefore: number | null; painAfter: number | null; clinicianName: string }>(
      client,
      `SELECT s."id", s."planId", s."startsAt", s."durationMin", s."status"::text AS "status", s."painBefore", s."painAfter",
           (SELECT u."name" FROM "User" u WHERE u."id" = s."clinicianId") AS "clinicianName"
         FROM "Session" s
        WHERE s."clinicId" = $1 AND s."patientId" = $2 ORDER BY s."startsAt" DESC LIMIT 50`,
      [actor.clinicId, patient.id],
    );
    const outcomes = await rows<Outcome>(
      client,
      `SELECT o."instrument"::text AS "instrument", o."context"::text AS "context", o."score", o."band", o."recordedAt" FROM "OutcomeResponse" o
        WHERE o."clinicId" = $1 AND o."patientId" = $2 AND o."instrument" IN ('NPRS', 'ODI') ORDER BY o."recordedAt"`,
      [actor.clinicId, patient.id],
    );
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
    const [found] = await rows<{ id: string }>(client, `SELECT p."id" FROM "Patient" p WHERE ${CARE_TEAM} AND p."id" = $3 LIMIT 1`, [actor.clinicId, actor.userId, patientId]);
    if (!found) throw new NotFound();
    const result = await computeProgress(client, actor.clinicId, found.id, actor.timeZone);
    await audit(client, actor, { action: "progress.read", entityType: "Patient", entityId: found.id, patientId: found.id });
    return result;
  });
}

export async function overviewPage(actor: Actor, patientId: string) {
  const p = await overview(actor, patientId);
  return { overview: p, progress: await progress(actor, patientId) };
}
