"use client";

import { Field } from "@/app/_components/form/field";
import { label } from "@/app/_components/format";
import { Setting, TreatmentPhase, type CatalogKind } from "@/lib/enums";
import type { Dose } from "@/lib/domain/plans/dto";
import { checkDose } from "@/lib/domain/plans/rules";
import { ZDose } from "@/lib/validation/catalog";
import { fieldErrorsOf } from "@/lib/validation/fields";

type DoseKey = keyof Dose;
export type Errors = Record<string, string[]>;
export type ActivityValues = { setting: Setting; phase: TreatmentPhase; dose: Dose };

const DOSE_FIELDS: readonly (readonly [DoseKey, string])[] = [
  ["durationMin", "Duration (min)"],
  ["sets", "Sets"],
  ["reps", "Reps"],
  ["holdSec", "Hold (s)"],
  ["timesPerDay", "Times per day"],
  ["daysPerWeek", "Days per week"],
];

const smallInput = "block min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-base aria-[invalid=true]:border-red-600";

/** Where, in which phase and how much: the fields an activity is added or edited with. */
export function ActivityFields({ values, errorFor }: { values: ActivityValues; errorFor: (key: string) => string[] | undefined }) {
  return (
    <>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label="Setting" error={errorFor("setting")}>
          {(p) => (
            <select {...p} name="setting" defaultValue={values.setting} className={smallInput}>
              {Object.values(Setting).map((s) => (
                <option key={s} value={s}>{label(s)}</option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Phase" error={errorFor("phase")}>
          {(p) => (
            <select {...p} name="phase" defaultValue={values.phase} className={smallInput}>
              {Object.values(TreatmentPhase).map((phase) => (
                <option key={phase} value={phase}>{label(phase)}</option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <fieldset className="mt-3">
        <legend className="text-sm font-medium text-slate-800">Dose</legend>
        <p className="text-xs text-slate-600">Leave a box empty when it does not apply.</p>
        <div className="mt-1 grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-6">
          {DOSE_FIELDS.map(([key, text]) => (
            <Field key={key} label={text} error={errorFor(`dose.${key}`)}>
              {(p) => <input {...p} name={`dose.${key}`} inputMode="numeric" defaultValue={values.dose[key] ?? ""} className={smallInput} />}
            </Field>
          ))}
        </div>
      </fieldset>
    </>
  );
}

/**
 * Reads and checks the fields with the server's own rules (zod dose ranges, then checkDose), so
 * most mistakes show before a round trip. Returns the values or the field errors.
 */
export function readActivityFields(form: HTMLFormElement, kind: CatalogKind): { ok: true; values: ActivityValues } | { ok: false; errors: Errors } {
  const d = new FormData(form);
  const setting = String(d.get("setting")) as Setting;
  const phase = String(d.get("phase")) as TreatmentPhase;
  const parsed = ZDose.safeParse(Object.fromEntries(DOSE_FIELDS.map(([key]) => [key, String(d.get(`dose.${key}`) ?? "")])));
  if (!parsed.success) return { ok: false, errors: Object.fromEntries(Object.entries(fieldErrorsOf(parsed.error)).map(([k, v]) => [`dose.${k}`, v])) };
  const rules = checkDose(setting, kind, parsed.data);
  if (Object.keys(rules).length > 0) return { ok: false, errors: Object.fromEntries(Object.entries(rules).map(([k, v]) => [`dose.${k}`, [v]])) };
  return { ok: true, values: { setting, phase, dose: parsed.data } };
}
