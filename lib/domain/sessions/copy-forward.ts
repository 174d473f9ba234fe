import "server-only";
// "Copy forward" (decision 037): the Subjective and Objective of the patient's last signed note in
// the same plan, offered into a new draft. Reading that note is reading the patient's record:
// audited (entity: the earlier session). What was copied stays marked until edited, and a note is
// not signed while a copied section is unedited (see markCopied and signSessionNote).
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { COPYABLE_SECTIONS, ZCopyForward, type CopyableSection, type TCopyForward } from "@/lib/validation/sessions";
import { parseInput } from "@/lib/validation/parse";

type Tx = Prisma.TransactionClient;

export type CopyForward = { fromSessionId: string; fromStartsAt: string; subjective: string | null; objective: string | null };

/** What a draft remembers of a copy: where from, and each copied section's text while it is unedited. */
export type CopiedFrom = { sessionId: string; startsAt: string; sections: Partial<Record<CopyableSection, string>> };

/** The last signed note before this session, same patient and plan, or null. */
async function lastSignedNote(tx: Tx, clinicId: string, session: { id: string; patientId: string; planId: string; startsAt: Date }) {
  return tx.session.findFirst({
    where: { clinicId, patientId: session.patientId, planId: session.planId, noteStatus: "SIGNED", id: { not: session.id }, startsAt: { lt: session.startsAt } },
    orderBy: { startsAt: "desc" },
    select: { id: true, startsAt: true, subjective: true, objective: true },
  });
}

/** The earlier note's Subjective and Objective for the draft of `sessionId` (its author's, or one nobody has saved yet). */
export async function copyForwardNote(actor: Actor, input: TCopyForward): Promise<CopyForward> {
  const patient = patientScope(actor, "session:write");
  const data = parseInput(ZCopyForward, input);
  return db().$transaction(async (tx) => {
    const session = await tx.session.findFirst({
      where: { id: data.sessionId, clinicId: actor.clinicId, patient },
      select: { id: true, patientId: true, planId: true, startsAt: true, noteStatus: true, noteAuthorId: true, status: true },
    });
    if (!session) throw notFound("Session");
    if (session.noteStatus !== "DRAFT") throw new AppError("CONFLICT", "This note is signed and locked. Add an addendum to correct it.");
    if (session.noteAuthorId !== null && session.noteAuthorId !== actor.userId) throw new AppError("FORBIDDEN", "Only the clinician who wrote this draft can edit it.");
    if (session.status === "CANCELLED" || session.status === "NO_SHOW") throw new AppError("VALIDATION", "A cancelled or missed session has no treatment note.");
    const earlier = await lastSignedNote(tx, actor.clinicId, session);
    if (!earlier) throw new AppError("VALIDATION", "There is no signed note earlier in this plan to copy from.");
    if (!COPYABLE_SECTIONS.some((s) => earlier[s]?.trim())) throw new AppError("VALIDATION", "The last signed note has no subjective or objective to copy.");
    await recordAuditEvent(tx, { actor, action: "session.note.copy_forward", entityType: "Session", entityId: earlier.id, patientId: session.patientId });
    return { fromSessionId: earlier.id, fromStartsAt: earlier.startsAt.toISOString(), subjective: earlier.subjective, objective: earlier.objective };
  });
}

/**
 * What the draft remembers after a save. A new copy (`claimed`) is checked against its source (the
 * last signed note of the same patient and plan): only sections whose text is still the source's
 * are marked. An earlier mark is kept for a section only while its text is unchanged.
 */
export async function markCopied(
  tx: Tx,
  clinicId: string,
  session: { id: string; patientId: string; planId: string; startsAt: Date; copiedFrom: Prisma.JsonValue },
  texts: Record<CopyableSection, string | null>,
  claimed: { sessionId: string; sections: CopyableSection[] } | null | undefined,
): Promise<CopiedFrom | null> {
  let base: CopiedFrom | null = (session.copiedFrom as CopiedFrom | null) ?? null;
  if (claimed) {
    const earlier = await lastSignedNote(tx, clinicId, session);
    if (!earlier || earlier.id !== claimed.sessionId) throw new AppError("VALIDATION", "The note copied from is no longer the last signed note of this plan. Copy again.");
    base = { sessionId: earlier.id, startsAt: earlier.startsAt.toISOString(), sections: Object.fromEntries(claimed.sections.filter((s) => earlier[s]).map((s) => [s, earlier[s]!])) };
  }
  if (!base) return null;
  const sections = Object.fromEntries(Object.entries(base.sections).filter(([s, text]) => texts[s as CopyableSection] === text));
  return Object.keys(sections).length > 0 ? { ...base, sections } : null;
}

/** The sections of a draft still as copied (none when nothing was copied). */
export function uneditedCopies(copiedFrom: Prisma.JsonValue): CopyableSection[] {
  const c = copiedFrom as CopiedFrom | null;
  return c ? COPYABLE_SECTIONS.filter((s) => c.sections[s] !== undefined) : [];
}
