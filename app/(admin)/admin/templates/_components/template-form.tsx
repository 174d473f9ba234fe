"use client";

import { useRouter } from "next/navigation";
import type { GuidelineStatementDto } from "@/lib/domain/guidelines/dto";
import { useEffect, useRef, useState, useTransition } from "react";
import { flushSync } from "react-dom";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { label } from "@/app/_components/format";
import { BodyRegionBoxes } from "@/app/_components/facets";
import type { BodyRegion, CatalogStatus } from "@/lib/enums";
import type { Dose } from "@/lib/domain/plans/dto";
import type { AssignableCatalogItem } from "@/lib/domain/templates/list-assignable-catalog-items";
import type { TemplateDto, TemplateItemDto } from "@/lib/domain/templates/dto";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { MAX_TEMPLATE_ITEMS, ZTemplateInput } from "@/lib/validation/templates";
import { createTemplateAction, updateTemplateAction } from "../actions";
import { SortableList, SortableRow } from "@/app/_components/sortable-list";
import { TemplateStatusActions } from "./status-actions";
import { DOSE_FIELDS, TemplateItemEditor, type DoseKey, type FormItem, type ItemAction } from "./template-item-editor";

type Errors = Record<string, string[]>;
type Status = { tone: "error" | "success"; message: string; action?: React.ReactNode };
type Values = { name: string; condition: string; icd10Code: string; description: string; items: FormItem[]; bodyRegions: BodyRegion[]; tags: string };
type ItemPatch = Partial<Omit<FormItem, "dose">> | { dose: Partial<Record<DoseKey, string>> };

let nextKey = 0;

const doseStrings = (dose: Dose) => Object.fromEntries(DOSE_FIELDS.map(([k]) => [k, dose[k] === null ? "" : String(dose[k])])) as Record<DoseKey, string>;

const itemOf = (i: TemplateItemDto): FormItem => ({
  key: i.id,
  catalogItemId: i.catalogItemId,
  name: i.name,
  catalogSetting: i.catalogSetting,
  catalogStatus: i.catalogStatus,
  setting: i.setting,
  phase: i.phase,
  dose: doseStrings(i.dose),
});

const valuesOf = (t?: TemplateDto): Values => ({
  name: t?.name ?? "",
  condition: t?.condition ?? "",
  icd10Code: t?.icd10Code ?? "",
  description: t?.description ?? "",
  items: t?.items.map(itemOf) ?? [],
  bodyRegions: t?.bodyRegions ?? [],
  tags: t?.tags.join(", ") ?? "",
});

// Indexes shift when the list changes, so item errors would point at the wrong treatment.
const withoutItemErrors = (errors: Errors) => Object.fromEntries(Object.entries(errors).filter(([k]) => !k.startsWith("items")));

/**
 * Create or edit a protocol template: fields, then an ordered list of treatments picked from the
 * ACTIVE catalog. Validated by the same zod schema here and on the server.
 */
export function TemplateForm({
  template,
  catalog,
  stances = {},
}: {
  template?: TemplateDto;
  catalog: AssignableCatalogItem[];
  /** Per catalog item, the guideline statements for the protocol's saved condition (decision 044). */
  stances?: Record<string, GuidelineStatementDto[]>;
}) {
  const router = useRouter();
  const [values, setValues] = useState(() => valuesOf(template));
  // The version this form's edits are based on, and the last one the page gave us.
  const [version, setVersion] = useState(template?.version ?? 0);
  const [seenVersion, setSeenVersion] = useState(template?.version ?? 0);
  const [lifecycle, setLifecycle] = useState<CatalogStatus>(template?.status ?? "ACTIVE");
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [toAdd, setToAdd] = useState("");
  const [focusTick, setFocusTick] = useState(0);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const addRef = useRef<HTMLSelectElement>(null);

  // A newer version arrived from the server (reload, or another tab's save): show it unless the
  // admin has unsaved edits, which a save would then report as a conflict.
  if (template && template.version !== seenVersion) {
    setSeenVersion(template.version);
    if (template.version !== version && !dirty) {
      setValues(valuesOf(template));
      setVersion(template.version);
      setLifecycle(template.status);
      setErrors({});
    }
  }

  useEffect(() => {
    if (focusTick > 0) formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"], [data-invalid="true"]')?.focus();
  }, [focusTick]);

  const errorFor = (key: string) => Object.entries(errors).filter(([k]) => k === key || k.startsWith(`${key}.`)).flatMap(([, v]) => v);
  const showErrors = (next: Errors) => {
    setErrors(next);
    setFocusTick((t) => t + 1);
  };
  const edit = (patch: Partial<Values>) => {
    setValues((v) => ({ ...v, ...patch }));
    setDirty(true);
  };
  const editItem = (index: number, patch: ItemPatch) => {
    setValues((v) => ({
      ...v,
      items: v.items.map((item, i) => (i !== index ? item : "dose" in patch ? { ...item, dose: { ...item.dose, ...patch.dose } } : { ...item, ...patch })),
    }));
    setDirty(true);
  };
  const focusIn = (key: string, action: ItemAction) => {
    const button = formRef.current?.querySelector<HTMLButtonElement>(`[data-item-key="${key}"] [data-action="${action}"]`);
    if (button && !button.disabled) button.focus();
    else formRef.current?.querySelector<HTMLButtonElement>(`[data-item-key="${key}"] [data-action="${action === "up" ? "down" : "up"}"]`)?.focus();
  };

  function restructure(items: FormItem[], message: string) {
    flushSync(() => {
      setValues((v) => ({ ...v, items }));
      setErrors(withoutItemErrors);
      setDirty(true);
      setAnnouncement(message);
    });
  }

  function addItem() {
    const chosen = catalog.find((c) => c.id === toAdd);
    if (!chosen) return;
    const item: FormItem = {
      key: `new-${++nextKey}`,
      catalogItemId: chosen.id,
      name: chosen.name,
      catalogSetting: chosen.setting,
      catalogStatus: "ACTIVE",
      setting: chosen.setting,
      // New items usually continue the phase the admin was last working on.
      phase: values.items.at(-1)?.phase ?? "PAIN_RELIEF",
      dose: doseStrings(chosen.defaultDose),
    };
    restructure([...values.items, item], `${chosen.name} added as treatment ${values.items.length + 1}.`);
    setToAdd("");
    addRef.current?.focus();
  }

  function onItemAction(index: number, action: ItemAction) {
    const items = [...values.items];
    const item = items[index]!;
    if (action === "remove") {
      items.splice(index, 1);
      restructure(items, `${item.name} removed.`);
      const neighbour = items[index] ?? items[index - 1];
      if (neighbour) focusIn(neighbour.key, "remove");
      else addRef.current?.focus();
      return;
    }
    const to = action === "up" ? index - 1 : index + 1;
    [items[index], items[to]] = [items[to]!, item];
    restructure(items, `${item.name} moved to position ${to + 1} of ${items.length}.`);
    focusIn(item.key, action);
  }

  // A drop (mouse, touch or the keyboard's pick up / arrows / drop) moves the item to `to`.
  function moveItem(key: string, to: number) {
    const from = values.items.findIndex((i) => i.key === key);
    if (from === -1 || from === to) return;
    const items = [...values.items];
    const [item] = items.splice(from, 1);
    items.splice(to, 0, item!);
    restructure(items, `${item!.name} moved to position ${to + 1} of ${items.length}.`);
  }

  function reload() {
    setValues(valuesOf(template));
    setVersion(template?.version ?? 0);
    setLifecycle(template?.status ?? "ACTIVE");
    setDirty(false);
    setErrors({});
    setStatus(null);
    router.refresh();
  }

  const reloadButton = (
    <button type="button" className="ml-1 font-medium underline" onClick={reload}>
      Reload
    </button>
  );

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ZTemplateInput.safeParse({
      ...values,
      items: values.items.map(({ catalogItemId, setting, phase, dose }) => ({ catalogItemId, setting, phase, dose })),
    });
    if (!parsed.success) {
      showErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const data = parsed.data;
      const result = template ? await updateTemplateAction({ ...data, id: template.id, version }) : await createTemplateAction(data);
      if (!result.ok) {
        if (result.fieldErrors) showErrors(result.fieldErrors);
        setStatus({ tone: "error", message: result.message, action: result.code === "CONFLICT" ? reloadButton : undefined });
        return;
      }
      if (!template) {
        router.push(`/admin/templates/${result.data.id}?created=1`);
        return;
      }
      setVersion(result.data.version);
      setDirty(false);
      setValues((v) => ({ ...v, name: data.name, condition: data.condition, icd10Code: data.icd10Code ?? "", description: data.description, tags: (data.tags ?? []).join(", ") }));
      setStatus({ tone: "success", message: "Saved. Clinicians see this version now; plans already started from the template keep their own treatments." });
      router.refresh();
    });
  }

  const chosenIds = new Set(values.items.map((i) => i.catalogItemId));
  const full = values.items.length >= MAX_TEMPLATE_ITEMS;

  return (
    <div className="space-y-5">
      {template && (
        <TemplateStatusActions
          template={{ id: template.id, name: template.name, status: lifecycle }}
          version={version}
          disabled={pending}
          onChanged={(next) => {
            setVersion(next.version);
            setLifecycle(next.status);
            setStatus({
              tone: "success",
              message: next.status === "RETIRED" ? "Retired. Clinicians no longer see this template." : "Activated. Clinicians can open this template again.",
            });
            router.refresh();
          }}
          onError={(result) => setStatus({ tone: "error", message: result.message, action: result.conflict ? reloadButton : undefined })}
        />
      )}
      <form
        ref={formRef}
        onSubmit={onSubmit}
        onKeyDown={(event) => {
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
            event.preventDefault();
            if (!pending) formRef.current?.requestSubmit();
          }
        }}
        noValidate
        className="space-y-5"
        aria-label={template ? "Edit template" : "New template"}
      >
        <FormStatus status={status} />
        <Field label="Name" error={errorFor("name")}>
          {(p) => <input {...p} value={values.name} onChange={(e) => edit({ name: e.target.value })} className={inputClass} autoComplete="off" />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <Field label="Condition" error={errorFor("condition")}>
              {(p) => <input {...p} value={values.condition} onChange={(e) => edit({ condition: e.target.value })} className={inputClass} autoComplete="off" />}
            </Field>
          </div>
          <Field label="ICD-10 code (optional)" hint="e.g. M62.830 or M54.5" error={errorFor("icd10Code")}>
            {(p) => (
              <input {...p} value={values.icd10Code} onChange={(e) => edit({ icd10Code: e.target.value })} className={`${inputClass} font-mono`} autoComplete="off" spellCheck={false} />
            )}
          </Field>
        </div>
        <Field label="Description" hint="What the protocol is for and how it progresses; clinicians read this." error={errorFor("description")}>
          {(p) => <textarea {...p} rows={5} value={values.description} onChange={(e) => edit({ description: e.target.value })} className={inputClass} />}
        </Field>

        <BodyRegionBoxes checked={values.bodyRegions} onChange={(bodyRegions) => edit({ bodyRegions })} error={errorFor("bodyRegions")} />
        <Field label="Tags" hint="Free words to search protocols by; separate with commas, e.g. desk workers, acute" error={errorFor("tags")}>
          {(p) => <input {...p} value={values.tags} onChange={(e) => edit({ tags: e.target.value })} className={inputClass} autoComplete="off" />}
        </Field>

        <section aria-labelledby="template-items-heading" className="space-y-3">
          <h2 id="template-items-heading" className="text-lg font-semibold">
            Treatments <span className="font-normal text-slate-600">({values.items.length})</span>
          </h2>
          {values.items.length === 0 ? (
            <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-600">No treatments yet. Add the first one below.</p>
          ) : (
            <SortableList ids={values.items.map((i) => i.key)} nameOf={(key) => values.items.find((i) => i.key === key)?.name ?? "Treatment"} onMove={moveItem} disabled={pending}>
              <ol className="space-y-3">
                {values.items.map((item, index) => (
                  <SortableRow key={item.key} id={item.key} name={item.name} disabled={pending}>
                    {(row) => (
                      <TemplateItemEditor
                        item={item}
                        index={index}
                        count={values.items.length}
                        errorFor={errorFor}
                        onChange={(patch) => editItem(index, patch)}
                        onAction={(action) => onItemAction(index, action)}
                        sortable={row}
                        stances={stances[item.catalogItemId]}
                      />
                    )}
                  </SortableRow>
                ))}
              </ol>
            </SortableList>
          )}
          <div className="flex flex-wrap items-end gap-2 rounded-lg border border-slate-200 bg-slate-50 p-3">
            <div className="min-w-64 grow">
              <Field
                label="Add a treatment"
                hint={full ? `A template holds at most ${MAX_TEMPLATE_ITEMS} treatments.` : "Active catalog treatments; the dose starts from the treatment's default."}
                error={Object.entries(errors).filter(([k]) => k === "items").flatMap(([, v]) => v)}
              >
                {(p) => (
                  <select {...p} ref={addRef} value={toAdd} onChange={(e) => setToAdd(e.target.value)} className={inputClass}>
                    <option value="">Choose a treatment…</option>
                    {(["MODALITY", "EXERCISE", "EDUCATION"] as const).map((kind) => {
                      const options = catalog.filter((c) => c.kind === kind);
                      return options.length === 0 ? null : (
                        <optgroup key={kind} label={label(kind)}>
                          {options.map((c) => (
                            <option key={c.id} value={c.id}>
                              {c.name}
                              {chosenIds.has(c.id) ? " (already added)" : ""}
                            </option>
                          ))}
                        </optgroup>
                      );
                    })}
                  </select>
                )}
              </Field>
            </div>
            <button
              type="button"
              onClick={addItem}
              disabled={!toAdd || full}
              className="mb-0.5 min-h-11 rounded-md border border-brand-600 bg-white px-4 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-50"
            >
              Add to template
            </button>
          </div>
        </section>

        <p aria-live="polite" className="sr-only">
          {announcement}
        </p>
        {/* The save bar stays on screen while the form scrolls (a long protocol is thousands of pixels):
            it says whether there are unsaved edits, and Ctrl+S / ⌘S anywhere in the form saves. */}
        <div
          role="region"
          aria-label="Save"
          data-testid="template-save-bar"
          className="sticky bottom-0 z-20 -mx-2 flex flex-wrap items-center justify-between gap-3 rounded-t-lg border border-slate-200 bg-white/95 px-3 py-2 shadow-[0_-4px_12px_rgba(15,23,42,0.08)] backdrop-blur"
        >
          <p className="text-sm text-slate-700" aria-live="polite">
            {pending ? "Saving…" : dirty ? <strong className="font-semibold text-amber-900">Unsaved changes</strong> : template ? "All changes saved" : "Not created yet"}
            <span className="hidden text-slate-500 sm:inline"> · Ctrl+S saves</span>
          </p>
          <button type="submit" disabled={pending} aria-keyshortcuts="Control+S Meta+S" className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Saving…" : template ? "Save changes" : "Create template"}
          </button>
        </div>
      </form>
    </div>
  );
}
