"use client";

import { Field, inputClass } from "@/app/_components/form/field";
import { label } from "@/app/_components/format";
import type { SessionDetail } from "@/lib/domain/sessions/get-session";
import { profilesFor, type ParameterProfile } from "@/lib/validation/treatment-parameters";
import { errorsFor } from "../../_components/result-status";
import { DEVICE_LABEL, fieldText, isDevice, PROFILE_FIELDS } from "./parameter-fields";

export type Choice = "NONE" | "COMPLETED" | "NOT_DONE";
type Activity = SessionDetail["inClinicActivities"][number];
type Performed = SessionDetail["performed"][number] | undefined;

const CHOICES: { value: Choice; text: string }[] = [
  { value: "NONE", text: "Not recorded" },
  { value: "COMPLETED", text: "Performed" },
  { value: "NOT_DONE", text: "Not done" },
];

/** The field names of one activity in the note form. */
export const nameOf = (activityId: string, key: string) => `a.${activityId}.${key}`;

/** The profile whose fields are shown: the treatment's own, or the chosen device's. */
export function profileOf(activity: Activity, device: string): ParameterProfile | null {
  const profiles = profilesFor(activity.category);
  if (profiles.length === 1) return profiles[0]!;
  return isDevice(device) ? device : null;
}

type Props = {
  activity: Activity;
  performed: Performed;
  choice: Choice;
  onChoice: (choice: Choice) => void;
  device: string;
  onDevice: (device: string) => void;
  errors: Record<string, string[]>;
};

/**
 * One in-clinic activity of the plan: performed (with its parameters and duration), not done
 * (with a reason) or not recorded. Fields of the other choice stay mounted but hidden, so
 * switching back and forth keeps what was typed.
 */
export function ActivityRecord({ activity, performed, choice, onChoice, device, onDevice, errors }: Props) {
  const key = (k: string) => `a.${activity.id}.${k}`;
  const profiles = profilesFor(activity.category);
  const profile = profileOf(activity, device);
  const stored = performed?.status === "COMPLETED" ? performed.parameters : {};
  const activityErrors = [...(errors[key("planActivityId")] ?? []), ...(errors[key("status")] ?? [])];
  return (
    <fieldset className="rounded-md border border-slate-200 p-3">
      <legend className="px-1 font-medium">
        {activity.name}
      </legend>
      <p className="text-xs text-slate-600">
        {label(activity.category)}
        {activity.durationMin ? ` · planned ${activity.durationMin} min` : ""}
      </p>
      <div className="mt-2 flex flex-wrap gap-x-4">
        {CHOICES.map((c) => (
          <label key={c.value} className="flex min-h-11 items-center gap-2 text-sm">
            <input type="radio" name={nameOf(activity.id, "status")} value={c.value} checked={choice === c.value} onChange={() => onChoice(c.value)} className="h-5 w-5" />
            {c.text}
          </label>
        ))}
      </div>
      {activityErrors.length > 0 && <p className="text-sm text-red-700">{activityErrors.join(" ")}</p>}

      <div hidden={choice !== "COMPLETED"} className="mt-2 space-y-3">
        {profiles.length > 1 && (
          <div className="max-w-xs">
            <Field label="Device" error={errorsFor(errors, key("parameters.device"))}>
              {(p) => (
                <select {...p} name={nameOf(activity.id, "device")} value={device} onChange={(e) => onDevice(e.target.value)} className={inputClass}>
                  <option value="">Choose…</option>
                  {profiles.map((d) => (
                    <option key={d} value={d}>
                      {isDevice(d) ? DEVICE_LABEL[d] : label(d)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          </div>
        )}
        <div className="grid gap-3 sm:grid-cols-3">
          {profile &&
            PROFILE_FIELDS[profile].map((f) => (
              <div key={`${profile}-${f.key}`} className={f.kind === "list" || f.key === "area" ? "sm:col-span-2" : undefined}>
                <Field label={f.label} hint={f.hint} error={errorsFor(errors, key(`parameters.${f.key}`))}>
                  {(p) => (
                    <input
                      {...p}
                      name={nameOf(activity.id, `p.${f.key}`)}
                      inputMode={f.kind === "whole" ? "numeric" : f.kind === "decimal" ? "decimal" : undefined}
                      defaultValue={fieldText(stored[f.key])}
                      autoComplete="off"
                      className={inputClass}
                    />
                  )}
                </Field>
              </div>
            ))}
          <Field label="Duration (min)" error={errorsFor(errors, key("durationMin"))}>
            {(p) => (
              <input
                {...p}
                name={nameOf(activity.id, "durationMin")}
                inputMode="numeric"
                defaultValue={fieldText(performed?.durationMin ?? activity.durationMin)}
                className={inputClass}
              />
            )}
          </Field>
        </div>
      </div>

      <div hidden={choice !== "NOT_DONE"} className="mt-2">
        <Field label="Reason not done" hint="e.g. Patient declined, contraindicated today" error={errorsFor(errors, key("notDoneReason"))}>
          {(p) => <input {...p} name={nameOf(activity.id, "reason")} defaultValue={performed?.notDoneReason ?? ""} className={inputClass} />}
        </Field>
      </div>
    </fieldset>
  );
}
