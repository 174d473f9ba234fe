"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import type { InstrumentDefinition } from "@/lib/clinical/instruments/definition";
import { scoreAnswers } from "@/lib/clinical/instruments/engine";
import { ODI_SECTIONS, type OdiSection } from "@/lib/clinical/odi-sections";
import { selfReportQuestionnaireAction } from "../actions";

/**
 * The ODI as the clinic's definition words it: each section its own six graded statements (our
 * adapted wording, or the licensed wording the clinic loaded). At most one section may be left out.
 */
export function OdiForm({ planId, clinicianName, definition }: { planId: string; clinicianName: string; definition: InstrumentDefinition }) {
  const router = useRouter();
  const [answers, setAnswers] = useState<Partial<Record<OdiSection, number>>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [missing, setMissing] = useState<string[]>([]);
  const [result, setResult] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const statusRef = useRef<HTMLDivElement>(null);

  const sections = Object.fromEntries(ODI_SECTIONS.map((s) => [s, answers[s] ?? null])) as Record<OdiSection, number | null>;

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

  return (
    <>
      <p className="text-slate-700">
        {clinicianName} asked you to answer these ten questions ({definition.label}). {definition.instructions}
      </p>
      <form
        noValidate
        aria-label="Questionnaire"
        className="space-y-5"
        onSubmit={(event) => {
          event.preventDefault();
          const score = scoreAnswers(definition, sections);
          if (!score.ok) {
            const left = ODI_SECTIONS.filter((s) => sections[s] === null);
            setMissing(left);
            setStatus({ tone: "error", message: `Please answer at least nine of the ten questions (${left.length} left out). Nothing was sent.` });
            statusRef.current?.focus();
            return;
          }
          setMissing([]);
          startTransition(async () => {
            const sent = await selfReportQuestionnaireAction({ instrument: "ODI", planId, sections });
            if (!sent.ok) {
              setStatus({ tone: "error", message: sent.message });
              statusRef.current?.focus();
              return;
            }
            // No refresh here: the page would replace this thank-you with "no questionnaire". Today is revalidated by the action.
            setResult(`Your score (${sent.data.label}): ${sent.data.score} out of 100 (lower is better). Your clinician will go through it with you.`);
          });
        }}
      >
        {definition.items.map((item, i) => {
          const errorId = missing.includes(item.id) ? `odi-${item.id}-error` : undefined;
          return (
            <fieldset key={item.id} className="rounded-lg border border-slate-200 bg-white p-4" aria-describedby={errorId}>
              <legend className="px-1 font-medium text-slate-900">
                {i + 1}. {item.title}: {item.prompt}
              </legend>
              <div className="mt-2 space-y-1">
                {item.options!.map((option) => (
                  <label
                    key={option.value}
                    className="flex min-h-11 cursor-pointer items-center gap-3 rounded-md border border-slate-200 px-3 py-2 text-sm has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500"
                  >
                    <input
                      type="radio"
                      name={`odi-${item.id}`}
                      value={option.value}
                      checked={answers[item.id as OdiSection] === option.value}
                      onChange={() => setAnswers((all) => ({ ...all, [item.id]: option.value }))}
                      className="h-5 w-5 shrink-0"
                    />
                    <span>{option.label}</span>
                  </label>
                ))}
              </div>
              {errorId && (
                <p id={errorId} className="mt-1 text-sm text-red-700">
                  Not answered
                </p>
              )}
            </fieldset>
          );
        })}
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
