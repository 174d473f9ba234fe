"use client";

import { useEffect, useId, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { label } from "@/app/_components/format";
import type { PlanStatus } from "@/lib/enums";
import { MIN_REASON_LENGTH, PLAN_TRANSITIONS, REASON_REQUIRED } from "@/lib/domain/plans/rules";
import { changePlanStatusAction } from "../actions";
import { failureStatus, usePlanEditing, type Status } from "./plan-context";

type Transition = { verb: string; title: string; body: string; danger?: boolean };

function transitionOf(from: PlanStatus, to: PlanStatus, title: string): Transition {
  switch (to) {
    case "ACTIVE":
      return { verb: from === "DRAFT" ? "Activate plan" : "Resume plan", title: "", body: "" };
    case "ON_HOLD":
      return { verb: "Put on hold", title: `Put “${title}” on hold?`, body: "The patient's home routine pauses until you resume the plan." };
    case "COMPLETED":
      return { verb: "Complete plan", title: `Complete “${title}”?`, body: "The plan ends and can no longer be changed. The patient still sees it as completed." };
    case "CANCELLED":
      return { verb: from === "DRAFT" ? "Discard draft" : "Cancel plan", title: `Cancel “${title}”?`, body: "The plan ends, can no longer be changed and is hidden from the patient.", danger: true };
    case "ENTERED_IN_ERROR":
      return { verb: "Mark as entered in error", title: `Mark “${title}” as entered in error?`, body: "Use this only for a plan recorded by mistake. It is hidden from the patient and can no longer be changed.", danger: true };
    default:
      return { verb: label(to), title: "", body: "" };
  }
}

const button = "min-h-11 rounded-md px-4 py-2 text-sm font-medium disabled:opacity-50";
const tones = {
  primary: `${button} bg-brand-600 text-white hover:bg-brand-700`,
  plain: `${button} border border-slate-300 bg-white hover:bg-slate-50`,
  danger: `${button} border border-red-300 bg-white text-red-800 hover:bg-red-50`,
  // Rarely right and never undone: a quiet link-like button after the others, not a call to action.
  quiet: "min-h-11 rounded-md px-2 py-2 text-sm text-red-800 underline underline-offset-2 hover:bg-red-50 disabled:opacity-50",
};

/** Marking "entered in error" is the last resort: shown last, whatever order the transitions are listed in. */
const QUIET: ReadonlySet<PlanStatus> = new Set(["ENTERED_IN_ERROR"]);
const byProminence = (next: readonly PlanStatus[]) => [...next.filter((s) => !QUIET.has(s)), ...next.filter((s) => QUIET.has(s))];

/**
 * The plan's lifecycle buttons (PLAN_TRANSITIONS). Activating or resuming is one click; every
 * other change opens a dialog that asks for a reason (required where REASON_REQUIRED) and is its
 * confirmation.
 */
export function PlanStatusControl({ status, title }: { status: PlanStatus; title: string }) {
  const { mutate, reload } = usePlanEditing();
  const [target, setTarget] = useState<PlanStatus | null>(null);
  const [message, setMessage] = useState<Status | null>(null);
  const [reasonError, setReasonError] = useState<string[] | undefined>();
  const [pending, startTransition] = useTransition();
  const dialog = useRef<HTMLDialogElement>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  // The button that was pressed is gone once the status changes: keep focus on the outcome.
  useEffect(() => {
    if (message) messageRef.current?.focus();
  }, [message]);
  const next = PLAN_TRANSITIONS[status];
  if (next.length === 0) return null;
  const chosen = target ? transitionOf(status, target, title) : null;
  const reasonRequired = target ? REASON_REQUIRED.has(target) : false;

  const change = (to: PlanStatus, reason: string | null) =>
    startTransition(async () => {
      const result = await mutate((base) => changePlanStatusAction({ ...base, status: to, reason }));
      if (result.ok) {
        dialog.current?.close();
        setMessage({ tone: "success", message: `Plan is now ${label(to).toLowerCase()}.` });
        return;
      }
      const fieldError = result.fieldErrors?.reason;
      if (fieldError && dialog.current?.open) setReasonError(fieldError);
      else {
        dialog.current?.close();
        setMessage(failureStatus(result, () => {
          setMessage(null);
          reload();
        }));
      }
    });

  function open(to: PlanStatus) {
    setMessage(null);
    if (to === "ACTIVE") return change(to, null);
    setTarget(to);
    setReasonError(undefined);
    dialog.current?.showModal();
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!target) return;
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (reasonRequired && reason.length < MIN_REASON_LENGTH) {
      setReasonError([`Give a reason of at least ${MIN_REASON_LENGTH} characters.`]);
      return;
    }
    change(target, reason || null);
  }

  return (
    <div className="flex flex-col gap-2 sm:items-end">
      <div className="flex flex-wrap gap-2" role="group" aria-label="Change plan status">
        {byProminence(next).map((to) => {
          const t = transitionOf(status, to, title);
          const tone = to === "ACTIVE" ? tones.primary : QUIET.has(to) ? tones.quiet : t.danger ? tones.danger : tones.plain;
          return (
            <button key={to} type="button" disabled={pending} onClick={() => open(to)} className={tone}>
              {t.verb}
            </button>
          );
        })}
      </div>
      <div ref={messageRef} tabIndex={-1} className="outline-offset-2">
        <FormStatus status={message} />
      </div>
      <dialog ref={dialog} aria-labelledby={titleId} onClose={() => setTarget(null)} className="m-auto w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40">
        {chosen && target && (
          <form onSubmit={submit} noValidate className="space-y-4 p-5">
            <h2 id={titleId} className="text-lg font-semibold">{chosen.title}</h2>
            <p className="text-sm text-slate-700">{chosen.body}</p>
            <Field label={reasonRequired ? "Reason" : "Note (optional)"} hint={reasonRequired ? `Required, at least ${MIN_REASON_LENGTH} characters. Kept with the plan.` : undefined} error={reasonError}>
              {(p) => <textarea {...p} name="reason" rows={3} autoFocus className={inputClass} />}
            </Field>
            <div className="flex justify-end gap-2">
              <button type="button" onClick={() => dialog.current?.close()} className={tones.plain}>
                Keep as {label(status).toLowerCase()}
              </button>
              <button type="submit" disabled={pending} className={chosen.danger ? `${button} bg-red-700 text-white hover:bg-red-800` : tones.primary}>
                {pending ? "Saving…" : chosen.verb}
              </button>
            </div>
          </form>
        )}
      </dialog>
    </div>
  );
}
