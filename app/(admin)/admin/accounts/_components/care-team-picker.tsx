"use client";

import { useId } from "react";
import type { TCareTeamMember } from "@/lib/validation/accounts";

export type PickerClinician = { id: string; name: string; assignable: boolean };

type Props = {
  legend: string;
  clinicians: PickerClinician[];
  members: TCareTeamMember[];
  onChange: (members: TCareTeamMember[]) => void;
  error?: string[];
  disabled?: boolean;
};

/**
 * Add or remove clinicians (checkboxes) and choose the one primary (radio buttons). Keyboard:
 * Tab between rows, Space toggles. Someone who can no longer be assigned (deactivated) can only
 * be removed.
 */
export function CareTeamPicker({ legend, clinicians, members, onChange, error, disabled }: Props) {
  const id = useId();
  const errorId = error?.length ? `${id}-error` : undefined;
  const hintId = `${id}-hint`;
  const member = (clinicianId: string) => members.find((m) => m.clinicianId === clinicianId);

  function toggle(clinicianId: string, on: boolean) {
    if (on) {
      // The first clinician added becomes primary; the admin can change it.
      onChange([...members, { clinicianId, isPrimary: !members.some((m) => m.isPrimary) }]);
    } else {
      onChange(members.filter((m) => m.clinicianId !== clinicianId));
    }
  }

  function makePrimary(clinicianId: string) {
    onChange(members.map((m) => ({ ...m, isPrimary: m.clinicianId === clinicianId })));
  }

  return (
    <fieldset aria-describedby={[hintId, errorId].filter(Boolean).join(" ")}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <p id={hintId} className="text-xs text-slate-600">
        Tick the clinicians who look after this patient and choose one primary clinician.
      </p>
      {clinicians.length === 0 ? (
        <p className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          There are no active clinicians yet. Create a clinician account first.
        </p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200 bg-white">
          {clinicians.map((c, index) => {
            const m = member(c.id);
            return (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-2 px-3 py-1">
                <label className="flex min-h-11 items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="h-5 w-5"
                    checked={Boolean(m)}
                    disabled={disabled || (!m && !c.assignable)}
                    onChange={(e) => toggle(c.id, e.target.checked)}
                    aria-invalid={index === 0 && Boolean(errorId)}
                    aria-describedby={errorId}
                  />
                  <span>
                    {c.name}
                    {!c.assignable && <span className="ml-1 text-red-800">(deactivated: remove from the team)</span>}
                  </span>
                </label>
                <label className={`flex min-h-11 items-center gap-2 text-sm ${m ? "" : "text-slate-400"}`}>
                  <input
                    type="radio"
                    name={`${id}-primary`}
                    className="h-5 w-5"
                    checked={Boolean(m?.isPrimary)}
                    disabled={disabled || !m}
                    onChange={() => makePrimary(c.id)}
                    aria-label={`Primary clinician: ${c.name}`}
                  />
                  <span aria-hidden="true">Primary</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
      {errorId && (
        <p id={errorId} className="mt-1 text-sm text-red-700">
          {error!.join(" ")}
        </p>
      )}
    </fieldset>
  );
}
