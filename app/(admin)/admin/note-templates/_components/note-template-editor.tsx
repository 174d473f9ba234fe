"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import type { NoteTemplateDto } from "@/lib/domain/note-templates/note-templates";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZCreateNoteTemplate, ZUpdateNoteTemplate } from "@/lib/validation/note-templates";
import { createNoteTemplateAction, setNoteTemplateArchivedAction, updateNoteTemplateAction } from "../actions";

type Errors = Record<string, string[]>;
type Status = { tone: "error" | "success"; message: string; action?: React.ReactNode } | null;

const SECTIONS = [
  ["subjective", "Subjective"],
  ["objective", "Objective"],
  ["assessment", "Assessment"],
  ["planNote", "Plan"],
] as const;

const reloadButton = (
  <button type="button" className="ml-1 min-h-11 font-medium underline" onClick={() => window.location.reload()}>
    Reload
  </button>
);

/** One note template's form (or the new one's when `template` is null), with archive / restore for a saved one. */
export function NoteTemplateEditor({ template }: { template: NoteTemplateDto | null }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();
  const label = template ? `Edit note template ${template.name}` : "New note template";

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const d = new FormData(form);
    const text = (k: string) => String(d.get(k) ?? "");
    const fields = { name: text("name"), ...Object.fromEntries(SECTIONS.map(([k]) => [k, text(k)])) };
    const parsed = template ? ZUpdateNoteTemplate.safeParse({ ...fields, id: template.id, version: template.version }) : ZCreateNoteTemplate.safeParse(fields);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = template
        ? await updateNoteTemplateAction({ ...fields, id: template.id, version: template.version })
        : await createNoteTemplateAction(fields);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setStatus({ tone: "error", message: result.message, action: result.code === "CONFLICT" ? reloadButton : undefined });
        if (result.fieldErrors) focusFirstError();
        return;
      }
      if (!template) form.reset();
      setStatus({ tone: "success", message: template ? `Saved “${result.data.name}”.` : `Created “${result.data.name}”. Clinicians can pick it on their drafts now.` });
      router.refresh();
    });
  }

  function setArchived(archived: boolean) {
    if (!template) return;
    startTransition(async () => {
      const result = await setNoteTemplateArchivedAction({ id: template.id, version: template.version, archived });
      setStatus(result.ok ? null : { tone: "error", message: result.message, action: result.code === "CONFLICT" ? reloadButton : undefined });
      if (result.ok) router.refresh();
    });
  }

  const form = (
    <form ref={ref} onSubmit={onSubmit} noValidate aria-label={label} className="mt-3 space-y-3">
      <Field label="Name" hint="The kind of visit, e.g. Initial assessment. Unique in the clinic." error={errors.name}>
        {(p) => <input {...p} name="name" defaultValue={template?.name ?? ""} autoComplete="off" className={inputClass} />}
      </Field>
      {SECTIONS.map(([key, text]) => (
        <Field key={key} label={text} error={errors[key]}>
          {(p) => <textarea {...p} name={key} rows={3} defaultValue={template?.[key] ?? ""} className={inputClass} />}
        </Field>
      ))}
      <FormStatus status={status} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : template ? "Save changes" : "Create template"}
        </button>
      </div>
    </form>
  );

  if (!template) return form;
  return (
    <div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold break-words">{template.name}</h3>
        {template.archived ? (
          <button type="button" disabled={pending} onClick={() => setArchived(false)} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
            Restore
          </button>
        ) : (
          <ConfirmButton
            label="Archive"
            title={`Archive “${template.name}”?`}
            body="It is no longer offered on new notes. Notes already written from it keep their text. You can restore it later."
            confirmLabel="Archive"
            disabled={pending}
            onConfirm={() => setArchived(true)}
          />
        )}
      </div>
      <p className="mt-1 line-clamp-2 text-sm whitespace-pre-line text-slate-600">{template.subjective || template.objective || template.assessment || template.planNote}</p>
      {template.archived ? (
        <FormStatus status={status} />
      ) : (
        <details className="mt-2">
          <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700 underline">Edit “{template.name}”</summary>
          {form}
        </details>
      )}
    </div>
  );
}
