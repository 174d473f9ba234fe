import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db, type Tx } from "@/lib/db";
import { overlaps, seriesOccurrences, type SeriesOccurrence } from "@/lib/domain/schedule/series";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZSessionSeries, type TSessionSeries } from "@/lib/validation/sessions";
import { formatForMessage } from "./format";

// A series of sessions (issue 15, decision 038): the preview lists every occurrence and marks
// those that overlap another session of the clinician; booking writes all the occurrences not
// skipped in one transaction, or none.

const BOOKABLE = ["DRAFT", "ACTIVE", "ON_HOLD"];

export type SeriesPreviewRow = {
  date: string;
  /** The start, ISO UTC. */
  startsAt: string;
  /** "Mon 9 Mar, 10:00" in the clinic's time zone. */
  label: string;
  /** Set when the time asked for does not exist that day (clocks go forward): the time it becomes. */
  shiftedTo: string | null;
  /** The clinician's session this one would overlap, in words; null when free. */
  clash: string | null;
};

type Existing = { startsAt: Date; durationMin: number };

/** The plan, if the actor may book for it: same scope and rule as booking one session. */
async function bookablePlan(tx: Tx, actor: Actor, planId: string) {
  const patient = patientScope(actor, "session:write");
  const plan = await tx.treatmentPlan.findFirst({ where: { id: planId, clinicId: actor.clinicId, patient }, select: { id: true, patientId: true, status: true } });
  if (!plan) throw notFound("Plan");
  if (!BOOKABLE.includes(plan.status)) throw new AppError("VALIDATION", "Sessions can only be booked for an open plan.");
  return plan;
}

/**
 * The clinician's scheduled or completed sessions between the series' first start and last end,
 * in one statement; each occurrence is then matched against them in memory.
 */
async function clashesOf(tx: Tx, actor: Actor, occurrences: SeriesOccurrence[], durationMin: number): Promise<(Existing | null)[]> {
  if (occurrences.length === 0) return [];
  const from = occurrences[0]!.startsAt;
  const to = new Date(occurrences[occurrences.length - 1]!.startsAt.getTime() + durationMin * 60_000);
  const existing = await tx.$queryRaw<Existing[]>`
    SELECT "startsAt", "durationMin" FROM "Session"
    WHERE "clinicId" = ${actor.clinicId} AND "clinicianId" = ${actor.userId}
      AND status::text IN ('SCHEDULED', 'COMPLETED')
      AND "startsAt" < ${to} AND "startsAt" + make_interval(mins => "durationMin") > ${from}
    ORDER BY "startsAt"`;
  return occurrences.map((o) => existing.find((e) => overlaps(o.startsAt, durationMin, e.startsAt, e.durationMin)) ?? null);
}

const clashText = (e: Existing, timeZone: string) => `Overlaps your session at ${formatForMessage(e.startsAt, timeZone)} (${e.durationMin} min)`;

/**
 * Every occurrence of the series with its clash, before anything is saved. Reads the plan's
 * bookability and the clinician's own times, nothing of the patient's record: not audited.
 */
export async function previewSessionSeries(actor: Actor, input: TSessionSeries): Promise<{ rows: SeriesPreviewRow[] }> {
  const data = parseInput(ZSessionSeries, input);
  return db().$transaction(async (tx) => {
    await bookablePlan(tx, actor, data.planId);
    const occurrences = seriesOccurrences(data, data.time, actor.timeZone);
    const clashes = await clashesOf(tx, actor, occurrences, data.durationMin);
    return {
      rows: occurrences.map((o, i) => ({
        date: o.date,
        startsAt: o.startsAt.toISOString(),
        label: formatForMessage(o.startsAt, actor.timeZone),
        shiftedTo: o.wallTime === o.time ? null : o.wallTime,
        clash: clashes[i] ? clashText(clashes[i]!, actor.timeZone) : null,
      })),
    };
  });
}

/**
 * Books every occurrence of the series not in `skip`, all or none. Clashes are checked again
 * under the clinician's booking lock: one that appeared since the preview refuses the whole
 * series (CONFLICT) and nothing is written. One audit event names the plan and the patient.
 * Appointment reminders need nothing here: the reminder tick finds every scheduled session
 * (decision 035), so each occurrence gets its reminder as a single booking does.
 */
export async function scheduleSessionSeries(actor: Actor, input: TSessionSeries): Promise<{ ids: string[]; firstDate: string }> {
  const data = parseInput(ZSessionSeries, input);
  const all = seriesOccurrences(data, data.time, actor.timeZone);
  const known = new Set(all.map((o) => o.date));
  const unknown = data.skip.filter((d) => !known.has(d));
  if (unknown.length > 0) throw new AppError("VALIDATION", "A date to leave out is not a date of this series.", { skip: ["A date to leave out is not a date of this series."] });
  const skip = new Set(data.skip);
  const occurrences = all.filter((o) => !skip.has(o.date));
  if (occurrences.length === 0) throw new AppError("VALIDATION", "Every session of the series is left out: nothing to book.", { skip: ["Every session of the series is left out: nothing to book."] });

  return db().$transaction(async (tx) => {
    const plan = await bookablePlan(tx, actor, data.planId);
    // The same per-clinician lock as booking one session: check-then-insert is safe under concurrency.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`session:${actor.userId}`}))`;
    const clashes = await clashesOf(tx, actor, occurrences, data.durationMin);
    const clashing = occurrences.filter((_, i) => clashes[i]);
    if (clashing.length > 0) {
      const when = clashing.map((o) => formatForMessage(o.startsAt, actor.timeZone)).join("; ");
      throw new AppError("CONFLICT", `Since the preview, ${clashing.length === 1 ? "a session now clashes" : `${clashing.length} sessions now clash`} with another of your sessions (${when}). Nothing was booked: preview the series again.`);
    }
    const created = await tx.session.createManyAndReturn({
      data: occurrences.map((o) => ({ clinicId: actor.clinicId, planId: plan.id, patientId: plan.patientId, clinicianId: actor.userId, startsAt: o.startsAt, durationMin: data.durationMin })),
      select: { id: true, startsAt: true },
    });
    await recordAuditEvent(tx, { actor, action: "session.schedule_series", entityType: "TreatmentPlan", entityId: plan.id, patientId: plan.patientId });
    created.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    return { ids: created.map((c) => c.id), firstDate: occurrences[0]!.date };
  });
}
