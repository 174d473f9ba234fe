"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { label } from "@/app/_components/format";
import { Contraindication } from "@/lib/enums";
import type { PlanFlagConflict } from "@/lib/domain/patients/flag-conflicts";
import type { PatientDetails } from "@/lib/domain/patients/get-patient-details";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZPatientDetails } from "@/lib/validation/patients";
import { createPatientAction, updatePatientAction } from "../actions";

type Errors = Record<string, string[]>;
type Status = { tone: "error" | "success"; message: string; action?: React.ReactNode } | null;

function readForm(form: HTMLFormElement): unknown {
  const d = new FormData(form);
  const text = (key: string) => String(d.get(key) ?? "");
  return {
    firstName: text("firstName"),
    lastName: text("lastName"),
    dateOfBirth: text("dateOfBirth"),
    email: text("email"),
    phone: text("phone"),
    contraindications: d.getAll("contraindications").map(String),
  };
}

type Props = {
  patient?: PatientDetails;
  today: string;
  /** Edit only: the save went through and its new flags contraindicate these activities in force. */
  onSavedWithConflicts?: (conflicts: PlanFlagConflict[]) => void;
  /** Edit only: a save starts (earlier conflicts no longer describe the record). */
  onSaving?: () => void;
  saved?: boolean;
};

/**
 * Registers a patient or edits one from the version the page was loaded with; the same zod
 * schema validates here and on the server. A save whose new flags contraindicate activities in
 * force stays on the page (PatientEditor lists them); any other save goes to the overview.
 */
export function PatientForm({ patient, today, onSavedWithConflicts, onSaving, saved = false }: Props) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const errorFor = (key: string) => errors[key] ?? [];

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ZPatientDetails.safeParse(readForm(event.currentTarget));
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      if (!patient) {
        const result = await createPatientAction(parsed.data);
        if (result.ok) return router.push(`/clinic/patients/${result.data.id}?created=1`);
        return showFailure(result);
      }
      onSaving?.();
      const result = await updatePatientAction({ ...parsed.data, patientId: patient.id, version: patient.version });
      if (!result.ok) return showFailure(result);
      if (result.data.conflicts.length === 0) return router.push(`/clinic/patients/${patient.id}?saved=1`);
      onSavedWithConflicts?.(result.data.conflicts);
    });
  }

  function showFailure(result: { code: string; message: string; fieldErrors?: Errors }) {
    setErrors(result.fieldErrors ?? {});
    if (result.fieldErrors) focusFirstError();
    setStatus({
      tone: "error",
      message: result.message,
      action:
        result.code === "CONFLICT" ? (
          <button type="button" className="ml-1 min-h-11 font-medium underline" onClick={() => router.refresh()}>
            Reload
          </button>
        ) : undefined,
    });
  }

  const cancelHref = patient ? `/clinic/patients/${patient.id}` : "/clinic";
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" aria-label={patient ? "Edit patient details" : "New patient"}>
      <FormStatus status={status} />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name" error={errorFor("firstName")}>
          {(p) => <input {...p} name="firstName" defaultValue={patient?.firstName} className={inputClass} autoComplete="off" />}
        </Field>
        <Field label="Last name" error={errorFor("lastName")}>
          {(p) => <input {...p} name="lastName" defaultValue={patient?.lastName} className={inputClass} autoComplete="off" />}
        </Field>
      </div>
      <Field label="Date of birth" error={errorFor("dateOfBirth")}>
        {(p) => <input {...p} type="date" name="dateOfBirth" min="1900-01-01" max={today} defaultValue={patient?.dateOfBirth} className={`${inputClass} sm:max-w-xs`} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Email (optional)" error={errorFor("email")}>
          {(p) => <input {...p} type="email" name="email" defaultValue={patient?.email ?? ""} className={inputClass} autoComplete="off" />}
        </Field>
        <Field label="Phone (optional)" error={errorFor("phone")}>
          {(p) => <input {...p} type="tel" name="phone" defaultValue={patient?.phone ?? ""} className={inputClass} autoComplete="off" />}
        </Field>
      </div>
      <fieldset aria-describedby="flags-hint">
        <legend className="text-sm font-medium text-slate-800">Contraindication flags</legend>
        <p id="flags-hint" className="text-xs text-slate-600">
          Tick every one that applies. Assigning a treatment contraindicated by a ticked flag needs a written override.
        </p>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {Object.values(Contraindication).map((flag) => (
            <label key={flag} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="contraindications" value={flag} defaultChecked={patient?.flags.includes(flag)} className="h-5 w-5" />
              {label(flag)}
            </label>
          ))}
        </div>
        {errorFor("contraindications").length > 0 && <p className="mt-1 text-sm text-red-700">{errorFor("contraindications").join(" ")}</p>}
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : patient ? "Save changes" : "Register patient"}
        </button>
        <Link href={cancelHref} className="inline-flex min-h-11 items-center px-2 text-brand-700 underline">
          {saved ? "Back to the patient" : "Cancel"}
        </Link>
      </div>
    </form>
  );
}
