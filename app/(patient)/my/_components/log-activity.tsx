"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import type { DayLog } from "@/lib/domain/portal/get-patient-home";
import { logHomeActivityAction } from "../actions";
import { ScalePicker } from "./scale-picker";

export const DIFFICULTY_WORDS: Record<number, string> = { 1: "Very easy", 2: "Easy", 3: "OK", 4: "Hard", 5: "Very hard" };

type Status = { tone: "error" | "success"; message: string } | null;

/**
 * Checking off one home activity for a day: pain during it (0–10), how hard it was (1–5) and an
 * optional note. Once logged it shows what was recorded, with Change and "I didn't do it".
 */
export function LogActivity({ activityId, activityName, day, log }: { activityId: string; activityName: string; day: string; log: DayLog | null }) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [pain, setPain] = useState<number | null>(log?.painDuring ?? null);
  const [difficulty, setDifficulty] = useState<number | null>(log?.difficulty ?? null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);

  function save(done: boolean, note: string | null) {
    // The controls only offer valid values; the server validates with the shared zod schema and
    // answers field errors. (No zod in this bundle: patient pages must stay light on a phone.)
    const input = { planActivityId: activityId, date: day, done, painDuring: done ? pain : null, difficulty: done ? difficulty : null, note: note?.trim() ? note : null };
    setErrors({});
    startTransition(async () => {
      const result = await logHomeActivityAction(input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setStatus({ tone: "error", message: result.message });
        return;
      }
      setEditing(false);
      setStatus({ tone: "success", message: done ? `Saved: ${activityName} done.` : `Saved: ${activityName} not done.` });
      router.refresh();
    });
  }

  if (log && !editing) {
    return (
      <div className="mt-2 space-y-2">
        <p className={log.done ? "font-medium text-emerald-800" : "font-medium text-slate-700"}>
          {log.done ? "✓ Done" : "Not done"}
          {log.done && log.painDuring !== null && ` · pain ${log.painDuring}/10`}
          {log.done && log.difficulty !== null && ` · ${DIFFICULTY_WORDS[log.difficulty]?.toLowerCase()}`}
        </p>
        {log.note && <p className="text-sm text-slate-700">“{log.note}”</p>}
        <div className="flex flex-wrap gap-2">
          <button
            type="button"
            onClick={() => {
              setEditing(true);
              setStatus(null);
              requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>("input")?.focus());
            }}
            aria-label={`Change: ${activityName}`}
            className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50"
          >
            Change
          </button>
          {log.done && (
            <button type="button" disabled={pending} onClick={() => save(false, log.note)} aria-label={`I didn't do it: ${activityName}`} className="min-h-11 rounded-md px-4 font-medium text-slate-700 underline disabled:opacity-50">
              I didn&apos;t do it
            </button>
          )}
        </div>
        <FormStatus status={status} />
      </div>
    );
  }

  if (!log && !editing) {
    return (
      <div className="mt-2">
        <button
          type="button"
          onClick={() => {
            setEditing(true);
            setStatus(null);
            // The form replaces this button: put the keyboard on its first question.
            requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>("input")?.focus());
          }}
          aria-label={`Log it: ${activityName}`}
          className="min-h-11 w-full rounded-md bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700 sm:w-auto"
        >
          Log it
        </button>
        <FormStatus status={status} />
      </div>
    );
  }

  return (
    <form
      ref={formRef}
      noValidate
      aria-label={`Log ${activityName}`}
      className="mt-3 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        const note = String(new FormData(event.currentTarget).get("note") ?? "");
        save(true, note);
      }}
    >
      <ScalePicker name={`pain-${activityId}`} legend="Pain during it" hint="0 = no pain, 10 = worst pain imaginable" min={0} max={10} value={pain} onChange={setPain} error={errors.painDuring} />
      <ScalePicker name={`difficulty-${activityId}`} legend="How hard was it?" min={1} max={5} value={difficulty} onChange={setDifficulty} words={DIFFICULTY_WORDS} error={errors.difficulty} />
      <Field label="Note (optional)" error={errors.note}>
        {(p) => <textarea {...p} name="note" rows={2} maxLength={500} defaultValue={log?.note ?? ""} className={inputClass} />}
      </Field>
      <FormStatus status={status} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} aria-label={pending ? undefined : `${log ? "Save changes" : "Save: I did it"}: ${activityName}`} className="min-h-11 flex-1 rounded-md bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:flex-none">
          {pending ? "Saving…" : log ? "Save changes" : "Save: I did it"}
        </button>
        <button type="button" onClick={() => setEditing(false)} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}
