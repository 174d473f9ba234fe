"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import type { InstrumentDefinition } from "@/lib/clinical/instruments/definition";
import { psfsListProblem } from "@/lib/validation/psfs-rules";
import { ScalePicker } from "../_components/scale-picker";
import { selfReportQuestionnaireAction } from "../actions";

type Row = { activity: string; rating: number | null; fixed: boolean };
const ROWS = 5;

/**
 * The Patient-Specific Functional Scale: up to five activities the patient names, each rated 0–10.
 * The activities named last time come first, to re-rate (their names fixed); free rows follow.
 */
export function PsfsForm({ planId, clinicianName, definition, previousActivities }: { planId: string; clinicianName: string; definition: InstrumentDefinition; previousActivities: string[] }) {
  const router = useRouter();
  const [rows, setRows] = useState<Row[]>(() =>
    Array.from({ length: ROWS }, (_, i) => (previousActivities[i] ? { activity: previousActivities[i]!, rating: null, fixed: true } : { activity: "", rating: null, fixed: false })),
  );
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [result, setResult] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const statusRef = useRef<HTMLDivElement>(null);
  const item = definition.items[0]!;

  if (result) {
    return (
      <div className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-emerald-900" role="status">
        <p className="font-semibold">Thank you: your answers were sent to your clinician.</p>
        <p>{result}</p>
        <button type="button" onClick={() => router.push("/my")} className="mt-2 min-h-11 rounded-md bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700">
          Back to today
        </button>
      </div>
    );
  }

  const set = (i: number, change: Partial<Row>) => setRows((all) => all.map((r, j) => (j === i ? { ...r, ...change } : r)));

  return (
    <>
      <p className="text-slate-700">
        {clinicianName} asked you to fill in the {definition.name} ({definition.label}). {previousActivities.length > 0 ? "Rate the activities you named last time again; you may add others." : definition.instructions}
      </p>
      <form
        noValidate
        aria-label="Questionnaire"
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          const errors: Record<number, string> = {};
          rows.forEach((r, i) => {
            const named = r.activity.trim() !== "";
            if (named && r.rating === null) errors[i] = "Rate this activity from 0 to 10";
            if (!named && r.rating !== null) errors[i] = "Name the activity you rated";
            if (r.fixed && r.rating === null) errors[i] = "Rate this activity again from 0 to 10";
          });
          const activities = rows.filter((r) => r.activity.trim() !== "" && r.rating !== null).map((r) => ({ activity: r.activity.trim(), rating: r.rating! }));
          // The server's own list rule (ZPsfsActivities calls it too), without zod on this page.
          const listProblem = psfsListProblem(activities);
          if (Object.keys(errors).length > 0 || listProblem) {
            setRowErrors(errors);
            setStatus({ tone: "error", message: `${Object.keys(errors).length > 0 ? "Please complete the highlighted activities." : listProblem} Nothing was sent.` });
            statusRef.current?.focus();
            return;
          }
          setRowErrors({});
          startTransition(async () => {
            const sent = await selfReportQuestionnaireAction({ instrument: "PSFS", planId, activities });
            if (!sent.ok) {
              setStatus({ tone: "error", message: sent.message });
              statusRef.current?.focus();
              return;
            }
            setResult(`Your score (${sent.data.label}): ${sent.data.score} out of 10, the average of your activities (higher is better). Your clinician will go through it with you.`);
          });
        }}
      >
        {rows.map((r, i) => (
          <fieldset key={i} className="space-y-2 rounded-lg border border-slate-200 bg-white p-4">
            <legend className="px-1 font-medium text-slate-900">Activity {i + 1}{r.fixed ? " (named last time)" : i === 0 ? "" : " (optional)"}</legend>
            {r.fixed ? (
              <p className="font-semibold">{r.activity}</p>
            ) : (
              <div>
                <label htmlFor={`psfs-name-${i}`} className="block text-sm font-medium text-slate-800">
                  What activity?
                </label>
                <input
                  id={`psfs-name-${i}`}
                  value={r.activity}
                  maxLength={120}
                  onChange={(e) => set(i, { activity: e.target.value })}
                  className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3"
                  aria-describedby={rowErrors[i] ? `psfs-${i}-error` : undefined}
                />
              </div>
            )}
            <ScalePicker
              name={`psfs-rating-${i}`}
              legend={r.activity.trim() ? `How well can you do “${r.activity.trim()}” today?` : "How well can you do it today?"}
              hint={`0 = ${item.minLabel}, 10 = ${item.maxLabel}`}
              min={0}
              max={10}
              value={r.rating}
              onChange={(v) => set(i, { rating: v })}
              error={rowErrors[i] ? [rowErrors[i]!] : undefined}
            />
          </fieldset>
        ))}
        <div ref={statusRef} tabIndex={-1}>
          <FormStatus status={status} />
        </div>
        <button type="submit" disabled={pending} className="min-h-11 w-full rounded-md bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto">
          {pending ? "Sending…" : "Send my answers"}
        </button>
      </form>
    </>
  );
}
