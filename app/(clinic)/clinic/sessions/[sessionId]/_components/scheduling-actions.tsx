"use client";

import { useRouter } from "next/navigation";
import { useId, useRef, useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZRescheduleSession, ZSessionStatusChange } from "@/lib/validation/sessions";
import { changeSessionStatusAction, rescheduleSessionAction } from "../../actions";
import { errorsFor, failureStatus, type Status } from "../../_components/result-status";
import { readTimeFields, SessionTimeFields } from "../../_components/session-time-fields";

type Props = {
  sessionId: string;
  version: number;
  timeZone: string;
  current: { date: string; time: string; durationMin: number };
  started: boolean;
};

/** Reschedule, cancel (with a reason) and, once the start time has passed, no-show. */
export function SchedulingActions({ sessionId, version, timeZone, current, started }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();
  const details = useRef<HTMLDetailsElement>(null);
  const reload = () => router.refresh();

  function onReschedule(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ZRescheduleSession.safeParse({ sessionId, version, ...readTimeFields(event.currentTarget) });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. The session was not moved." });
      focusFirstError();
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = await rescheduleSessionAction(parsed.data);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (result.fieldErrors) {
          setStatus({ tone: "error", message: "Please correct the highlighted fields. The session was not moved." });
          focusFirstError();
        } else setStatus(failureStatus(result, reload));
        return;
      }
      setStatus({ tone: "success", message: "Session moved." });
      if (details.current) details.current.open = false;
      router.refresh();
    });
  }

  const markNoShow = () =>
    startTransition(async () => {
      const result = await changeSessionStatusAction({ sessionId, version, status: "NO_SHOW", reason: null, confirm: true });
      if (!result.ok) setStatus(failureStatus(result, reload));
      else router.refresh();
    });

  return (
    <div className="space-y-3">
      <FormStatus status={status} />
      <div className="flex flex-wrap items-start gap-2">
        <details ref={details} className="group w-full rounded-md border border-slate-200 bg-white sm:w-auto sm:min-w-[28rem]">
          <summary className="flex min-h-11 cursor-pointer items-center px-4 text-sm font-medium">Reschedule</summary>
          {/* Remounted with the server's version so the boxes show the session's current time. */}
          <form key={version} ref={ref} onSubmit={onReschedule} noValidate aria-label="Reschedule the session" className="space-y-3 border-t border-slate-200 p-3">
            <SessionTimeFields errors={errors} timeZone={timeZone} defaults={current} />
            <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {pending ? "Moving…" : "Move session"}
            </button>
          </form>
        </details>
        <CancelSession sessionId={sessionId} version={version} disabled={pending} onFailure={(r) => setStatus(failureStatus(r, reload))} />
        {started && (
          <ConfirmButton
            label="Mark as no-show"
            title="Mark this session as a no-show?"
            body="The patient did not attend. The session can no longer be recorded or moved."
            confirmLabel="Mark as no-show"
            disabled={pending}
            onConfirm={markNoShow}
          />
        )}
      </div>
    </div>
  );
}

type Failure = Extract<Awaited<ReturnType<typeof changeSessionStatusAction>>, { ok: false }>;

/** Cancel with an optional reason, in a modal dialog (Esc or "Keep session" closes it). */
function CancelSession({ sessionId, version, disabled, onFailure }: { sessionId: string; version: number; disabled: boolean; onFailure: (r: Failure) => void }) {
  const router = useRouter();
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [pending, startTransition] = useTransition();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "");
    const parsed = ZSessionStatusChange.safeParse({ sessionId, version, status: "CANCELLED", reason });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      return;
    }
    startTransition(async () => {
      const result = await changeSessionStatusAction({ ...parsed.data, confirm: true });
      dialog.current?.close();
      if (!result.ok) onFailure(result);
      else router.refresh();
    });
  }

  return (
    <>
      <button
        type="button"
        disabled={disabled || pending}
        onClick={() => dialog.current?.showModal()}
        className="min-h-11 rounded-md border border-red-300 bg-white px-4 py-2 text-sm font-medium text-red-800 hover:bg-red-50 disabled:opacity-50"
      >
        Cancel session
      </button>
      <dialog ref={dialog} aria-labelledby={titleId} className="m-auto w-[calc(100%-2rem)] max-w-md rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        <form onSubmit={onSubmit} noValidate className="space-y-3 p-5">
          <h2 id={titleId} className="text-lg font-semibold">
            Cancel this session?
          </h2>
          <p className="text-sm text-slate-700">The booking is cancelled and the time is freed. This cannot be undone; book a new session if needed.</p>
          <Field label="Reason (optional)" hint="e.g. Patient unwell, clinic closed" error={errorsFor(errors, "reason")}>
            {(p) => <textarea {...p} name="reason" rows={2} className={inputClass} />}
          </Field>
          <div className="flex justify-end gap-2">
            <button type="button" autoFocus onClick={() => dialog.current?.close()} className="min-h-11 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium">
              Keep session
            </button>
            <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-red-700 px-4 py-2 text-sm font-medium text-white hover:bg-red-800 disabled:opacity-60">
              {pending ? "Cancelling…" : "Cancel session"}
            </button>
          </div>
        </form>
      </dialog>
    </>
  );
}
