"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import type { InstrumentDefinition } from "@/lib/clinical/instruments/definition";
import { scoreAnswers } from "@/lib/clinical/instruments/engine";
import { ODI_SECTIONS } from "@/lib/clinical/odi-sections";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZRecordOutcome } from "@/lib/validation/sessions";
import { recordOutcomeAction } from "../../actions";
import { errorsFor, failureStatus, type Status } from "../../_components/result-status";

const CONTEXTS = [
  ["BASELINE", "Baseline"],
  ["INTERIM", "Interim"],
  ["DISCHARGE", "Discharge"],
] as const;
type Instrument = "NPRS" | "ODI" | "RMDQ" | "PSFS";
const PSFS_ROWS = [0, 1, 2, 3, 4];
const RMDQ_ITEMS = Array.from({ length: 24 }, (_, i) => i + 1);
type Recorded = { id: string; text: string };

/** The first score of an instrument in a plan is its baseline; later ones are interim (discharge is always chosen). */
const defaultContext = (instrument: Instrument, scored: ReadonlySet<string>) => (scored.has(instrument) ? "INTERIM" : "BASELINE");

type Props = {
  patientId: string;
  planId: string;
  sessionId: string;
  scoredInstruments: readonly string[];
  /** The clinic's current definitions (issue 16): labels, ODI statements. */
  definitions: Record<Instrument, InstrumentDefinition>;
  /** The PSFS activities the patient named last time, to re-rate. */
  previousPsfsActivities: readonly string[];
};

/** Records NPRS, ODI (section scores), RMDQ or PSFS for the session's patient and plan, scored by the clinic's definitions; shows the score and band. */
export function OutcomeForm({ patientId, planId, sessionId, scoredInstruments, definitions, previousPsfsActivities }: Props) {
  const odi = definitions.ODI;
  const router = useRouter();
  const [instrument, setInstrument] = useState<Instrument>("NPRS");
  // Scored before this page opened, or on it since (the page's own refresh may arrive later).
  const [scoredHere, setScoredHere] = useState<readonly Instrument[]>([]);
  const scored = new Set<string>([...scoredInstruments, ...scoredHere]);
  // null: the default for the chosen instrument, until the clinician picks a context.
  const [chosenContext, setChosenContext] = useState<string | null>(null);
  const context = chosenContext ?? defaultContext(instrument, scored);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<Status>(null);
  const [recorded, setRecorded] = useState<Recorded[]>([]);
  // Bumped after a save: remounts the boxes empty, ready for the next measure.
  const [round, setRound] = useState(0);
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();

  function fail(found: Record<string, string[]>, message: string) {
    setErrors(found);
    setStatus({ tone: "error", message });
    focusFirstError();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const d = new FormData(event.currentTarget);
    const text = (k: string) => String(d.get(k) ?? "");
    const common = { patientId, planId, sessionId, context: text("context") };
    const input =
      instrument === "NPRS"
        ? { ...common, instrument, pain: text("pain") === "" ? undefined : text("pain") }
        : instrument === "ODI"
          ? { ...common, instrument, sections: Object.fromEntries(ODI_SECTIONS.map((s) => [s, text(`odi.${s}`)])) }
          : instrument === "RMDQ"
            ? { ...common, instrument, answers: RMDQ_ITEMS.map((n) => d.get(`rmdq.${n}`) === "yes") }
            : {
                ...common,
                instrument,
                activities: PSFS_ROWS.map((i) => ({ activity: text(`psfs.${i}.activity`).trim(), rating: text(`psfs.${i}.rating`) })).filter((a) => a.activity !== "" || a.rating !== ""),
              };
    const parsed = ZRecordOutcome.safeParse(input);
    if (!parsed.success) {
      const found = fieldErrorsOf(parsed.error);
      if (found.pain) found.pain = ["Pain is a whole number from 0 to 10."];
      return fail(found, "Please correct the highlighted fields. Nothing was recorded.");
    }
    if (parsed.data.instrument === "ODI") {
      const score = scoreAnswers(odi, parsed.data.sections);
      // The same rule the server applies; checked here so the refusal shows at once.
      if (!score.ok) {
        const found: Record<string, string[]> = { sections: [`The ODI cannot be scored: ${score.reason}.`] };
        for (const s of ODI_SECTIONS) if (parsed.data.sections[s] === null) found[`sections.${s}`] = ["Not answered"];
        return fail(found, `The ODI cannot be scored: ${score.reason}. Nothing was recorded.`);
      }
    }
    setErrors({});
    startTransition(async () => {
      const result = await recordOutcomeAction(parsed.data);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setStatus(failureStatus(result, () => router.refresh()));
        return;
      }
      const contextName = CONTEXTS.find(([v]) => v === parsed.data.context)?.[1] ?? "";
      const line =
        parsed.data.instrument === "ODI"
          ? `${result.data.label} ${result.data.score} % · ${result.data.band} disability (${contextName.toLowerCase()})`
          : `${result.data.label} ${result.data.score}${definitions[parsed.data.instrument].unit} (${contextName.toLowerCase()})`;
      setRecorded((all) => [...all, { id: result.data.id, text: line }]);
      const scoredNow = parsed.data.instrument;
      setScoredHere((all) => [...all, scoredNow]);
      setChosenContext(null);
      setStatus({ tone: "success", message: `Recorded: ${line}.` });
      setRound((r) => r + 1);
      router.refresh();
    });
  }

  return (
    <form ref={ref} onSubmit={onSubmit} noValidate aria-label="Record an outcome measure" className="space-y-4">
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Measure</legend>
        <div className="mt-1 flex flex-wrap gap-x-4">
          {(
            [
              ["NPRS", "NPRS: pain 0–10"],
              ["ODI", `${odi.label}: Oswestry Disability Index`],
              ["RMDQ", "RMDQ: Roland-Morris (optional)"],
              ["PSFS", "PSFS: Patient-Specific Functional Scale"],
            ] as const
          ).map(([value, text]) => (
            <label key={value} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="radio"
                name="instrument"
                value={value}
                checked={instrument === value}
                onChange={() => {
                  setInstrument(value);
                  setChosenContext(null);
                  setErrors({});
                  setStatus(null);
                }}
                className="h-5 w-5"
              />
              {text}
            </label>
          ))}
        </div>
      </fieldset>
      <div key={round} className="space-y-4">
        <div className="max-w-xs">
          <Field
            label="Context"
            hint={scored.has(instrument) ? `${instrument} was scored before in this plan.` : `The first ${instrument} score in this plan is its baseline.`}
            error={errorsFor(errors, "context")}
          >
            {(p) => (
              <select {...p} name="context" value={context} onChange={(e) => setChosenContext(e.target.value)} className={inputClass}>
                {CONTEXTS.map(([value, text]) => (
                  <option key={value} value={value}>
                    {text}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        {instrument === "NPRS" ? (
          <div className="max-w-xs">
            <Field label="NPRS pain (0–10)" hint="0 no pain, 10 worst imaginable" error={errorsFor(errors, "pain")}>
              {(p) => <input {...p} name="pain" inputMode="numeric" className={inputClass} />}
            </Field>
          </div>
        ) : instrument === "RMDQ" ? (
          <fieldset aria-describedby="rmdq-hint">
            <legend className="text-sm font-medium text-slate-800">RMDQ items answered “yes”</legend>
            <p id="rmdq-hint" className="text-xs text-slate-600">
              Tick each of the 24 items the patient answered yes on their completed form; the score is the number of yes answers (0–24).
            </p>
            <div className="mt-2 grid grid-cols-3 gap-1 sm:grid-cols-6">
              {RMDQ_ITEMS.map((n) => (
                <label key={n} className="flex min-h-11 items-center gap-2 text-sm">
                  <input type="checkbox" name={`rmdq.${n}`} value="yes" className="h-5 w-5" />
                  Item {n}
                </label>
              ))}
            </div>
          </fieldset>
        ) : instrument === "PSFS" ? (
          <fieldset aria-describedby="psfs-hint">
            <legend className="text-sm font-medium text-slate-800">PSFS activities</legend>
            <p id="psfs-hint" className="text-xs text-slate-600">
              Up to five activities the patient names, each rated 0 ({definitions.PSFS.items[0]!.minLabel?.toLowerCase()}) to 10 ({definitions.PSFS.items[0]!.maxLabel?.toLowerCase()}). The score is
              their mean; higher is better.{previousPsfsActivities.length > 0 ? " Last time's activities are filled in to re-rate." : ""}
            </p>
            {errors.activities && <p className="mt-1 text-sm text-red-700">{errors.activities.join(" ")}</p>}
            <div className="mt-2 space-y-2">
              {PSFS_ROWS.map((i) => (
                <div key={i} className="grid gap-2 sm:grid-cols-[1fr_8rem]">
                  <Field label={`Activity ${i + 1}`} error={errorsFor(errors, `activities.${i}.activity`)}>
                    {(p) => <input {...p} name={`psfs.${i}.activity`} defaultValue={previousPsfsActivities[i] ?? ""} maxLength={120} className={inputClass} />}
                  </Field>
                  <Field label={`Rating ${i + 1} (0–10)`} error={errorsFor(errors, `activities.${i}.rating`)}>
                    {(p) => <input {...p} name={`psfs.${i}.rating`} inputMode="numeric" className={inputClass} />}
                  </Field>
                </div>
              ))}
            </div>
          </fieldset>
        ) : (
          <fieldset aria-describedby="odi-hint">
            <legend className="text-sm font-medium text-slate-800">{odi.label}: section scores</legend>
            <p id="odi-hint" className="text-xs text-slate-600">
              Each section 0 (no limitation) to 5 (most limited), from the patient&apos;s completed form. One section may be left unanswered.
            </p>
            {errors.sections && (
              <p className="mt-1 text-sm text-red-700">
                {errors.sections.join(" ")}
              </p>
            )}
            <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
              {odi.items.map((item) => (
                <Field key={item.id} label={item.title} error={errorsFor(errors, `sections.${item.id}`)}>
                  {(p) => (
                    <select {...p} name={`odi.${item.id}`} defaultValue="" className={inputClass}>
                      <option value="">Not answered</option>
                      {item.options!.map((o) => (
                        <option key={o.value} value={o.value} title={o.label}>
                          {o.value}: {o.label}
                        </option>
                      ))}
                    </select>
                  )}
                </Field>
              ))}
            </div>
          </fieldset>
        )}
      </div>
      <FormStatus status={status} />
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Recording…" : `Record ${instrument}`}
      </button>
      {recorded.length > 0 && (
        <div>
          <h3 className="text-sm font-semibold">Recorded at this visit</h3>
          <ul className="mt-1 list-disc pl-5 text-sm">
            {recorded.map((r) => (
              <li key={r.id}>{r.text}</li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
