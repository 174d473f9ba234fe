// GET /clinic/patients/<id> — app/(clinic)/clinic/patients/[patientId]/page.tsx: the overview
// (lib/domain/patients/get-patient-overview.ts) and then the progress panel
// (lib/domain/progress/get-progress.ts getProgress), two transactions, two audit events.
import { changeMeaning } from "../../../lib/domain/outcomes/rules";
import { contraindicationConflicts } from "../../../lib/domain/plans/rules";
import { toActivityDto } from "../../../lib/domain/plans/dto";
import { toIsoDate } from "../../../lib/domain/schedule/dates";
import type { Actor } from "./actor";
import { activityColumns, audit, planColumns, rows, transaction, type Client } from "./db";
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
  return transaction(async (client) => {
    const [patient] = await rows<{ id: string; firstName: string; lastName: string; dateOfBirth: Date; email: string | null; phone: string | null; contraindications: string[] }>(
      client,
      `SELECT p."id", p."clinicId", p."userId", p."firstName", p."lastName", p."dateOfBirth", p."email", p."phone", p."contraindications"::text[],
              p."archivedAt", p."version", p."createdAt", p."updatedAt"
         FROM "Patient" p WHERE ${CARE_TEAM} AND p."id" = $3 LIMIT 1`,
      [actor.clinicId, actor.userId, patientId],
    );
    if (!patient) throw new NotFound();
    const careTeam = await rows<{ clinicianId: string; isPrimary: boolean }>(
      client,
      `SELECT "patientId", "clinicianId", "clinicId", "isPrimary", "createdAt" FROM "CareTeamMember" WHERE "patientId" = $1 ORDER BY "isPrimary" DESC`,
      [patient.id],
    );
    const history = await rows<{ id: string; title: string; status: string; startDate: Date }>(
      client,
      `SELECT "id", "title", "status"::text, "startDate", "patientId" FROM "TreatmentPlan" WHERE "patientId" = $1 ORDER BY "startDate" DESC`,
      [patient.id],
    );
    const clinicians = careTeam.length
      ? await rows<{ id: string; name: string }>(client, `SELECT "id", "name" FROM "User" WHERE "id" = ANY($1)`, [careTeam.map((m) => m.clinicianId)])
      : [];

    const activeRef = history.find((p) => p.status === "ACTIVE") ?? history.find((p) => p.status === "ON_HOLD");
    const now = new Date();
    const [activePlan] = activeRef
      ? await rows<{ id: string; title: string; condition: string; goals: string; status: string; startDate: Date; reviewDate: Date | null; plannedSessions: number }>(
          client,
          `SELECT ${planColumns("t")} FROM "TreatmentPlan" t WHERE t."id" = $1 AND t."clinicId" = $2 LIMIT 1`,
          [activeRef.id, actor.clinicId],
        )
      : [];
    const activities = activePlan
      ? await rows<Parameters<typeof toActivityDto>[0]>(client, `SELECT ${activityColumns("a")} FROM "PlanActivity" a WHERE a."planId" = $1 ORDER BY a."position" ASC`, [activePlan.id])
      : [];
    const sessions = await rows<{ id: string; planId: string; clinicianId: string; startsAt: Date; durationMin: number; status: string; painBefore: number | null; painAfter: number | null }>(
      client,
      `SELECT "id", "clinicId", "planId", "patientId", "clinicianId", "startsAt", "durationMin", "status"::text, "statusReason", "painBefore", "painAfter",
              "subjective", "objective", "assessment", "planNote", "adverseEvent", "patientSummary", "noteStatus"::text, "signedAt", "signedById", "version", "createdAt", "updatedAt"
         FROM "Session" WHERE "clinicId" = $1 AND "patientId" = $2 ORDER BY "startsAt" DESC LIMIT 50`,
      [actor.clinicId, patient.id],
    );
    // Prisma sends one id per session (duplicates included) for the clinician relation.
    const sessionClinicians = sessions.length
      ? await rows<{ id: string; name: string }>(client, `SELECT "id", "name" FROM "User" WHERE "id" = ANY($1)`, [sessions.map((s) => s.clinicianId)])
      : [];
    const outcomes = await rows<Outcome>(
      client,
      `SELECT "id", "instrument"::text, "context"::text, "score", "band", "recordedAt" FROM "OutcomeResponse"
        WHERE "clinicId" = $1 AND "patientId" = $2 AND "instrument" IN ('NPRS', 'ODI') ORDER BY "recordedAt" ASC`,
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
      clinicianName: sessionClinicians.find((c) => c.id === s.clinicianId)!.name,
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
      careTeam: careTeam.map((m) => ({ name: clinicians.find((c) => c.id === m.clinicianId)!.name, isPrimary: m.isPrimary })),
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
      planHistory: history.map((p) => ({ id: p.id, title: p.title, status: p.status, startDate: toIsoDate(p.startDate) })),
    };
  });
}

async function progress(actor: Actor, patientId: string) {
  return transaction(async (client) => {
    const [found] = await rows<{ id: string }>(client, `SELECT p."id" FROM "Patient" p WHERE ${CARE_TEAM} AND p."id" = $3 LIMIT 1`, [actor.clinicId, actor.userId, patientId]);
    if (!found) throw new NotFound();
    await audit(client, actor, { action: "progress.read", entityType: "Patient", entityId: found.id, patientId: found.id });
    return computeProgress(client, actor.clinicId, found.id, actor.timeZone);
  });
}

export async function overviewPage(actor: Actor, patientId: string) {
  const p = await overview(actor, patientId);
  return { overview: p, progress: await progress(actor, patientId) };
}
