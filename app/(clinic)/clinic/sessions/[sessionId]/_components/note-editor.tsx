"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import type { SessionDetail } from "@/lib/domain/sessions/get-session";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZSessionNote, type TPerformedInput } from "@/lib/validation/sessions";
import { checkParameters, guessDevice } from "@/lib/validation/treatment-parameters";
import { saveSessionNoteAction, signSessionNoteAction } from "../../actions";
import { errorsFor, failureStatus, type Status } from "../../_components/result-status";
import { ActivityRecord, nameOf, profileOf, type Choice } from "./activity-record";
import { PROFILE_FIELDS, readParameters } from "./parameter-fields";

type Errors = Record<string, string[]>;
type Props = { session: SessionDetail; canSign: boolean; startsAtText: string };

const SOAP = [
  ["subjective", "Subjective", "What the patient reports: symptoms, pain pattern, function since last visit."],
  ["objective", "Objective", "What you measured and observed: range of motion, tone, tests."],
  ["assessment", "Assessment", "Your clinical impression and progress."],
  ["planNote", "Plan", "Next steps: treatment, home programme, next visit."],
] as const;

/** Domain errors come keyed by the position in `performed`; the form shows them by activity. */
function byActivity(errors: Errors, order: string[]): Errors {
  const result: Errors = {};
  for (const [key, messages] of Object.entries(errors)) {
    const match = /^performed\.(\d+)\.(.+)$/.exec(key);
    const id = match ? order[Number(match[1])] : undefined;
    // The schema has no wording of its own for a treatment's duration.
    const text = match?.[2] === "durationMin" ? ["Duration is a whole number of minutes from 1 to 240."] : messages;
    (result[id ? `a.${id}.${match![2]}` : key] ??= []).push(...text);
  }
  return result;
}

/**
 * The draft note of a session: pain, what was performed with its parameters (or why not), SOAP,
 * adverse event, the patient's summary. "Sign note" saves what is on screen first, then signs.
 * Remounted (key) when the server's version changes; the status line lives here, above the form.
 */
export function NoteEditor(props: Props) {
  const [status, setStatus] = useState<Status>(null);
  return <NoteForm key={props.session.version} {...props} status={status} setStatus={setStatus} />;
}

function NoteForm({ session, canSign, startsAtText, status, setStatus }: Props & { status: Status; setStatus: (s: Status) => void }) {
  const router = useRouter();
  const activities = session.inClinicActivities;
  const recorded = new Map(session.performed.map((p) => [p.planActivityId, p]));
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(activities.map((a) => [a.id, recorded.get(a.id)?.status ?? "NONE"])));
  const [devices, setDevices] = useState<Record<string, string>>(() =>
    Object.fromEntries(activities.map((a) => [a.id, String(recorded.get(a.id)?.parameters.device ?? guessDevice(a.name) ?? "")])),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();
  const reload = () => router.refresh();

  /** Validates with the same schemas as the server; null (and errors shown) when something is wrong. */
  function read(form: HTMLFormElement) {
    const d = new FormData(form);
    const text = (name: string) => String(d.get(name) ?? "");
    const chosen = activities.filter((a) => choices[a.id] !== "NONE");
    const performed: TPerformedInput[] = chosen.map((a) => {
      if (choices[a.id] === "NOT_DONE") return { planActivityId: a.id, status: "NOT_DONE", notDoneReason: text(nameOf(a.id, "reason")) };
      const profile = profileOf(a, devices[a.id] ?? "");
      const duration = text(nameOf(a.id, "durationMin")).trim();
      return {
        planActivityId: a.id,
        status: "COMPLETED",
        durationMin: duration === "" ? null : Number(duration),
        parameters: profile ? readParameters(profile, (k) => text(nameOf(a.id, `p.${k}`)), a.category === "ELECTRO_LASER_SHOCKWAVE" ? devices[a.id] : undefined) : {},
      };
    });
    const order = chosen.map((a) => a.id);
    const input = {
      sessionId: session.id,
      version: session.version,
      painBefore: text("painBefore"),
      painAfter: text("painAfter"),
      ...Object.fromEntries(SOAP.map(([k]) => [k, text(k)])),
      adverseEvent: text("adverseEvent"),
      patientSummary: text("patientSummary"),
      performed,
    };
    const parsed = ZSessionNote.safeParse(input);
    const found: Errors = parsed.success ? {} : byActivity(fieldErrorsOf(parsed.error), order);
    chosen.forEach((a, i) => {
      const p = performed[i]!;
      if (p.status !== "COMPLETED") return;
      const check = checkParameters(a.category, p.parameters);
      if (check.ok) return;
      const profile = profileOf(a, devices[a.id] ?? "");
      for (const [k, m] of Object.entries(check.errors)) {
        // An empty required box reads better as "required" than as "must be a number".
        const field = profile ? PROFILE_FIELDS[profile].find((f) => f.key === k) : undefined;
        const empty = field && text(nameOf(a.id, `p.${k}`)).trim() === "" && m.some((x) => x.endsWith("must be a number"));
        found[`a.${a.id}.parameters.${k}`] = empty ? [`${field.label} is required`] : m;
      }
    });
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return null;
    }
    return { data: parsed.data, order };
  }

  /** Saves the draft; the new version, or null when it failed (errors and status shown). */
  async function save(form: HTMLFormElement): Promise<number | null> {
    const input = read(form);
    if (!input) return null;
    setErrors({});
    const result = await saveSessionNoteAction(input.data);
    if (result.ok) return result.data.version;
    const mapped = byActivity(result.fieldErrors ?? {}, input.order);
    setErrors(mapped);
    setStatus(result.fieldErrors && result.code === "VALIDATION" ? { tone: "error", message: result.message } : failureStatus(result, reload));
    if (result.fieldErrors) focusFirstError();
    return null;
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    startTransition(async () => {
      const version = await save(form);
      if (version === null) return;
      setStatus({ tone: "success", message: "Draft saved. It is not signed yet." });
      router.refresh();
    });
  }

  function onSign() {
    const form = ref.current;
    if (!form) return;
    startTransition(async () => {
      const version = await save(form);
      if (version === null) return;
      const result = await signSessionNoteAction({ sessionId: session.id, version, confirm: true });
      if (!result.ok) setStatus({ ...failureStatus(result, reload)!, message: `The draft was saved but not signed: ${result.message}` });
      router.refresh();
    });
  }

  return (
    <form ref={ref} onSubmit={onSubmit} noValidate aria-label="Session note" className="space-y-5">
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Pain before (0–10)" hint="At the start of the session" error={errorsFor(errors, "painBefore")}>
          {(p) => <input {...p} name="painBefore" inputMode="numeric" defaultValue={session.painBefore ?? ""} className={inputClass} />}
        </Field>
        <Field label="Pain after (0–10)" hint="At the end of the session" error={errorsFor(errors, "painAfter")}>
          {(p) => <input {...p} name="painAfter" inputMode="numeric" defaultValue={session.painAfter ?? ""} className={inputClass} />}
        </Field>
      </div>

      <section aria-labelledby="note-treatments" className="space-y-3">
        <h3 id="note-treatments" className="font-semibold">
          Treatments
        </h3>
        {errors.performed && <p className="text-sm text-red-700">{errors.performed.join(" ")}</p>}
        {activities.length === 0 ? (
          <p className="text-sm text-slate-600">This plan has no in-clinic activities in force. Add them to the plan to record them here.</p>
        ) : (
          activities.map((a) => (
            <ActivityRecord
              key={a.id}
              activity={a}
              performed={recorded.get(a.id)}
              choice={choices[a.id] ?? "NONE"}
              onChoice={(c) => setChoices((all) => ({ ...all, [a.id]: c }))}
              device={devices[a.id] ?? ""}
              onDevice={(v) => setDevices((all) => ({ ...all, [a.id]: v }))}
              errors={errors}
            />
          ))
        )}
      </section>

      <section aria-labelledby="note-soap" className="space-y-4">
        <h3 id="note-soap" className="font-semibold">
          SOAP note
        </h3>
        {SOAP.map(([key, text, hint]) => (
          <Field key={key} label={text} hint={hint} error={errorsFor(errors, key)}>
            {(p) => <textarea {...p} name={key} rows={3} defaultValue={session[key] ?? ""} className={inputClass} />}
          </Field>
        ))}
        <Field label="Adverse event" hint="Anything unexpected or harmful during or after treatment. Leave empty if none." error={errorsFor(errors, "adverseEvent")}>
          {(p) => <textarea {...p} name="adverseEvent" rows={2} defaultValue={session.adverseEvent ?? ""} className={inputClass} />}
        </Field>
        <Field label="Summary for the patient" hint="Plain words; the patient reads this in their portal." error={errorsFor(errors, "patientSummary")}>
          {(p) => <textarea {...p} name="patientSummary" rows={3} defaultValue={session.patientSummary ?? ""} className={inputClass} />}
        </Field>
      </section>

      <FormStatus status={status} />
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-md border border-brand-600 bg-white px-5 py-2 font-medium text-brand-800 hover:bg-brand-50 disabled:opacity-60">
          {pending ? "Saving…" : "Save draft"}
        </button>
        {canSign ? (
          <ConfirmButton
            label="Sign note"
            title="Sign and lock this note?"
            body="What is on screen is saved and signed with your name and the time. A signed note is locked: it can't be edited, only corrected with an addendum. The session is marked completed."
            confirmLabel="Sign note"
            tone="default"
            disabled={pending}
            onConfirm={onSign}
          />
        ) : (
          <p className="text-sm text-slate-600">You can sign the note once the session has started ({startsAtText}).</p>
        )}
      </div>
    </form>
  );
}
