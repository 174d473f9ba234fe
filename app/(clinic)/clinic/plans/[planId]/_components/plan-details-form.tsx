"use client";

import { useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import type { PlanDto } from "@/lib/domain/plans/get-plan";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZUpdatePlanDetails } from "@/lib/validation/plans";
import { updatePlanDetailsAction } from "../actions";
import { failureStatus, usePlanEditing, type Status } from "./plan-context";

type Details = Pick<PlanDto, "title" | "condition" | "icd10Code" | "goals" | "startDate" | "reviewDate" | "plannedSessions" | "version">;
type Errors = Record<string, string[]>;

function readForm(form: HTMLFormElement) {
  const d = new FormData(form);
  const text = (key: string) => String(d.get(key) ?? "");
  return {
    title: text("title"),
    condition: text("condition"),
    icd10Code: text("icd10Code"),
    goals: text("goals"),
    startDate: text("startDate"),
    reviewDate: text("reviewDate"),
    plannedSessions: text("plannedSessions"),
  };
}

/**
 * "Edit details" disclosure. The form is keyed by the plan's version, so after any change (ours,
 * or another tab's once reloaded) it shows what the server holds; the message lives outside it.
 */
export function PlanDetailsEditor({ plan }: { plan: Details }) {
  const { planId, mutate, reload } = usePlanEditing();
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<Status | null>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  return (
    <div>
      <div aria-live="polite">{!open && status?.tone === "success" && <p className="mb-2 text-sm text-emerald-800">{status.message}</p>}</div>
      <button
        ref={toggle}
        type="button"
        aria-expanded={open}
        aria-controls="plan-details-form"
        onClick={() => {
          setOpen((o) => !o);
          setStatus(null);
        }}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50"
      >
        {open ? "Close details editor" : "Edit details"}
      </button>
      {open && (
        <DetailsForm
          key={plan.version}
          planId={planId}
          plan={plan}
          status={status}
          onSubmit={async (values) => {
            const result = await mutate((base) => updatePlanDetailsAction({ ...values, ...base, planId }));
            if (result.ok) {
              setStatus({ tone: "success", message: "Plan details saved." });
              setOpen(false);
              toggle.current?.focus();
              return null;
            }
            setStatus(failureStatus(result, () => {
              setStatus(null);
              reload();
            }));
            return result.fieldErrors ?? {};
          }}
          onInvalid={() => setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." })}
        />
      )}
    </div>
  );
}

type FormProps = {
  planId: string;
  plan: Details;
  status: Status | null;
  onSubmit: (values: ReturnType<typeof readForm>) => Promise<Errors | null>;
  onInvalid: () => void;
};

function DetailsForm({ planId, plan, status, onSubmit, onInvalid }: FormProps) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();
  const errorFor = (key: string) => errors[key];

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = readForm(event.currentTarget);
    // The same schema as the server; the version sent is the provider's, this one only satisfies it.
    const parsed = ZUpdatePlanDetails.safeParse({ ...values, planId, version: plan.version });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      onInvalid();
      focusFirstError();
      return;
    }
    setErrors({});
    startTransition(async () => {
      const fieldErrors = await onSubmit(values);
      if (fieldErrors && Object.keys(fieldErrors).length > 0) {
        setErrors(fieldErrors);
        focusFirstError();
      }
    });
  }

  return (
    <form id="plan-details-form" ref={ref} onSubmit={submit} noValidate aria-label="Plan details" className="mt-3 space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormStatus status={status} />
      <Field label="Title" error={errorFor("title")}>
        {(p) => <input {...p} name="title" defaultValue={plan.title} className={inputClass} autoComplete="off" />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <div className="sm:col-span-2">
          <Field label="Condition" error={errorFor("condition")}>
            {(p) => <input {...p} name="condition" defaultValue={plan.condition} className={inputClass} autoComplete="off" />}
          </Field>
        </div>
        <Field label="ICD-10 code (optional)" hint="e.g. M62.830" error={errorFor("icd10Code")}>
          {(p) => <input {...p} name="icd10Code" defaultValue={plan.icd10Code ?? ""} className={`${inputClass} font-mono`} autoComplete="off" spellCheck={false} />}
        </Field>
      </div>
      <Field label="Goals" error={errorFor("goals")}>
        {(p) => <textarea {...p} name="goals" rows={4} defaultValue={plan.goals} className={inputClass} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Start date" error={errorFor("startDate")}>
          {(p) => <input {...p} type="date" name="startDate" defaultValue={plan.startDate} className={inputClass} />}
        </Field>
        <Field label="Review date (optional)" error={errorFor("reviewDate")}>
          {(p) => <input {...p} type="date" name="reviewDate" defaultValue={plan.reviewDate ?? ""} className={inputClass} />}
        </Field>
        <Field label="Planned in-clinic sessions" error={errorFor("plannedSessions")}>
          {(p) => <input {...p} name="plannedSessions" inputMode="numeric" defaultValue={String(plan.plannedSessions)} className={inputClass} />}
        </Field>
      </div>
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Saving…" : "Save details"}
      </button>
    </form>
  );
}
