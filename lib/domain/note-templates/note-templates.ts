import "server-only";
// Note templates (decision 037): starter text for a SOAP note, named for the kind of visit. The
// clinic's admins keep them (protocol-template permissions: template:manage); clinicians pick one
// for an empty draft (template:read). Clinic data only: nothing of a patient is read or written.
import { assertCan, type Actor } from "@/lib/auth/actor";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { db } from "@/lib/db";
import { AppError, notFound } from "@/lib/errors";
import { ZArchiveNoteTemplate, ZCreateNoteTemplate, ZUpdateNoteTemplate, type TArchiveNoteTemplate, type TCreateNoteTemplate, type TUpdateNoteTemplate } from "@/lib/validation/note-templates";
import { parseInput } from "@/lib/validation/parse";
import { isUniqueViolation, staleVersion } from "../conflict";

export type NoteTemplateDto = {
  id: string;
  name: string;
  subjective: string;
  objective: string;
  assessment: string;
  planNote: string;
  archived: boolean;
  version: number;
};

const COLUMNS = { id: true, name: true, subjective: true, objective: true, assessment: true, planNote: true, archivedAt: true, version: true } as const;
type Row = { id: string; name: string; subjective: string; objective: string; assessment: string; planNote: string; archivedAt: Date | null; version: number };
const dto = ({ archivedAt, ...t }: Row): NoteTemplateDto => ({ ...t, archived: archivedAt !== null });

const DUPLICATE = (name: string) => new AppError("VALIDATION", "A note template with this name already exists.", { name: [`“${name}” is already a note template's name.`] });

/** Every note template of the clinic, archived ones last, for the admins' page. */
export async function listNoteTemplates(actor: Actor): Promise<NoteTemplateDto[]> {
  assertCan(actor, "template:manage");
  const rows = await db().noteTemplate.findMany({ where: { clinicId: actor.clinicId }, orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }], select: COLUMNS });
  return rows.map(dto);
}

/** The templates a clinician may start a note from: the clinic's, not archived. */
export async function listOfferedNoteTemplates(actor: Actor): Promise<NoteTemplateDto[]> {
  assertCan(actor, "template:read");
  const rows = await db().noteTemplate.findMany({ where: { clinicId: actor.clinicId, archivedAt: null }, orderBy: { name: "asc" }, select: COLUMNS });
  return rows.map(dto);
}

const texts = (d: { subjective: string | null; objective: string | null; assessment: string | null; planNote: string | null }) => ({
  subjective: d.subjective ?? "",
  objective: d.objective ?? "",
  assessment: d.assessment ?? "",
  planNote: d.planNote ?? "",
});

export async function createNoteTemplate(actor: Actor, input: TCreateNoteTemplate): Promise<NoteTemplateDto> {
  assertCan(actor, "template:manage");
  const data = parseInput(ZCreateNoteTemplate, input);
  try {
    return await db().$transaction(async (tx) => {
      const created = await tx.noteTemplate.create({ data: { clinicId: actor.clinicId, name: data.name, ...texts(data) }, select: COLUMNS });
      await recordAuditEvent(tx, { actor, action: "note_template.create", entityType: "NoteTemplate", entityId: created.id });
      return dto(created);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw DUPLICATE(data.name);
    throw error;
  }
}

/** Saves the template edited from `version`; a stale version changes nothing (CONFLICT). */
export async function updateNoteTemplate(actor: Actor, input: TUpdateNoteTemplate): Promise<NoteTemplateDto> {
  assertCan(actor, "template:manage");
  const data = parseInput(ZUpdateNoteTemplate, input);
  try {
    return await db().$transaction(async (tx) => {
      const { count } = await tx.noteTemplate.updateMany({
        where: { id: data.id, clinicId: actor.clinicId, version: data.version },
        data: { name: data.name, ...texts(data), version: { increment: 1 } },
      });
      await assertClaimed(tx, actor, data.id, count);
      await recordAuditEvent(tx, { actor, action: "note_template.update", entityType: "NoteTemplate", entityId: data.id });
      return dto(await tx.noteTemplate.findUniqueOrThrow({ where: { id: data.id }, select: COLUMNS }));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw DUPLICATE(data.name);
    throw error;
  }
}

/** Archives a template (no longer offered on new notes) or brings it back. */
export async function setNoteTemplateArchived(actor: Actor, input: TArchiveNoteTemplate): Promise<NoteTemplateDto> {
  assertCan(actor, "template:manage");
  const data = parseInput(ZArchiveNoteTemplate, input);
  return db().$transaction(async (tx) => {
    const { count } = await tx.noteTemplate.updateMany({
      where: { id: data.id, clinicId: actor.clinicId, version: data.version },
      data: { archivedAt: data.archived ? new Date() : null, version: { increment: 1 } },
    });
    await assertClaimed(tx, actor, data.id, count);
    await recordAuditEvent(tx, { actor, action: data.archived ? "note_template.archive" : "note_template.restore", entityType: "NoteTemplate", entityId: data.id });
    return dto(await tx.noteTemplate.findUniqueOrThrow({ where: { id: data.id }, select: COLUMNS }));
  });
}

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

/** No row claimed: another clinic's (or no) template is NOT_FOUND, a stale version CONFLICT. */
async function assertClaimed(tx: Tx, actor: Actor, id: string, count: number): Promise<void> {
  if (count > 0) return;
  const exists = await tx.noteTemplate.findFirst({ where: { id, clinicId: actor.clinicId }, select: { id: true } });
  throw exists ? staleVersion("note template") : notFound("Note template");
}
