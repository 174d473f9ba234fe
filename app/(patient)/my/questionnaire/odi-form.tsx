"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { ODI_SECTIONS, type OdiSection } from "@/lib/clinical/odi-sections";
import { scoreOdi } from "@/lib/domain/outcomes/rules";
import { selfReportOdiAction } from "../actions";
import { ScalePicker } from "../_components/scale-picker";

// Our own plain-language questions: the published questionnaire's wording is copyrighted and not shipped.
const QUESTIONS: Record<OdiSection, string> = {
  painIntensity: "How strong is your pain right now?",
  personalCare: "Looking after yourself: washing, dressing",
  lifting: "Lifting things",
  walking: "Walking",
  sitting: "Sitting",
  standing: "Standing",
  sleeping: "Sleeping",
  sexLife: "Your sex life (you may skip this one)",
  socialLife: "Social life: going out, seeing people, hobbies",
  travelling: "Travelling: car, bus, train",
};
const WORDS: Record<number, string> = { 0: "Not at all", 1: "A little", 2: "Some", 3: "Quite a lot", 4: "A lot", 5: "Completely" };

/** The ten ODI sections, 0–5 each; at most one may be left out (the scoring rule). */
export function OdiForm({ request }: { request: { planId: string; clinicianName: string } | null }) {
  const router = useRouter();
  const [answers, setAnswers] = useState<Partial<Record<OdiSection, number>>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [missing, setMissing] = useState<OdiSection[]>([]);
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

  if (!request) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
        <p>There is no questionnaire for you to fill in right now. Your clinician will ask when they need one.</p>
        <Link href="/my" className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline">
          Back to today
        </Link>
      </div>
    );
  }
  const { planId } = request;

  return (
    <>
    <p className="text-slate-700">
      {request.clinicianName} asked you to answer these ten questions (the Oswestry Disability Index). For each one, choose how much your back or leg pain limits you
      <strong> today</strong>, from 0 (not at all) to 5 (completely). If a question does not apply to you, you may leave one out.
    </p>
    <form
      noValidate
      aria-label="Questionnaire"
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        const score = scoreOdi(sections);
        if (!score.ok) {
          const left = ODI_SECTIONS.filter((s) => sections[s] === null);
          setMissing(left);
          setStatus({ tone: "error", message: `Please answer at least nine of the ten questions (${left.length} left out). Nothing was sent.` });
          statusRef.current?.focus();
          return;
        }
        setMissing([]);
        startTransition(async () => {
          const sent = await selfReportOdiAction({ planId, sections });
          if (!sent.ok) {
            setStatus({ tone: "error", message: sent.message });
            statusRef.current?.focus();
            return;
          }
          // No refresh here: the page would replace this thank-you with "no questionnaire". Today is revalidated by the action.
          setResult(`Your score: ${sent.data.score} out of 100 (lower is better). Your clinician will go through it with you.`);
        });
      }}
    >
      {ODI_SECTIONS.map((s, i) => (
        <div key={s} className="rounded-lg border border-slate-200 bg-white p-4">
          <ScalePicker
            name={`odi-${s}`}
            legend={`${i + 1}. ${QUESTIONS[s]}`}
            min={0}
            max={5}
            value={answers[s] ?? null}
            onChange={(v) => setAnswers((all) => ({ ...all, [s]: v }))}
            words={WORDS}
            error={missing.includes(s) ? ["Not answered"] : undefined}
          />
        </div>
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
