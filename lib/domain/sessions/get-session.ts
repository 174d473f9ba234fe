import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { CatalogCategory, Instrument, NoteStatus, PerformedStatus, SessionStatus, Setting } from "@/lib/db/generated/enums";
import { refusedRecord } from "@/lib/audit/refused-access";
import type { CopyableSection } from "@/lib/validation/sessions";
import type { CopiedFrom } from "./copy-forward";

export type SessionDetail = {
  id: string;
  version: number;
  patientId: string;
  patientName: string;
  planId: string;
  planTitle: string;
  clinicianName: string;
  startsAt: string;
  durationMin: number;
  status: SessionStatus;
  statusReason: string | null;
  noteStatus: NoteStatus;
  /** Who wrote the draft (null: nobody has saved it yet). */
  noteAuthorName: string | null;
  /** Whether this actor may edit and sign the draft: its author, or anyone while it has none. */
  canEditNote: boolean;
  signedAt: string | null;
  signedByName: string | null;
  painBefore: number | null;
  painAfter: number | null;
  subjective: string | null;
  objective: string | null;
  assessment: string | null;
  planNote: string | null;
  adverseEvent: string | null;
  patientSummary: string | null;
  inClinicActivities: { id: string; name: string; category: CatalogCategory; setting: Setting; durationMin: number | null }[];
  performed: { planActivityId: string; status: PerformedStatus; notDoneReason: string | null; durationMin: number | null; parameters: Record<string, unknown> }[];
  addenda: { id: string; authorName: string; text: string; createdAt: string }[];
  /** Instruments already scored for this plan: the next score of one is interim, the first a baseline. */
  scoredInstruments: Instrument[];
  /** Sections still as copied from the last signed note ("copy forward", decision 037), and from when. */
  copied: { fromSessionId: string; fromStartsAt: string; sections: Partial<Record<CopyableSection, string>> } | null;
};

const copiedOf = (c: CopiedFrom | null): SessionDetail["copied"] => (c ? { fromSessionId: c.sessionId, fromStartsAt: c.startsAt, sections: c.sections } : null);

/** A session with its full clinical note, for the patient's care team. Audited. */
export async function getSession(actor: Actor, sessionId: string): Promise<SessionDetail> {
  const patient = patientScope(actor, "session:write");
  return db().$transaction(async (tx) => {
    const s = await tx.session.findFirst({
      where: { id: sessionId, clinicId: actor.clinicId, patient },
      include: {
        patient: { select: { firstName: true, lastName: true } },
        plan: {
          select: {
            title: true,
            activities: {
              where: { setting: { in: ["IN_CLINIC", "BOTH"] } },
              orderBy: { position: "asc" },
              select: { id: true, nameSnapshot: true, setting: true, durationMin: true, status: true, catalogItem: { select: { category: true } } },
            },
            outcomes: { where: { clinicId: actor.clinicId }, distinct: ["instrument"], select: { instrument: true } },
          },
        },
        performed: true,
        addenda: { orderBy: { createdAt: "asc" } },
      },
    });
    if (!s) throw await refusedRecord(actor, { entityType: "Session", entityId: sessionId, what: "Session" });
    // The clinician, signer, draft author and addenda authors by name in one statement (a relation
    // each would be one statement each: the session note's query budget, decision 037).
    const userIds = [...new Set([s.clinicianId, s.signedById, s.noteAuthorId, ...s.addenda.map((a) => a.authorId)].filter((id): id is string => id !== null))];
    const users = await tx.user.findMany({ where: { clinicId: actor.clinicId, id: { in: userIds } }, select: { id: true, name: true } });
    const nameOf = new Map(users.map((u) => [u.id, u.name]));
    const userName = (id: string | null) => (id === null ? null : (nameOf.get(id) ?? null));
    await recordAuditEvent(tx, { actor, action: "session.read", entityType: "Session", entityId: s.id, patientId: s.patientId });
    const performedIds = new Set(s.performed.map((p) => p.planActivityId));
    return {
      id: s.id,
      version: s.version,
      patientId: s.patientId,
      patientName: `${s.patient.firstName} ${s.patient.lastName}`,
      planId: s.planId,
      planTitle: s.plan.title,
      clinicianName: userName(s.clinicianId) ?? "",
      startsAt: s.startsAt.toISOString(),
      durationMin: s.durationMin,
      status: s.status,
      statusReason: s.statusReason,
      noteStatus: s.noteStatus,
      noteAuthorName: userName(s.noteAuthorId),
      canEditNote: s.noteStatus === "DRAFT" && (s.noteAuthorId === null || s.noteAuthorId === actor.userId),
      signedAt: s.signedAt?.toISOString() ?? null,
      signedByName: userName(s.signedById),
      painBefore: s.painBefore,
      painAfter: s.painAfter,
      subjective: s.subjective,
      objective: s.objective,
      assessment: s.assessment,
      planNote: s.planNote,
      adverseEvent: s.adverseEvent,
      patientSummary: s.patientSummary,
      // Activities in force, plus any that were recorded here even if stopped since.
      inClinicActivities: s.plan.activities
        .filter((a) => a.status === "ACTIVE" || performedIds.has(a.id))
        .map((a) => ({ id: a.id, name: a.nameSnapshot, category: a.catalogItem.category, setting: a.setting, durationMin: a.durationMin })),
      performed: s.performed.map((p) => ({ planActivityId: p.planActivityId, status: p.status, notDoneReason: p.notDoneReason, durationMin: p.durationMin, parameters: p.parameters as Record<string, unknown> })),
      addenda: s.addenda.map((a) => ({ id: a.id, authorName: userName(a.authorId) ?? "", text: a.text, createdAt: a.createdAt.toISOString() })),
      scoredInstruments: s.plan.outcomes.map((o) => o.instrument),
      copied: copiedOf(s.copiedFrom as CopiedFrom | null),
    };
  });
}
