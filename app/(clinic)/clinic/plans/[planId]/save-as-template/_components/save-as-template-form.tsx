"use client";

import Link from "next/link";
import { useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZSaveAsTemplate } from "@/lib/validation/templates";
import { saveAsTemplateAction } from "../../actions";

type Errors = Record<string, string[]>;
type Saved = { id: string; name: string; proposed: boolean; leftOut: { name: string; reason: string }[] };

/** Name, description and who sees it: "My own protocol" or "Propose to the clinic's protocols". */
export function SaveAsTemplateForm({ planId, defaultName, disabled }: { planId: string; defaultName: string; disabled: boolean }) {
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [saved, setSaved] = useState<Saved | null>(null);
  const [pending, startTransition] = useTransition();
  const { ref: formRef, focusFirstError } = useFocusFirstError();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const d = new FormData(event.currentTarget);
    const parsed = ZSaveAsTemplate.safeParse({ planId, name: d.get("name") ?? "", description: d.get("description") ?? "", visibility: d.get("visibility") ?? undefined });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await saveAsTemplateAction(parsed.data);
      if (result.ok) {
        setSaved({ id: result.data.id, name: parsed.data.name, proposed: parsed.data.visibility === "PROPOSE", leftOut: result.data.leftOut });
        return;
      }
      setErrors(result.fieldErrors ?? {});
      setStatus({ tone: "error", message: result.message });
      focusFirstError();
    });
  }

  if (saved) {
    return (
      <div role="status" className="space-y-2 rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-950">
        <p className="font-medium">
          Saved “{saved.name}” as your own protocol{saved.proposed ? ", and proposed it to the clinic: an administrator will approve or decline it." : "."}
        </p>
        {saved.leftOut.length > 0 && (
          <div>
            <p>Left out:</p>
            <ul className="list-disc pl-5">
              {saved.leftOut.map((l) => (
                <li key={l.name}>
                  {l.name}: {l.reason}.
                </li>
              ))}
            </ul>
          </div>
        )}
        <p className="flex flex-wrap gap-4">
          <Link href={`/clinic/protocols/${saved.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
            Open the protocol
          </Link>
          <Link href={`/clinic/plans/${planId}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
            Back to the plan
          </Link>
        </p>
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-label="Save as protocol">
      <FormStatus status={status} />
      <Field label="Protocol name" hint="Only you see your own protocols' names." error={errors.name}>
        {(p) => <input {...p} name="name" defaultValue={defaultName} maxLength={120} className={inputClass} autoComplete="off" />}
      </Field>
      <Field label="Description (optional)" hint="When to use it, what to watch for." error={errors.description}>
        {(p) => <textarea {...p} name="description" rows={3} className={inputClass} />}
      </Field>
      <fieldset aria-describedby={errors.visibility ? "visibility-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Who can start plans from it</legend>
        <label className="mt-1 flex min-h-11 items-start gap-2">
          <input type="radio" name="visibility" value="OWN" defaultChecked className="mt-1 h-5 w-5" />
          <span>
            My own protocol
            <span className="block text-xs text-slate-600">Only you see it, labelled “Mine” where you start a plan from a protocol.</span>
          </span>
        </label>
        <label className="flex min-h-11 items-start gap-2">
          <input type="radio" name="visibility" value="PROPOSE" className="mt-1 h-5 w-5" />
          <span>
            Propose to the clinic&apos;s protocols
            <span className="block text-xs text-slate-600">It is your own until an administrator approves it for everyone; if declined, you see why.</span>
          </span>
        </label>
        {errors.visibility && (
          <p id="visibility-error" className="text-sm text-red-700">
            {errors.visibility.join(" ")}
          </p>
        )}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending || disabled} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save protocol"}
        </button>
        <Link href={`/clinic/plans/${planId}`} className="inline-flex min-h-11 items-center px-2 text-brand-700 underline">
          Cancel
        </Link>
      </div>
    </form>
  );
}
