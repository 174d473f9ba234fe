import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScope } from "@/lib/auth/scope";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, notFound } from "@/lib/errors";
import { parseInput } from "@/lib/validation/parse";
import { ZAddendum, ZSessionNote, ZSignSession, type TSessionNote } from "@/lib/validation/sessions";
import { checkParameters } from "@/lib/validation/treatment-parameters";
import { markCopied, uneditedCopies } from "./copy-forward";
import { claimSession } from "./scheduling";

const LOCKED = "This note is signed and locked. Add an addendum to correct it.";

type Tx = Prisma.TransactionClient;

/**
 * Only the draft's author edits and signs it (decision 020): the first clinician to save it. The
 * rest of the care team may read the session, so the refusal is FORBIDDEN, not NOT_FOUND.
 */
async function assertNoteAuthor(tx: Tx, actor: Actor, session: { noteAuthorId: string | null }): Promise<void> {
  if (session.noteAuthorId === null || session.noteAuthorId === actor.userId) return;
  const author = await tx.user.findFirst({ where: { id: session.noteAuthorId, clinicId: actor.clinicId }, select: { name: true } });
  throw new AppError("FORBIDDEN", author ? `Only ${author.name}, who wrote this draft, can edit or sign it.` : "Only the clinician who wrote this draft can edit or sign it.");
}

/**
 * Saves the session's note as a draft: pain before/after, SOAP, adverse event, the summary the
 * patient sees, and what was performed (parameters validated per kind of treatment). A signed
 * note can never be changed here; a draft only by its author, and the first to save it becomes that.
 */
export async function saveSessionNote(actor: Actor, input: TSessionNote): Promise<{ version: number }> {
  const data = parseInput(ZSessionNote, input);
  return db().$transaction(async (tx) => {
    const session = await claimSession(tx, actor, data.sessionId, data.version);
    if (session.noteStatus === "SIGNED") throw new AppError("CONFLICT", LOCKED);
    await assertNoteAuthor(tx, actor, session);
    if (session.status === "CANCELLED" || session.status === "NO_SHOW") throw new AppError("VALIDATION", "A cancelled or missed session has no treatment note.");

    const activities = await tx.planActivity.findMany({
      where: { clinicId: actor.clinicId, planId: session.planId, setting: { in: ["IN_CLINIC", "BOTH"] } },
      select: { id: true, catalogItemId: true, catalogItem: { select: { category: true } } },
    });
    const byId = new Map(activities.map((a) => [a.id, a]));
    const fieldErrors: Record<string, string[]> = {};
    const performed: Prisma.PerformedTreatmentCreateManyInput[] = [];
    data.performed.forEach((p, index) => {
      const activity = byId.get(p.planActivityId);
      if (!activity) {
        fieldErrors[`performed.${index}.planActivityId`] = ["This treatment is not an in-clinic activity of the session's plan."];
        return;
      }
      if (p.status === "NOT_DONE") {
        performed.push({ clinicId: actor.clinicId, sessionId: session.id, planActivityId: activity.id, catalogItemId: activity.catalogItemId, status: "NOT_DONE", notDoneReason: p.notDoneReason });
        return;
      }
      const check = checkParameters(activity.catalogItem.category, p.parameters);
      if (!check.ok) {
        for (const [key, messages] of Object.entries(check.errors)) fieldErrors[`performed.${index}.parameters.${key}`] = messages;
        return;
      }
      performed.push({
        clinicId: actor.clinicId,
        sessionId: session.id,
        planActivityId: activity.id,
        catalogItemId: activity.catalogItemId,
        status: "COMPLETED",
        durationMin: p.durationMin,
        parameters: check.value as Prisma.InputJsonValue,
      });
    });
    if (new Set(data.performed.map((p) => p.planActivityId)).size !== data.performed.length) {
      fieldErrors.performed = ["Each treatment can be recorded once per session."];
    }
    if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION", "Please correct the highlighted treatment details.", fieldErrors);

    const copiedFrom = await markCopied(tx, actor.clinicId, session, { subjective: data.subjective, objective: data.objective }, data.copiedFrom);

    await tx.performedTreatment.deleteMany({ where: { sessionId: session.id } });
    if (performed.length > 0) await tx.performedTreatment.createMany({ data: performed });
    const updated = await tx.session.update({
      where: { id: session.id },
      data: {
        painBefore: data.painBefore,
        painAfter: data.painAfter,
        subjective: data.subjective,
        objective: data.objective,
        assessment: data.assessment,
        planNote: data.planNote,
        adverseEvent: data.adverseEvent,
        patientSummary: data.patientSummary,
        noteAuthorId: session.noteAuthorId ?? actor.userId,
        copiedFrom: copiedFrom ?? Prisma.DbNull,
      },
      select: { version: true },
    });
    await recordAuditEvent(tx, { actor, action: "session.note.save", entityType: "Session", entityId: session.id, patientId: session.patientId });
    return updated;
  });
}

/**
 * Signs the note (its author only): it is locked from then on, and the session becomes COMPLETED, which counts
 * towards the plan's in-clinic progress. Both happen in one transaction with the audit event.
 */
export async function signSessionNote(actor: Actor, input: { sessionId: string; version: number }): Promise<{ version: number }> {
  const data = parseInput(ZSignSession, input);
  return db().$transaction(async (tx) => {
    const session = await claimSession(tx, actor, data.sessionId, data.version);
    if (session.noteStatus === "SIGNED") throw new AppError("CONFLICT", LOCKED);
    await assertNoteAuthor(tx, actor, session);
    if (session.status !== "SCHEDULED" && session.status !== "COMPLETED") throw new AppError("VALIDATION", "A cancelled or missed session cannot be signed.");
    if (session.startsAt > new Date()) throw new AppError("VALIDATION", "A session can be signed once it has started.");
    if (![session.subjective, session.objective, session.assessment, session.planNote].some((v) => v && v.trim())) {
      throw new AppError("VALIDATION", "Write the note (at least one of subjective, objective, assessment or plan) before signing.");
    }
    // Copied text signed unread would restate the last visit as this one's (decision 037).
    const unedited = uneditedCopies(session.copiedFrom);
    if (unedited.length > 0) {
      const names = unedited.map((k) => (k === "subjective" ? "Subjective" : "Objective")).join(" and ");
      throw new AppError("VALIDATION", `${names} ${unedited.length > 1 ? "are" : "is"} still as copied from the last signed note. Edit ${unedited.length > 1 ? "them" : "it"} for this visit before signing.`);
    }
    const performed = await tx.performedTreatment.count({ where: { sessionId: session.id } });
    if (performed === 0) throw new AppError("VALIDATION", "Record what was performed (or why it was not done) before signing.");
    const updated = await tx.session.update({
      where: { id: session.id },
      data: { noteStatus: "SIGNED", signedAt: new Date(), signedById: actor.userId, noteAuthorId: actor.userId, status: "COMPLETED" },
      select: { version: true },
    });
    await recordAuditEvent(tx, { actor, action: "session.note.sign", entityType: "Session", entityId: session.id, patientId: session.patientId });
    return updated;
  });
}

/** Appends a correction to a signed note, with its own author and time; the note itself stays as signed. */
export async function addSessionAddendum(actor: Actor, input: { sessionId: string; text: string }): Promise<{ id: string }> {
  const patient = patientScope(actor, "session:write");
  const data = parseInput(ZAddendum, input);
  return db().$transaction(async (tx) => {
    const session = await tx.session.findFirst({ where: { id: data.sessionId, clinicId: actor.clinicId, patient }, select: { id: true, patientId: true, noteStatus: true } });
    if (!session) throw notFound("Session");
    if (session.noteStatus !== "SIGNED") throw new AppError("VALIDATION", "Edit the draft note directly; addenda are for signed notes.");
    const addendum = await tx.sessionAddendum.create({ data: { clinicId: actor.clinicId, sessionId: session.id, authorId: actor.userId, text: data.text }, select: { id: true } });
    await recordAuditEvent(tx, { actor, action: "session.addendum", entityType: "Session", entityId: session.id, patientId: session.patientId });
    return addendum;
  });
}
