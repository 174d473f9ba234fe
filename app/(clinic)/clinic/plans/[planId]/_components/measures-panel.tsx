"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { formatDate, formatDateTime } from "@/app/_components/format";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { FormStatus } from "@/app/_components/form/form-status";
import type { Instrument } from "@/lib/enums";
import type { PlanMeasureDto } from "@/lib/domain/measures/list-plan-measures";
import { describeRule, MEASURE_NAME } from "@/lib/domain/measures/labels";
import { ASKABLE_INSTRUMENTS, SCHEDULED_RULES, type TMeasureEntry } from "@/lib/validation/measures";
import { addMeasureSchedulesAction, askMeasureNowAction, removeMeasureScheduleAction } from "../measure-actions";

type Status = { tone: "error" | "success"; message: string } | null;

const PRESETS: { label: string; entries: TMeasureEntry[] }[] = [
  {
    label: "ODI at start, every 2 weeks and at discharge (patient, at home)",
    entries: [
      { instrument: "ODI", rule: "AT_START", everyWeeks: null, answeredBy: "PATIENT" },
      { instrument: "ODI", rule: "EVERY_N_WEEKS", everyWeeks: 2, answeredBy: "PATIENT" },
      { instrument: "ODI", rule: "AT_DISCHARGE", everyWeeks: null, answeredBy: "PATIENT" },
    ],
  },
  { label: "NPRS each session (clinician, in session)", entries: [{ instrument: "NPRS", rule: "EACH_SESSION", everyWeeks: null, answeredBy: "CLINICIAN" }] },
];

function standing(e: PlanMeasureDto): { text: string; tone: string } {
  if (e.rule === "EACH_SESSION") return { text: "Recorded at each session (shown on the session page)", tone: "text-slate-700" };
  if (e.overdueSince) return { text: `Overdue since ${formatDate(e.overdueSince)}`, tone: "font-semibold text-red-800" };
  if (e.open && e.currentDue) return { text: `Due ${formatDate(e.currentDue)}`, tone: "font-semibold text-amber-900" };
  if (e.note === "no-end-date") return { text: "Waits for an end date on the plan (or a discharge measure recorded in session)", tone: "text-slate-700" };
  if (e.nextDue) return { text: `Next due ${formatDate(e.nextDue)}`, tone: "text-slate-700" };
  return { text: e.lastAnsweredOn ? "Done" : "Nothing due", tone: "text-slate-700" };
}

/** The plan's scheduled outcome measures (decision 046): presets, a custom entry, and a one-off ask. */
export function MeasuresPanel({ planId, entries, editable, active, patientName, timeZone }: { planId: string; entries: PlanMeasureDto[]; editable: boolean; active: boolean; patientName: string; timeZone: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const [rule, setRule] = useState<(typeof SCHEDULED_RULES)[number]>("AT_START");
  const ids = { instrument: useId(), rule: useId(), weeks: useId(), who: useId(), ask: useId() };

  function run(action: () => Promise<{ ok: boolean; message?: string }>, success: string) {
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setStatus({ tone: "error", message: "message" in result && result.message ? result.message : "Nothing was saved." });
      setStatus({ tone: "success", message: success });
      router.refresh();
    });
  }

  function addCustom(form: FormData) {
    const everyWeeks = rule === "EVERY_N_WEEKS" ? Number(form.get("everyWeeks")) : null;
    const entry = { instrument: form.get("instrument") as Instrument, rule, everyWeeks, answeredBy: form.get("answeredBy") as TMeasureEntry["answeredBy"] };
    run(() => addMeasureSchedulesAction({ planId, entries: [entry] }), "The measure was added to the plan.");
  }

  const inputClass = "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2";
  return (
    <div className="space-y-4 text-sm">
      {entries.length === 0 ? (
        <p className="text-slate-700">No measures are scheduled on this plan yet.</p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200">
          {entries.map((e) => {
            const s = standing(e);
            const what = `${MEASURE_NAME[e.instrument]} · ${describeRule(e.rule, e.everyWeeks)}`;
            return (
              <li key={e.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
                <div>
                  <p className="font-medium">{what}</p>
                  <p className="text-slate-600">
                    {e.answeredBy === "PATIENT" ? "Patient, at home" : "Clinician, in session"}
                    {e.rule === "ONCE" && ` · asked ${formatDateTime(e.askedAt, timeZone)}`}
                    {e.lastAnsweredOn && ` · last answered ${formatDate(e.lastAnsweredOn)}`}
                  </p>
                  <p className={s.tone}>{s.text}</p>
                </div>
                {editable && (
                  <ConfirmButton
                    label={e.rule === "ONCE" ? `Withdraw: ${MEASURE_NAME[e.instrument]}` : `Remove: ${what}`}
                    title={e.rule === "ONCE" ? "Withdraw this request?" : "Remove this measure?"}
                    body={`${what}. ${patientName} will no longer be asked for it; answers already given stay on the record.`}
                    confirmLabel={e.rule === "ONCE" ? "Withdraw" : "Remove"}
                    disabled={pending}
                    onConfirm={() => run(() => removeMeasureScheduleAction({ planId, scheduleId: e.id, version: e.version, confirm: true }), "The measure was removed.")}
                  />
                )}
              </li>
            );
          })}
        </ul>
      )}

      {editable && (
        <>
          <div className="space-y-2">
            <h3 className="font-semibold">Add a usual schedule</h3>
            <div className="flex flex-wrap gap-2">
              {PRESETS.map((p) => (
                <button
                  key={p.label}
                  type="button"
                  disabled={pending}
                  onClick={() => run(() => addMeasureSchedulesAction({ planId, entries: p.entries }), `Added: ${p.label}.`)}
                  className="min-h-11 rounded-md border border-slate-300 bg-white px-3 py-2 text-left font-medium hover:bg-slate-50 disabled:opacity-50"
                >
                  Add: {p.label}
                </button>
              ))}
            </div>
          </div>

          <form action={addCustom} className="space-y-2" aria-label="Schedule a measure">
            <h3 className="font-semibold">Or schedule one measure</h3>
            <div className="grid gap-2 sm:grid-cols-4">
              <div>
                <label htmlFor={ids.instrument} className="block font-medium">Measure</label>
                <select id={ids.instrument} name="instrument" className={inputClass} defaultValue="ODI">
                  {(Object.keys(MEASURE_NAME) as Instrument[]).map((i) => (
                    <option key={i} value={i}>{MEASURE_NAME[i]}</option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor={ids.rule} className="block font-medium">When</label>
                <select id={ids.rule} name="rule" className={inputClass} value={rule} onChange={(ev) => setRule(ev.target.value as typeof rule)}>
                  {SCHEDULED_RULES.map((r) => (
                    <option key={r} value={r}>{r === "EVERY_N_WEEKS" ? "Every few weeks" : describeRule(r, null)}</option>
                  ))}
                </select>
              </div>
              {rule === "EVERY_N_WEEKS" && (
                <div>
                  <label htmlFor={ids.weeks} className="block font-medium">Every how many weeks</label>
                  <input id={ids.weeks} name="everyWeeks" type="number" min={1} max={12} defaultValue={2} required className={inputClass} />
                </div>
              )}
              <div>
                <label htmlFor={ids.who} className="block font-medium">Who answers</label>
                <select id={ids.who} name="answeredBy" className={inputClass} defaultValue={rule === "EACH_SESSION" ? "CLINICIAN" : "PATIENT"} key={rule}>
                  <option value="PATIENT">Patient, at home</option>
                  <option value="CLINICIAN">Clinician, in session</option>
                </select>
              </div>
            </div>
            <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-50">
              Schedule the measure
            </button>
          </form>
        </>
      )}

      {active && (
        <form
          aria-label="Ask now"
          className="space-y-2"
          action={(form) => {
            const instrument = form.get("instrument") as (typeof ASKABLE_INSTRUMENTS)[number];
            run(() => askMeasureNowAction({ planId, instrument, requested: true }), `${patientName} will be asked for the ${MEASURE_NAME[instrument]} on their Today page.`);
          }}
        >
          <h3 className="font-semibold">Ask now, once</h3>
          <div className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={ids.ask} className="block font-medium">Questionnaire to fill in at home</label>
              <select id={ids.ask} name="instrument" className={inputClass} defaultValue="ODI">
                {ASKABLE_INSTRUMENTS.map((i) => (
                  <option key={i} value={i}>{MEASURE_NAME[i]}</option>
                ))}
              </select>
            </div>
            <button type="submit" disabled={pending} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-50">
              Ask now
            </button>
          </div>
        </form>
      )}
      <FormStatus status={status} />
    </div>
  );
}
