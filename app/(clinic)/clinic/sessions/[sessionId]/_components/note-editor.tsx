"use client";

import { useRouter } from "next/navigation";
import { useCallback, useRef, useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import type { NoteTemplateDto } from "@/lib/domain/note-templates/note-templates";
import type { SessionDetail } from "@/lib/domain/sessions/get-session";
import type { SoapSection } from "@/lib/validation/note-templates";
import type { CopyableSection } from "@/lib/validation/sessions";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZSessionNote, type TPerformedInput } from "@/lib/validation/sessions";
import { checkParameters, guessDevice } from "@/lib/validation/treatment-parameters";
import { saveSessionNoteAction, signSessionNoteAction } from "../../actions";
import { errorsFor, failureStatus, type Status } from "../../_components/result-status";
import { ActivityRecord, nameOf, profileOf, type Choice } from "./activity-record";
import { PROFILE_FIELDS, readParameters } from "./parameter-fields";
import { SaveIndicator } from "./save-indicator";
import { TemplatePicker, type SoapTexts } from "./template-picker";
import { CopyForwardButton, copiedDay, type Copy } from "./copy-forward";
import { useDraftAutosave, type SaveOutcome } from "./use-draft-autosave";
import { useLeaveGuard } from "./use-leave-guard";

type Errors = Record<string, string[]>;
type Props = { session: SessionDetail; canSign: boolean; startsAtText: string; timeZone: string; templates: NoteTemplateDto[] };

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
 * adverse event, the patient's summary. The draft saves itself (decision 037); "Sign note" saves
 * what is on screen first, then signs. The form is remounted (key) when the server's version
 * changes for a reason other than its own saves (a reload after a conflict, a reschedule), so its
 * boxes show the server's text; its own saves never remount it (the caret stays where it is).
 */
export function NoteEditor(props: Props) {
  const [status, setStatus] = useState<Status>(null);
  const [own, setOwn] = useState<readonly number[]>([]);
  const [seen, setSeen] = useState(props.session.version);
  const [formKey, setFormKey] = useState(props.session.version);
  if (props.session.version !== seen) {
    setSeen(props.session.version);
    if (!own.includes(props.session.version)) setFormKey(props.session.version);
  }
  const expectVersion = useCallback((version: number, mine: boolean) => setOwn((all) => (mine ? [...all, version] : all.filter((v) => v !== version))), []);
  return <NoteForm key={formKey} {...props} status={status} setStatus={setStatus} expectVersion={expectVersion} />;
}

type FormProps = Props & { status: Status; setStatus: (s: Status) => void; expectVersion: (version: number, mine: boolean) => void };

function NoteForm({ session, canSign, startsAtText, timeZone, templates, status, setStatus, expectVersion }: FormProps) {
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
  // The version the next save sends: advanced by every save of this form.
  const version = useRef(session.version);
  // Sections still as copied from the last signed note (decision 037): marked until edited.
  const [copy, setCopy] = useState<Copy | null>(() =>
    session.copied ? { sessionId: session.copied.fromSessionId, startsAt: session.copied.fromStartsAt, texts: session.copied.sections, claim: false } : null,
  );
  const reload = () => router.refresh();

  /** Validates with the same schemas as the server; null (and errors shown) when something is wrong. */
  function read(form: HTMLFormElement, focus: boolean) {
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
      version: version.current,
      painBefore: text("painBefore"),
      painAfter: text("painAfter"),
      ...Object.fromEntries(SOAP.map(([k]) => [k, text(k)])),
      adverseEvent: text("adverseEvent"),
      patientSummary: text("patientSummary"),
      performed,
      // A copy made on this page is checked against its source by the server; an earlier one it knows.
      copiedFrom: copy?.claim && Object.keys(copy.texts).length > 0 ? { sessionId: copy.sessionId, sections: Object.keys(copy.texts) as CopyableSection[] } : undefined,
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
      // A save of its own never moves the caret: the clinician may still be typing.
      if (focus) {
        setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
        focusFirstError();
      }
      return null;
    }
    return { data: parsed.data, order };
  }

  /** Saves the draft (`auto`: by itself, quietly); the new version, or why it was not saved (shown). */
  async function persist(auto: boolean): Promise<SaveOutcome> {
    const form = ref.current;
    const input = form ? read(form, !auto) : null;
    if (!input) return { ok: false, kind: "invalid", message: "Not saved: correct the highlighted fields." };
    setErrors({});
    const next = version.current + 1;
    expectVersion(next, true);
    const result = await saveSessionNoteAction(input.data);
    if (result.ok) {
      version.current = result.data.version;
      if (result.data.version !== next) expectVersion(result.data.version, true);
      if (auto && status?.tone === "error") setStatus(null);
      return { ok: true, version: result.data.version };
    }
    expectVersion(next, false);
    const mapped = byActivity(result.fieldErrors ?? {}, input.order);
    setErrors(mapped);
    setStatus(result.fieldErrors && result.code === "VALIDATION" ? { tone: "error", message: result.message } : failureStatus(result, reload));
    if (result.fieldErrors && !auto) focusFirstError();
    return { ok: false, kind: result.code === "CONFLICT" ? "conflict" : result.code === "VALIDATION" ? "invalid" : "failed", message: result.message };
  }

  const autosave = useDraftAutosave(persist);
  useLeaveGuard(autosave.dirty);

  /** A change in the note's own fields (not the template chooser) makes the draft dirty. */
  function onChange(event: React.FormEvent<HTMLFormElement>) {
    const target = event.target;
    if (target instanceof HTMLElement && target.dataset.autosave === "ignore") return;
    // An edited copied section is no longer marked as copied.
    if (target instanceof HTMLTextAreaElement && copy) {
      const name = target.name as CopyableSection;
      if (copy.texts[name] !== undefined && copy.texts[name] !== target.value) {
        const rest = { ...copy.texts };
        delete rest[name];
        setCopy(Object.keys(rest).length > 0 ? { ...copy, texts: rest } : null);
      }
    }
    autosave.changed();
  }

  /** The focus left the note (not just moved to its next field): save what changed now. */
  function onBlur(event: React.FocusEvent<HTMLFormElement>) {
    if (event.relatedTarget instanceof Node && event.currentTarget.contains(event.relatedTarget)) return;
    autosave.flush();
  }

  const soapBox = (key: SoapSection) => ref.current?.elements.namedItem(key) as HTMLTextAreaElement | null;
  /** Copy forward: the earlier note's sections into the boxes, marked as copied. */
  function applyCopy(next: Copy) {
    for (const [key, value] of Object.entries(next.texts) as [CopyableSection, string][]) {
      const box = soapBox(key);
      if (box) box.value = value;
    }
    setCopy(Object.keys(next.texts).length > 0 ? next : null);
    autosave.changed();
  }
  const typedCopyable = () => SOAP.filter(([key]) => (key === "subjective" || key === "objective") && (soapBox(key)?.value ?? "").trim() !== "").map(([, name]) => name);

  /** The SOAP sections with text in them, by name, for the template's question. */
  const typedSections = () => SOAP.filter(([key]) => (soapBox(key)?.value ?? "").trim() !== "").map(([, name]) => name);
  function applyTexts(texts: SoapTexts) {
    for (const [key, value] of Object.entries(texts) as [SoapSection, string][]) {
      const box = soapBox(key);
      if (box) box.value = value;
    }
    // A template's text over a copied section is an edit of it.
    if (copy) {
      const rest = Object.fromEntries(Object.entries(copy.texts).filter(([k]) => texts[k as SoapSection] === undefined));
      setCopy(Object.keys(rest).length > 0 ? { ...copy, texts: rest } : null);
    }
    autosave.changed();
    soapBox(SOAP.find(([key]) => texts[key] !== undefined)?.[0] ?? "subjective")?.focus();
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      await autosave.saveNow(async (outcome) => {
        if (outcome.ok) setStatus({ tone: "success", message: "Draft saved. It is not signed yet." });
      });
    });
  }

  function onSign() {
    startTransition(async () => {
      await autosave.saveNow(async (outcome) => {
        if (!outcome.ok) return;
        const result = await signSessionNoteAction({ sessionId: session.id, version: outcome.version, confirm: true });
        if (!result.ok) setStatus({ ...failureStatus(result, reload)!, message: `The draft was saved but not signed: ${result.message}` });
        router.refresh();
      });
    });
  }

  return (
    <form ref={ref} onSubmit={onSubmit} onChange={onChange} onBlur={onBlur} noValidate aria-label="Session note" className="space-y-5">
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
        <TemplatePicker templates={templates} typedSections={typedSections} onApply={applyTexts} />
        <CopyForwardButton sessionId={session.id} typedSections={typedCopyable} onCopy={applyCopy} />
        {SOAP.map(([key, text, hint]) => {
          const copied = copy && (key === "subjective" || key === "objective") && copy.texts[key] !== undefined;
          return (
            <div key={key} className={copied ? "rounded-md border-l-4 border-amber-500 bg-amber-50 p-2" : undefined}>
              <Field label={text} hint={copied ? `Copied from ${copiedDay(copy.startsAt, timeZone)} session — edit before signing.` : hint} error={errorsFor(errors, key)}>
                {(p) => <textarea {...p} name={key} rows={3} defaultValue={session[key] ?? ""} className={inputClass} />}
              </Field>
            </div>
          );
        })}
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
        <SaveIndicator state={autosave.state} timeZone={timeZone} />
      </div>
    </form>
  );
}
