"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { label } from "@/app/_components/format";
import { BodyRegionBoxes } from "@/app/_components/facets";
import { CatalogCategory, CatalogKind, Contraindication, Setting } from "@/lib/enums";
import type { CatalogItemDto } from "@/lib/domain/catalog/dto";
import { ZCatalogItemInput, type TCatalogItemInput } from "@/lib/validation/catalog";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { createCatalogItemAction, updateCatalogItemAction } from "../actions";

type Errors = Record<string, string[]>;
const DOSE_FIELDS = [
  ["durationMin", "Duration (min)"],
  ["sets", "Sets"],
  ["reps", "Reps"],
  ["holdSec", "Hold (s)"],
  ["timesPerDay", "Times per day"],
  ["daysPerWeek", "Days per week"],
] as const;

function readForm(form: HTMLFormElement): unknown {
  const d = new FormData(form);
  const text = (key: string) => String(d.get(key) ?? "");
  return {
    name: text("name"),
    kind: text("kind") || undefined,
    category: text("category") || undefined,
    setting: text("setting") || undefined,
    description: text("description"),
    patientInstructions: text("patientInstructions"),
    dose: Object.fromEntries(DOSE_FIELDS.map(([key]) => [key, text(`dose.${key}`)])),
    contraindications: d.getAll("contraindications").map(String),
    equipment: text("equipment").split(",").map((s) => s.trim()).filter(Boolean),
    bodyRegions: d.getAll("bodyRegions").map(String),
    conditions: text("conditions"),
    tags: text("tags"),
  };
}

/** Create or edit a catalog item; validated by the same zod schema here and on the server. */
export function CatalogItemForm({ item }: { item?: CatalogItemDto }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string; action?: React.ReactNode } | null>(null);
  const [pending, startTransition] = useTransition();
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const errorFor = (key: string) => Object.entries(errors).filter(([k]) => k === key || k.startsWith(`${key}.`)).flatMap(([, v]) => v);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const parsed = ZCatalogItemInput.safeParse(readForm(form));
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const data: TCatalogItemInput = parsed.data;
      const result = item ? await updateCatalogItemAction({ ...data, id: item.id, version: item.version }) : await createCatalogItemAction(data);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (result.fieldErrors) focusFirstError();
        const conflict = result.code === "CONFLICT";
        setStatus({
          tone: "error",
          message: result.message,
          action: conflict ? (
            <button type="button" className="ml-1 font-medium underline" onClick={() => router.refresh()}>
              Reload
            </button>
          ) : undefined,
        });
        return;
      }
      if (!item) {
        router.push(`/admin/catalog/${result.data.id}?created=1`);
        return;
      }
      // The page shows the confirmation: the form remounts with the new version's values.
      router.replace(`/admin/catalog/${item.id}?saved=${"version" in result.data ? result.data.version : item.version + 1}`);
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" aria-label={item ? "Edit treatment" : "New treatment"}>
      <FormStatus status={status} />
      <Field label="Name" error={errorFor("name")}>
        {(p) => <input {...p} name="name" defaultValue={item?.name} className={inputClass} autoComplete="off" />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Kind" error={errorFor("kind")}>
          {(p) => (
            <select {...p} name="kind" defaultValue={item?.kind ?? ""} className={inputClass}>
              <option value="">Choose…</option>
              {Object.values(CatalogKind).map((v) => <option key={v} value={v}>{label(v)}</option>)}
            </select>
          )}
        </Field>
        <Field label="Category" error={errorFor("category")}>
          {(p) => (
            <select {...p} name="category" defaultValue={item?.category ?? ""} className={inputClass}>
              <option value="">Choose…</option>
              {Object.values(CatalogCategory).map((v) => <option key={v} value={v}>{label(v)}</option>)}
            </select>
          )}
        </Field>
        <Field label="Setting" error={errorFor("setting")}>
          {(p) => (
            <select {...p} name="setting" defaultValue={item?.setting ?? ""} className={inputClass}>
              <option value="">Choose…</option>
              {Object.values(Setting).map((v) => <option key={v} value={v}>{label(v)}</option>)}
            </select>
          )}
        </Field>
      </div>
      <Field label="Description (for clinicians)" error={errorFor("description")}>
        {(p) => <textarea {...p} name="description" rows={3} defaultValue={item?.description} className={inputClass} />}
      </Field>
      <Field label="Patient instructions" hint="Plain words the patient reads at home." error={errorFor("patientInstructions")}>
        {(p) => <textarea {...p} name="patientInstructions" rows={5} defaultValue={item?.patientInstructions} className={inputClass} />}
      </Field>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Default dose</legend>
        <p className="text-xs text-slate-600">Leave a box empty when it does not apply.</p>
        <div className="mt-2 grid gap-4 sm:grid-cols-3">
          {DOSE_FIELDS.map(([key, text]) => (
            <Field key={key} label={text} error={errorFor(`dose.${key}`)}>
              {(p) => <input {...p} name={`dose.${key}`} inputMode="numeric" defaultValue={item?.dose[key] ?? ""} className={inputClass} />}
            </Field>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Contraindicated with</legend>
        <p className="text-xs text-slate-600">Assigning this treatment to a patient with a ticked flag needs a written override.</p>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {Object.values(Contraindication).map((flag) => (
            <label key={flag} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="contraindications" value={flag} defaultChecked={item?.contraindications.includes(flag)} className="h-5 w-5" />
              {label(flag)}
            </label>
          ))}
        </div>
      </fieldset>
      <Field label="Equipment" hint="Separate items with commas, e.g. Exercise mat, Towel" error={errorFor("equipment")}>
        {(p) => <input {...p} name="equipment" defaultValue={item?.equipment.join(", ")} className={inputClass} />}
      </Field>
      <BodyRegionBoxes checked={item?.bodyRegions ?? []} error={errorFor("bodyRegions")} />
      <Field label="Conditions" hint="What it is used for, to search by; separate with commas, e.g. Low back pain, Muscle spasm" error={errorFor("conditions")}>
        {(p) => <input {...p} name="conditions" defaultValue={item?.conditions.join(", ")} className={inputClass} autoComplete="off" />}
      </Field>
      <Field label="Tags" hint="Free words to search by; separate with commas, e.g. stretch, no equipment" error={errorFor("tags")}>
        {(p) => <input {...p} name="tags" defaultValue={item?.tags.join(", ")} className={inputClass} autoComplete="off" />}
      </Field>
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Saving…" : item ? "Save changes" : "Create treatment"}
      </button>
    </form>
  );
}
