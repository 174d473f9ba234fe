"use client";

import { useId } from "react";
import { GuidelineStances } from "@/app/_components/guidelines/guideline-stances";
import type { GuidelineStatementDto } from "@/lib/domain/guidelines/dto";
import { Field } from "@/app/_components/form/field";
import { label } from "@/app/_components/format";
import { TreatmentPhase, type CatalogStatus, type Setting } from "@/lib/enums";
import type { Dose } from "@/lib/domain/plans/dto";
import { allowedSettings } from "@/lib/domain/templates/rules";
import type { SortableRowProps } from "@/app/_components/sortable-list";

export type DoseKey = keyof Dose;

export const DOSE_FIELDS: readonly (readonly [DoseKey, string])[] = [
  ["durationMin", "Duration (min)"],
  ["sets", "Sets"],
  ["reps", "Reps"],
  ["holdSec", "Hold (s)"],
  ["timesPerDay", "Times per day"],
  ["daysPerWeek", "Days per week"],
];

/** One treatment of the template while it is edited; dose values are the strings typed. */
export type FormItem = {
  key: string;
  catalogItemId: string;
  name: string;
  catalogSetting: Setting;
  catalogStatus: CatalogStatus;
  setting: Setting;
  phase: TreatmentPhase;
  dose: Record<DoseKey, string>;
};

export type ItemAction = "up" | "down" | "remove";

const smallInput = "block min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-base aria-[invalid=true]:border-red-600";
const moveButton = "min-h-11 rounded-md border border-slate-300 px-3 text-sm font-medium hover:bg-slate-50 disabled:opacity-40";

type Props = {
  item: FormItem;
  index: number;
  count: number;
  errorFor: (key: string) => string[];
  onChange: (patch: Partial<Omit<FormItem, "dose">> | { dose: Partial<Record<DoseKey, string>> }) => void;
  onAction: (action: ItemAction) => void;
  /** Drag and drop (ADR 040): the row's ref, style and handle. */
  sortable?: SortableRowProps;
  /** What the guidelines say about the treatment for the protocol's saved condition (decision 044). */
  stances?: GuidelineStatementDto[];
};

/** The fields of one template item: setting, phase, dose, and its place in the list. */
export function TemplateItemEditor({ item, index, count, errorFor, onChange, onAction, sortable, stances = [] }: Props) {
  const problemId = useId();
  const path = `items.${index}`;
  const problems = [...errorFor(`${path}.catalogItemId`)];
  const inactive = item.catalogStatus !== "ACTIVE";
  // A legacy value the treatment no longer allows stays selectable so it can be seen and changed.
  const settings = allowedSettings(item.catalogSetting);
  const settingOptions = settings.includes(item.setting) ? settings : [item.setting, ...settings];
  return (
    <li data-item-key={item.key} ref={sortable?.ref} style={sortable?.style} className={sortable?.dragging ? "rounded-lg shadow-lg ring-2 ring-brand-600" : undefined}>
      <fieldset
        aria-describedby={problems.length > 0 ? problemId : undefined}
        // Focusable only so that "focus the first error" can land on an item-level problem.
        tabIndex={problems.length > 0 ? -1 : undefined}
        data-invalid={problems.length > 0 ? "true" : undefined}
        className={`rounded-lg border bg-white p-4 ${problems.length > 0 ? "border-red-400" : "border-slate-200"}`}
      >
        <legend className="px-1 font-medium">
          {index + 1}. {item.name}
        </legend>
        {inactive && (
          <p className="mb-2 rounded bg-amber-50 px-2 py-1 text-sm text-amber-900">
            {label(item.catalogStatus)} in the catalog: clinicians don&apos;t see this treatment until it is active again.
          </p>
        )}
        {problems.length > 0 && (
          <p id={problemId} className="mb-2 text-sm text-red-700">
            {problems.join(" ")}
          </p>
        )}
        <div className="grid gap-3 sm:grid-cols-2">
          <Field label="Setting" error={errorFor(`${path}.setting`)}>
            {(p) => (
              <select {...p} value={item.setting} onChange={(e) => onChange({ setting: e.target.value as Setting })} className={smallInput}>
                {settingOptions.map((s) => (
                  <option key={s} value={s}>{label(s)}</option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Phase" error={errorFor(`${path}.phase`)}>
            {(p) => (
              <select {...p} value={item.phase} onChange={(e) => onChange({ phase: e.target.value as TreatmentPhase })} className={smallInput}>
                {Object.values(TreatmentPhase).map((phase) => (
                  <option key={phase} value={phase}>{label(phase)}</option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {DOSE_FIELDS.map(([key, text]) => (
            <Field key={key} label={text} error={errorFor(`${path}.dose.${key}`)}>
              {(p) => (
                <input
                  {...p}
                  inputMode="numeric"
                  value={item.dose[key]}
                  onChange={(e) => onChange({ dose: { [key]: e.target.value } })}
                  className={smallInput}
                />
              )}
            </Field>
          ))}
        </div>
        <div className="mt-3 flex flex-wrap gap-2">
          {sortable?.handle}
          <button type="button" data-action="up" disabled={index === 0} onClick={() => onAction("up")} className={moveButton}>
            Move up<span className="sr-only"> {item.name}</span>
          </button>
          <button type="button" data-action="down" disabled={index === count - 1} onClick={() => onAction("down")} className={moveButton}>
            Move down<span className="sr-only"> {item.name}</span>
          </button>
          <button
            type="button"
            data-action="remove"
            onClick={() => onAction("remove")}
            className="min-h-11 rounded-md border border-red-300 px-3 text-sm font-medium text-red-800 hover:bg-red-50"
          >
            Remove<span className="sr-only"> {item.name}</span>
          </button>
        </div>
        <GuidelineStances statements={stances} treatmentName={item.name} />
      </fieldset>
    </li>
  );
}
