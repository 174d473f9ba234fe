import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { toActivityDto, type ActivityDto } from "@/lib/domain/plans/dto";
import { fromIsoDate, todayIn, toIsoDate } from "@/lib/domain/schedule/dates";
import { plannedOccurrences } from "@/lib/domain/schedule/rules";
import { notFound } from "@/lib/errors";

export type TodayActivity = ActivityDto & { timesToday: number; loggedToday: boolean };

export type PatientHome = {
  firstName: string;
  today: string;
  plan: {
    id: string;
    title: string;
    goals: string;
    status: string;
    clinicianName: string;
    dueToday: TodayActivity[];
    notDueToday: ActivityDto[];
    inClinic: ActivityDto[];
  } | null;
  nextSession: { startsAt: string; clinicianName: string; durationMin: number } | null;
};

/** The signed-in patient's home: the active plan and the home activities due today. */
export async function getPatientHome(actor: Actor): Promise<PatientHome> {
  // The home routine is the patient's own page: only a role that logs home activities has it.
  const own = patientScope(actor, "homelog:write");
  return db().$transaction(async (tx) => {
    const patient = await tx.patient.findFirst({
      where: own,
      select: { id: true, firstName: true, clinic: { select: { timezone: true } } },
    });
    if (!patient) throw notFound("Patient");
    const today = todayIn(patient.clinic.timezone);
    const plan = await tx.treatmentPlan.findFirst({
      where: { clinicId: actor.clinicId, patientId: patient.id, status: "ACTIVE" },
      orderBy: { startDate: "desc" },
      include: {
        clinician: { select: { name: true } },
        activities: {
          where: { status: "ACTIVE" },
          orderBy: { position: "asc" },
          include: { homeLogs: { where: { date: fromIsoDate(today) }, select: { done: true } } },
        },
      },
    });
    const next = await tx.session.findFirst({
      where: { clinicId: actor.clinicId, patientId: patient.id, status: "SCHEDULED", startsAt: { gte: new Date() } },
      orderBy: { startsAt: "asc" },
      select: { startsAt: true, durationMin: true, clinician: { select: { name: true } } },
    });
    await recordAuditEvent(tx, { actor, action: "portal.home.read", entityType: "Patient", entityId: patient.id, patientId: patient.id });

    let planDto: PatientHome["plan"] = null;
    if (plan) {
      const start = toIsoDate(plan.startDate);
      const home = plan.activities.filter((a) => a.setting !== "IN_CLINIC");
      const dueToday: TodayActivity[] = [];
      const notDueToday: ActivityDto[] = [];
      for (const activity of home) {
        const times = plannedOccurrences(activity, today, start);
        if (times > 0) dueToday.push({ ...toActivityDto(activity), timesToday: times, loggedToday: activity.homeLogs.some((l) => l.done) });
        else notDueToday.push(toActivityDto(activity));
      }
      planDto = {
        id: plan.id,
        title: plan.title,
        goals: plan.goals,
        status: plan.status,
        clinicianName: plan.clinician.name,
        dueToday,
        notDueToday,
        inClinic: plan.activities.filter((a) => a.setting === "IN_CLINIC").map(toActivityDto),
      };
    }
    return {
      firstName: patient.firstName,
      today,
      plan: planDto,
      nextSession: next && { startsAt: next.startsAt.toISOString(), clinicianName: next.clinician.name, durationMin: next.durationMin },
    };
  });
}
