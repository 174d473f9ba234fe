"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { formatDate, formatTimestamp } from "@/app/_components/format";
import { stanceText } from "@/app/_components/guidelines/guideline-stances";
import type { GuidelineStatementDto } from "@/lib/domain/guidelines/dto";
import type { GuidelineRevisionDto } from "@/lib/domain/guidelines/list-guideline-statements";
import { populationTag, sourceLabel, STANCE_LABEL } from "@/lib/domain/guidelines/rules";
import { GuidelineStance } from "@/lib/enums";
import { createGuidelineStatementAction, setGuidelineStatementRetiredAction, updateGuidelineStatementAction } from "../actions";

type Errors = Record<string, string[] | undefined>;
type Status = { tone: "error" | "success"; message: string } | null;

const CHANGE: Record<string, string> = { create: "Added", update: "Edited", retire: "Retired", restore: "Restored" };

function read(form: HTMLFormElement) {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? "");
  return {
    condition: text("condition"),
    population: text("population"),
    guideline: text("guideline"),
    publisher: text("publisher"),
    year: text("year"),
    recommendation: text("recommendation"),
    url: text("url"),
    stance: text("stance"),
    stanceCondition: text("stanceCondition"),
    requiresExercise: data.get("requiresExercise") === "on",
    quote: text("quote"),
    supersededBy: text("supersededBy"),
    supersededYear: text("supersededYear"),
    lastCheckedOn: text("lastCheckedOn"),
    note: text("note"),
  };
}

/** Add or edit one statement; `statement` null adds. */
function StatementForm({ catalogItemId, statement, onDone, onCancel }: { catalogItemId: string; statement: GuidelineStatementDto | null; onDone: (message: string) => void; onCancel: () => void }) {
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  const s = statement;

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const values = { catalogItemId, ...read(event.currentTarget) };
    startTransition(async () => {
      const result = s ? await updateGuidelineStatementAction({ ...values, id: s.id, version: s.version }) : await createGuidelineStatementAction(values);
      if (result.ok) return onDone(s ? "Statement saved as a new version." : "Statement added.");
      setErrors(result.fieldErrors ?? {});
      setStatus({ tone: "error", message: result.code === "CONFLICT" ? result.message : `${result.message}` });
      if (result.fieldErrors) focusFirstError();
    });
  }

  const text = (name: keyof GuidelineStatementDto, labelText: string, hint?: string, type = "text") => (
    <Field label={labelText} hint={hint} error={errors[name]}>
      {(p) => <input {...p} name={name} type={type} defaultValue={s ? String(s[name] ?? "") : name === "condition" ? "low back pain" : ""} className={inputClass} />}
    </Field>
  );

  return (
    <form ref={ref} onSubmit={submit} noValidate aria-labelledby="guideline-form-heading" className="space-y-3 rounded-md border border-slate-300 bg-slate-50 p-3">
      <h3 id="guideline-form-heading" ref={headingRef} tabIndex={-1} className="font-semibold">
        {s ? `Edit ${sourceLabel(s)} (version ${s.version})` : "Add a guideline statement"}
      </h3>
      <FormStatus status={status} />
      <div className="grid gap-3 sm:grid-cols-2">
        {text("condition", "Condition", "Lowercase, e.g. low back pain; plans are matched to it")}
        {text("population", "Population", "Who it applies to, in the guideline's terms")}
        {text("guideline", "Guideline", "Full title, with its code in brackets, e.g. (NG59)")}
        {text("publisher", "Publisher", "e.g. NICE, ACP")}
        {text("year", "Year", undefined, "number")}
        {text("recommendation", "Recommendation number", "Empty only when the stance is Not covered")}
        {text("url", "Link", "https://… to the recommendation", "url")}
        <Field label="Stance" error={errors.stance}>
          {(p) => (
            <select {...p} name="stance" defaultValue={s?.stance ?? ""} className={inputClass}>
              <option value="" disabled>
                Choose a stance
              </option>
              {Object.values(GuidelineStance).map((v) => (
                <option key={v} value={v}>
                  {STANCE_LABEL[v]}
                </option>
              ))}
            </select>
          )}
        </Field>
        {text("stanceCondition", "Stated condition", "For Consider only with a condition, e.g. only as part of a treatment package including exercise")}
        <div className="flex items-center gap-2 sm:col-span-2">
          <input id="guideline-requires-exercise" type="checkbox" name="requiresExercise" defaultChecked={s?.requiresExercise ?? false} className="size-5" aria-describedby={errors.requiresExercise ? "guideline-requires-exercise-error" : undefined} />
          <label htmlFor="guideline-requires-exercise" className="text-sm">
            The stated condition is that the plan includes exercise (plans without exercise are flagged)
          </label>
        </div>
        {errors.requiresExercise && (
          <p id="guideline-requires-exercise-error" className="text-sm text-red-700 sm:col-span-2">
            {errors.requiresExercise.join(" ")}
          </p>
        )}
        <div className="sm:col-span-2">
          <Field label="Quote" hint="The recommendation's own words, verbatim" error={errors.quote}>
            {(p) => <textarea {...p} name="quote" rows={3} defaultValue={s?.quote ?? ""} className={inputClass} />}
          </Field>
        </div>
        {text("supersededBy", "Superseded by", "Leave empty for current guidance")}
        {text("supersededYear", "Superseded in (year)", undefined, "number")}
        {text("lastCheckedOn", "Last checked on", "The date it was checked against its source", "date")}
        <div className="sm:col-span-2">
          <Field label="Note" hint="How it was verified (optional)" error={errors.note}>
            {(p) => <textarea {...p} name="note" rows={2} defaultValue={s?.note ?? ""} className={inputClass} />}
          </Field>
        </div>
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : s ? "Save statement" : "Add statement"}
        </button>
        <button type="button" onClick={onCancel} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}

function History({ revisions, timeZone }: { revisions: GuidelineRevisionDto[]; timeZone: string }) {
  return (
    <details className="mt-2 text-sm">
      <summary className="cursor-pointer text-brand-700 underline">History ({revisions.length} {revisions.length === 1 ? "version" : "versions"})</summary>
      <ol className="mt-1 space-y-1">
        {revisions.map((r) => (
          <li key={r.version} className="rounded border border-slate-200 bg-white px-2 py-1">
            <span className="font-medium">Version {r.version}</span> · {CHANGE[r.change] ?? r.change} <time dateTime={r.changedAt}>{formatTimestamp(r.changedAt, timeZone)}</time> by {r.changedBy ?? "the demo seed"}
            <br />
            {sourceLabel(r.fields)} {r.fields.recommendation ?? ""}: {stanceText(r.fields)} · {r.fields.population}
            {r.fields.supersededBy ? ` · superseded by ${r.fields.supersededBy}` : ""} · last checked {formatDate(r.fields.lastCheckedOn)}
          </li>
        ))}
      </ol>
    </details>
  );
}

/** The admin's list of a treatment's statements: add, edit, retire or restore, each with its history. */
export function GuidelineStatementsEditor({
  catalogItemId,
  statements,
  history,
  timeZone,
}: {
  catalogItemId: string;
  statements: GuidelineStatementDto[];
  history: Record<string, GuidelineRevisionDto[]>;
  timeZone: string;
}) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();

  const done = (message: string) => {
    setEditing(null);
    setStatus({ tone: "success", message });
    router.refresh();
  };
  const retire = (s: GuidelineStatementDto, retired: boolean) =>
    startTransition(async () => {
      const result = await setGuidelineStatementRetiredAction({ id: s.id, version: s.version, retired });
      if (result.ok) done(retired ? "Statement retired: no longer shown or enforced." : "Statement restored.");
      else setStatus({ tone: "error", message: result.message });
    });

  return (
    <div className="space-y-3">
      <p className="text-sm text-slate-700">
        What published guidelines say about this treatment, per condition. Clinicians see them beside the treatment when a plan&apos;s condition matches; a current &ldquo;Do not offer&rdquo; asks them
        for a written reason. Every save is kept as a version.
      </p>
      <FormStatus status={status} />
      {statements.length === 0 && <p className="text-sm text-slate-600">No guideline statements yet.</p>}
      <ul className="space-y-2">
        {statements.map((s) => (
          <li key={s.id} className={`rounded-md border p-3 ${s.retired ? "border-dashed border-slate-300 text-slate-500" : "border-slate-200"}`}>
            {editing === s.id ? (
              <StatementForm catalogItemId={catalogItemId} statement={s} onDone={done} onCancel={() => setEditing(null)} />
            ) : (
              <>
                <p>
                  {s.retired && <span className="mr-1 rounded bg-slate-200 px-1 text-xs font-medium uppercase text-slate-700">Retired</span>}
                  {s.supersededBy && <span className="mr-1 rounded bg-slate-200 px-1 text-xs font-medium uppercase text-slate-700">Superseded</span>}
                  <span className="font-medium">{sourceLabel(s)}</span> {s.recommendation && <>rec. {s.recommendation}</>} · {s.condition}
                  {populationTag(s.population) ? ` (${populationTag(s.population)})` : ""}: <span className="font-medium">{stanceText(s)}</span>
                </p>
                <p className="text-sm text-slate-600">
                  {s.population} · version {s.version} · last checked {formatDate(s.lastCheckedOn)}
                  {s.supersededBy && ` · superseded by ${s.supersededBy}${s.supersededYear ? ` (${s.supersededYear})` : ""}`}
                </p>
                {s.quote && (
                  <p className="mt-1 text-sm">
                    <q>{s.quote}</q>
                  </p>
                )}
                <div className="mt-2 flex flex-wrap gap-2">
                  {!s.retired && (
                    <button type="button" onClick={() => setEditing(s.id)} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
                      Edit<span className="sr-only"> {sourceLabel(s)} statement</span>
                    </button>
                  )}
                  {s.retired ? (
                    <button type="button" disabled={pending} onClick={() => retire(s, false)} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
                      Restore<span className="sr-only"> {sourceLabel(s)} statement</span>
                    </button>
                  ) : (
                    <ConfirmButton
                      label={`Retire ${sourceLabel(s)} statement`}
                      title="Retire this statement?"
                      body="Clinicians will no longer see it and it no longer asks for a reason. Its history is kept, and you can restore it."
                      confirmLabel="Retire statement"
                      disabled={pending}
                      onConfirm={() => retire(s, true)}
                    />
                  )}
                </div>
                <History revisions={history[s.id] ?? []} timeZone={timeZone} />
              </>
            )}
          </li>
        ))}
      </ul>
      {editing === "new" ? (
        <StatementForm catalogItemId={catalogItemId} statement={null} onDone={done} onCancel={() => setEditing(null)} />
      ) : (
        <button type="button" onClick={() => setEditing("new")} className="min-h-11 rounded-md border border-brand-600 px-4 py-2 text-sm font-medium text-brand-700 hover:bg-brand-50">
          Add a guideline statement
        </button>
      )}
    </div>
  );
}
