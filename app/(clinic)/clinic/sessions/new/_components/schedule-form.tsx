"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZScheduleSession } from "@/lib/validation/sessions";
import { scheduleSessionAction } from "../../actions";
import { failureStatus, type Status } from "../../_components/result-status";
import { readTimeFields, SessionTimeFields } from "../../_components/session-time-fields";
import { mondayOf } from "../../_components/week-dates";

/** Books a session for a plan; on success shows the week that contains it. */
export function ScheduleForm({ planId, timeZone, today }: { planId: string; timeZone: string; today: string }) {
  const router = useRouter();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ZScheduleSession.safeParse({ planId, ...readTimeFields(event.currentTarget) });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was booked." });
      focusFirstError();
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await scheduleSessionAction(parsed.data);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (result.fieldErrors) {
          setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was booked." });
          focusFirstError();
        } else setStatus(failureStatus(result, () => router.refresh()));
        return;
      }
      router.push(`/clinic/sessions?week=${mondayOf(parsed.data.date)}&booked=${result.data.id}`);
    });
  }

  return (
    <form ref={ref} onSubmit={onSubmit} noValidate aria-label="Book a session" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <FormStatus status={status} />
      <SessionTimeFields errors={errors} timeZone={timeZone} defaults={{ date: today, time: "", durationMin: 45 }} />
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Booking…" : "Book session"}
      </button>
    </form>
  );
}
