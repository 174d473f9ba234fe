import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import type { Instrument } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/errors";
import { loadPlanMeasures } from "./load";

export type SessionDueMeasure = { instrument: Instrument; why: "each-session" | "overdue" | "due"; recorded: boolean };

/**
 * The measures the plan's schedule wants recorded in this session (decision 046): every
 * EACH_SESSION entry, and clinician-answered entries open today; each with whether this session
 * already holds a response of it. For the care team (outcome:read); NOT_FOUND otherwise.
 */
export async function listSessionDueMeasures(actor: Actor, sessionId: string): Promise<SessionDueMeasure[]> {
  const patient = patientScope(actor, "outcome:read");
  if (actor.role === "PATIENT") throw new AppError("FORBIDDEN", "Not available in the patient portal.");
  return db().$transaction(async (tx) => {
    const session = await tx.session.findFirst({ where: { id: sessionId, clinicId: actor.clinicId, patient }, select: { id: true, planId: true, patientId: true } });
    if (!session) throw await refusedRecord(actor, { entityType: "Session", entityId: sessionId, what: "Session" });
    const loaded = (await loadPlanMeasures(tx, session.planId, new Date()))!;
    const recorded = new Set((await tx.outcomeResponse.findMany({ where: { sessionId: session.id }, select: { instrument: true } })).map((r) => r.instrument));
    await recordAuditEvent(tx, { actor, action: "session.measures.read", entityType: "Session", entityId: session.id, patientId: session.patientId });
    const due = new Map<Instrument, SessionDueMeasure>();
    for (const e of loaded.entries) {
      const why = e.rule === "EACH_SESSION" ? "each-session" : e.answeredBy === "CLINICIAN" && e.status.open ? (e.status.overdueSince ? "overdue" : "due") : null;
      if (why && !due.has(e.instrument)) due.set(e.instrument, { instrument: e.instrument, why, recorded: recorded.has(e.instrument) });
    }
    return [...due.values()];
  });
}
