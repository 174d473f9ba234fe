"use client";

import { useEffect, useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import type { ActivityDto } from "@/lib/domain/plans/dto";
import { updatePlanActivityAction } from "../actions";
import { ActivityFields, readActivityFields, type Errors } from "./activity-fields";
import { failureStatus, usePlanEditing, type Status } from "./plan-context";

/** Inline editor of one activity's setting, phase and dose. */
export function ActivityEditForm({ activity, onDone }: { activity: ActivityDto; onDone: (saved: boolean) => void }) {
  const { mutate, reload } = usePlanEditing();
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();
  useEffect(() => ref.current?.querySelector<HTMLElement>("select")?.focus(), [ref]);

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const read = readActivityFields(event.currentTarget, activity.kind);
    if (!read.ok) {
      setErrors(read.errors);
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await mutate((base) => updatePlanActivityAction({ ...base, activityId: activity.id, ...read.values }));
      if (result.ok) return onDone(true);
      setErrors(result.fieldErrors ?? {});
      if (result.fieldErrors) focusFirstError();
      setStatus(failureStatus(result, () => {
        setStatus(null);
        reload();
        onDone(false);
      }));
    });
  }

  return (
    <form ref={ref} onSubmit={submit} noValidate aria-label={`Edit ${activity.name}`} className="mt-3 space-y-3 border-t border-slate-200 pt-3">
      <FormStatus status={status} />
      <ActivityFields values={activity} errorFor={(key) => errors[key]} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save activity"}
        </button>
        <button type="button" onClick={() => onDone(false)} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}
