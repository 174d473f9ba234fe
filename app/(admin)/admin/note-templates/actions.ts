"use server";

import { revalidatePath } from "next/cache";
import { createNoteTemplate, setNoteTemplateArchived, updateNoteTemplate } from "@/lib/domain/note-templates/note-templates";
import { authedAction } from "@/lib/server/with-route";
import { ZArchiveNoteTemplate, ZCreateNoteTemplate, ZUpdateNoteTemplate } from "@/lib/validation/note-templates";

// Clinicians pick templates on the session page: refresh it too.
const refresh = () => {
  revalidatePath("/admin/note-templates");
  revalidatePath("/clinic/sessions", "layout");
};

export const createNoteTemplateAction = authedAction(ZCreateNoteTemplate, async (actor, input) => {
  const created = await createNoteTemplate(actor, input);
  refresh();
  return created;
});

export const updateNoteTemplateAction = authedAction(ZUpdateNoteTemplate, async (actor, input) => {
  const saved = await updateNoteTemplate(actor, input);
  refresh();
  return saved;
});

export const setNoteTemplateArchivedAction = authedAction(ZArchiveNoteTemplate, async (actor, input) => {
  const saved = await setNoteTemplateArchived(actor, input);
  refresh();
  return saved;
});
