"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import type { DayLog } from "@/lib/domain/portal/get-patient-home";
import { logHomeActivityAction, undoHomeLogAction } from "../actions";
import { ScalePicker } from "./scale-picker";

export const DIFFICULTY_WORDS: Record<number, string> = { 1: "Very easy", 2: "Easy", 3: "OK", 4: "Hard", 5: "Very hard" };

type Status = { tone: "error" | "success"; message: string } | null;

/**
 * Checking off one home activity for a day: pain during it (0–10), how hard it was (1–5) and an
 * optional note. Once logged it shows what was recorded, with Change and "I didn't do it".
 */
type Props = { activityId: string; activityName: string; day: string; log: DayLog | null; times: number; slotsDone: number; lastSlot: number; isToday: boolean };

export function LogActivity(props: Props) {
  return props.times > 1 ? <LogDoses {...props} /> : <LogOnce {...props} />;
}

function LogOnce({ activityId, activityName, day, log }: Props) {
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
    <LogForm
      formRef={formRef}
      activityId={activityId}
      activityName={activityName}
      pain={pain}
      setPain={setPain}
      difficulty={difficulty}
      setDifficulty={setDifficulty}
      errors={errors}
      status={status}
      pending={pending}
      defaultNote={log?.note ?? ""}
      submitLabel={log ? "Save changes" : "Save: I did it"}
      onSubmit={(note) => save(true, note)}
      onCancel={() => setEditing(false)}
    />
  );
}

type FormProps = {
  formRef: React.RefObject<HTMLFormElement | null>;
  activityId: string;
  activityName: string;
  pain: number | null;
  setPain: (v: number | null) => void;
  difficulty: number | null;
  setDifficulty: (v: number | null) => void;
  errors: Record<string, string[]>;
  status: Status;
  pending: boolean;
  defaultNote: string;
  submitLabel: string;
  onSubmit: (note: string) => void;
  onCancel: () => void;
};

/** Pain during it, how hard it was and a note: the questions asked for every logged dose. */
function LogForm({ formRef, activityId, activityName, pain, setPain, difficulty, setDifficulty, errors, status, pending, defaultNote, submitLabel, onSubmit, onCancel }: FormProps) {
  return (
    <form
      ref={formRef}
      noValidate
      aria-label={`Log ${activityName}`}
      className="mt-3 space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit(String(new FormData(event.currentTarget).get("note") ?? ""));
      }}
    >
      <ScalePicker name={`pain-${activityId}`} legend="Pain during it" hint="0 = no pain, 10 = worst pain imaginable" min={0} max={10} value={pain} onChange={setPain} error={errors.painDuring} />
      <ScalePicker name={`difficulty-${activityId}`} legend="How hard was it?" min={1} max={5} value={difficulty} onChange={setDifficulty} words={DIFFICULTY_WORDS} error={errors.difficulty} />
      <Field label="Note (optional)" error={errors.note}>
        {(p) => <textarea {...p} name="note" rows={2} maxLength={500} defaultValue={defaultNote} className={inputClass} />}
      </Field>
      <FormStatus status={status} />
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} aria-label={pending ? undefined : `${submitLabel}: ${activityName}`} className="min-h-11 flex-1 rounded-md bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:flex-none">
          {pending ? "Saving…" : submitLabel}
        </button>
        <button type="button" onClick={onCancel} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}

/**
 * An activity planned several times a day (ADR 025): "2 of 3 done today", "Log the next one"
 * (the same questions, saved as dose lastSlot + 1) and "Undo the last" (takes back dose lastSlot;
 * the server answers 409 if another tab logged a later one since, and a double tap removes one).
 */
function LogDoses({ activityId, activityName, day, times, slotsDone, lastSlot, isToday }: Props) {
  const router = useRouter();
  const [editing, setEditing] = useState(false);
  const [pain, setPain] = useState<number | null>(null);
  const [difficulty, setDifficulty] = useState<number | null>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const nextRef = useRef<HTMLButtonElement>(null);
  // After "Undo the last" the keyboard goes to "Log the next one" once the page shows the new count.
  const focusNext = useRef(false);
  useEffect(() => {
    if (focusNext.current && nextRef.current) {
      focusNext.current = false;
      nextRef.current.focus();
    }
  }, [lastSlot]);
  const next = lastSlot + 1;
  const allLogged = lastSlot >= times;
  const when = isToday ? "today" : "that day";

  function logNext(note: string) {
    const input = { planActivityId: activityId, date: day, slot: next, done: true, painDuring: pain, difficulty, note: note.trim() ? note : null };
    setErrors({});
    startTransition(async () => {
      const result = await logHomeActivityAction(input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setStatus({ tone: "error", message: result.message });
        return;
      }
      setEditing(false);
      setPain(null);
      setDifficulty(null);
      setStatus({ tone: "success", message: `Saved: ${activityName}, ${next} of ${times} ${when}.` });
      router.refresh();
    });
  }

  function undoLast() {
    startTransition(async () => {
      const result = await undoHomeLogAction({ planActivityId: activityId, date: day, slot: lastSlot });
      if (!result.ok) {
        setStatus({ tone: "error", message: result.message });
        return;
      }
      setStatus({ tone: "success", message: result.data.removed ? `Taken back: ${activityName}, time ${lastSlot}.` : "That one was already taken back." });
      focusNext.current = true;
      router.refresh();
    });
  }

  return (
    <div className="mt-2 space-y-2">
      <p className={slotsDone >= times ? "font-medium text-emerald-800" : "font-medium text-slate-800"}>
        <span aria-hidden="true" className="mr-2 inline-flex gap-1 align-middle">
          {Array.from({ length: times }, (_, i) => (
            <span key={i} className={`inline-block h-3 w-3 rounded-full border ${i < slotsDone ? "border-emerald-700 bg-emerald-600" : "border-slate-400 bg-white"}`} />
          ))}
        </span>
        {slotsDone} of {times} done {when}
      </p>
      {editing ? (
        <LogForm
          formRef={formRef}
          activityId={activityId}
          activityName={activityName}
          pain={pain}
          setPain={setPain}
          difficulty={difficulty}
          setDifficulty={setDifficulty}
          errors={errors}
          status={status}
          pending={pending}
          defaultNote=""
          submitLabel={`Save: time ${next} of ${times}`}
          onSubmit={logNext}
          onCancel={() => setEditing(false)}
        />
      ) : (
        <>
          <div className="flex flex-wrap gap-2">
            {!allLogged && (
              <button
                ref={nextRef}
                type="button"
                onClick={() => {
                  setEditing(true);
                  setStatus(null);
                  requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>("input")?.focus());
                }}
                // The spoken name starts with the visible words (WCAG 2.5.3 label in name).
                aria-label={`${lastSlot === 0 ? "Log it" : "Log the next one"} (time ${next} of ${times}): ${activityName}`}
                className="min-h-11 flex-1 rounded-md bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700 sm:flex-none"
              >
                {lastSlot === 0 ? "Log it" : "Log the next one"}
              </button>
            )}
            {lastSlot > 0 && (
              <button type="button" disabled={pending} onClick={undoLast} aria-label={`Undo the last (time ${lastSlot}): ${activityName}`} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50 disabled:opacity-50">
                {pending ? "Taking back…" : "Undo the last"}
              </button>
            )}
          </div>
          <FormStatus status={status} />
        </>
      )}
    </div>
  );
}
