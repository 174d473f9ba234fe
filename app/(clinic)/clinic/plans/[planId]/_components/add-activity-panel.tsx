"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { label } from "@/app/_components/format";
import type { TreatmentPhase } from "@/lib/enums";
import { MIN_OVERRIDE_REASON_LENGTH } from "@/lib/domain/plans/rules";
import { GuidelineStances } from "@/app/_components/guidelines/guideline-stances";
import type { GuidelineStatementDto } from "@/lib/domain/guidelines/dto";
import { isCurrent, MIN_GUIDELINE_REASON_LENGTH, sourceLabel, summarizeStances } from "@/lib/domain/guidelines/rules";
import { addPlanActivityAction, getCatalogItemAction, type CatalogSearchResult } from "../actions";
import { ActivityFields, readActivityFields, type Errors } from "./activity-fields";
import { CatalogSearch } from "./catalog-search";
import { failureStatus, usePlanEditing, type Status } from "./plan-context";

type Chosen = Extract<Awaited<ReturnType<typeof getCatalogItemAction>>, { ok: true }>["data"];

/**
 * Find a treatment, adjust the dose pre-filled from its catalog defaults, add it. When the domain
 * refuses a contraindicated treatment, its explanation is shown with a field to override it with a
 * written reason, and the same form resubmits with that reason. What the guidelines say for the
 * plan's condition is shown beside each match and the chosen treatment; one a current guideline
 * says not to offer asks for a written reason up front (the domain enforces it, decision 044).
 */
export function AddActivityPanel({ defaultPhase, stances = {} }: { defaultPhase: TreatmentPhase; stances?: Record<string, GuidelineStatementDto[]> }) {
  const { mutate, reload } = usePlanEditing();
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const [guidelineRefusal, setGuidelineRefusal] = useState<string | null>(null);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const [searchKey, setSearchKey] = useState(0);
  const [pending, startTransition] = useTransition();
  const searchRef = useRef<HTMLInputElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const { ref: formRef, focusFirstError } = useFocusFirstError();

  useEffect(() => {
    if (chosen) headingRef.current?.focus();
  }, [chosen]);
  useEffect(() => {
    if (refusal) reasonRef.current?.focus();
  }, [refusal]);
  const guidelineReasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (guidelineRefusal && !refusal) guidelineReasonRef.current?.focus();
  }, [guidelineRefusal, refusal]);
  // Current "do not offer" statements for the plan's condition: the reason is asked up front.
  const doNotOffer = chosen ? (stances[chosen.id] ?? []).filter((s) => isCurrent(s) && s.stance === "DO_NOT_OFFER") : [];
  const summaries = Object.fromEntries(Object.entries(stances).map(([id, list]) => [id, summarizeStances(list)]));
  // After adding or choosing another treatment the search box comes back empty: focus it.
  useEffect(() => {
    if (searchKey > 0) searchRef.current?.focus();
  }, [searchKey]);

  function choose(item: CatalogSearchResult) {
    setStatus(null);
    startTransition(async () => {
      const result = await getCatalogItemAction({ id: item.id });
      if (!result.ok) return setStatus({ tone: "error", message: result.message });
      setErrors({});
      setRefusal(null);
      setGuidelineRefusal(null);
      setChosen(result.data);
    });
  }

  function clear(message = "") {
    setChosen(null);
    setRefusal(null);
    setGuidelineRefusal(null);
    setErrors({});
    setAnnouncement(message);
    setSearchKey((k) => k + 1);
  }

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!chosen) return;
    const form = event.currentTarget;
    const read = readActivityFields(form, chosen.kind);
    const reason = refusal ? String(new FormData(form).get("overrideReason") ?? "").trim() : "";
    const asksGuidelineReason = Boolean(guidelineRefusal) || doNotOffer.length > 0;
    const guidelineReason = asksGuidelineReason ? String(new FormData(form).get("guidelineOverrideReason") ?? "").trim() : "";
    const problems: Errors = read.ok ? {} : { ...read.errors };
    if (refusal && reason.length < MIN_OVERRIDE_REASON_LENGTH) problems.overrideReason = [`Write a reason of at least ${MIN_OVERRIDE_REASON_LENGTH} characters.`];
    if (asksGuidelineReason && guidelineReason.length < MIN_GUIDELINE_REASON_LENGTH) problems.guidelineOverrideReason = [`Write a reason of at least ${MIN_GUIDELINE_REASON_LENGTH} characters.`];
    if (!read.ok || problems.overrideReason || problems.guidelineOverrideReason) {
      setErrors(problems);
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await mutate((base) =>
        addPlanActivityAction({ ...base, catalogItemId: chosen.id, overrideReason: reason || null, guidelineOverrideReason: guidelineReason || null, ...read.values }),
      );
      if (result.ok) return clear(`${chosen.name} added to the plan.`);
      const contraindicated = result.fieldErrors?.overrideReason;
      const against = result.fieldErrors?.guidelineOverrideReason;
      if ((contraindicated && !refusal) || (against && !asksGuidelineReason)) {
        if (contraindicated) setRefusal(contraindicated.join(" "));
        if (against) setGuidelineRefusal(against.join(" "));
        return;
      }
      setErrors(result.fieldErrors ?? {});
      if (result.fieldErrors) focusFirstError();
      setStatus(failureStatus(result, () => {
        setStatus(null);
        reload();
      }));
    });
  }

  return (
    <div className="space-y-4">
      <p aria-live="polite" className="sr-only">
        {announcement}
      </p>
      {!chosen && <CatalogSearch key={searchKey} inputRef={searchRef} onChoose={choose} stanceSummaries={summaries} />}
      {!chosen && <FormStatus status={status} />}
      {chosen && (
        <form ref={formRef} onSubmit={submit} noValidate aria-label={`Add ${chosen.name}`} className="space-y-3">
          <div>
            <h3 ref={headingRef} tabIndex={-1} className="text-base font-semibold">
              {chosen.name}
            </h3>
            <p className="text-sm text-slate-600">
              {label(chosen.kind)} · catalog setting {label(chosen.setting).toLowerCase()} · dose pre-filled from the catalog
            </p>
          </div>
          {chosen.contraindications.length > 0 && (
            <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-950">
              Contraindicated with: {chosen.contraindications.map(label).join(", ")}. If the patient has one of these flags, adding it needs a written override.
            </p>
          )}
          <GuidelineStances statements={stances[chosen.id] ?? []} treatmentName={chosen.name} />
          <FormStatus status={status} />
          <ActivityFields key={chosen.id} values={{ setting: chosen.setting, phase: defaultPhase, dose: chosen.dose }} errorFor={(key) => errors[key]} />
          {refusal && (
            <div className="space-y-2 rounded-md border-l-4 border-red-600 bg-red-50 p-3">
              <p role="alert" className="text-sm font-medium text-red-900">{refusal}</p>
              <Field label="Override with a reason" hint={`At least ${MIN_OVERRIDE_REASON_LENGTH} characters. Stored with the activity, shown on the plan and audited.`} error={errors.overrideReason}>
                {(p) => <textarea {...p} ref={reasonRef} name="overrideReason" rows={3} className={inputClass} />}
              </Field>
            </div>
          )}
          {(guidelineRefusal || doNotOffer.length > 0) && (
            <div className="space-y-2 rounded-md border-l-4 border-red-600 bg-red-50 p-3">
              <p className="text-sm font-medium text-red-900" role={guidelineRefusal ? "alert" : undefined}>
                {guidelineRefusal ??
                  `${[...new Set(doNotOffer.map(sourceLabel))].join(", ")} ${doNotOffer.length === 1 ? "says" : "say"} do not offer ${chosen.name} for this plan's condition. Choose another treatment, or say why it is right for this patient.`}
              </p>
              <Field
                label="Reason for choosing it against the guideline"
                hint={`At least ${MIN_GUIDELINE_REASON_LENGTH} characters. Stored with the activity, shown on the plan and in the clinic's guideline report, and audited.`}
                error={errors.guidelineOverrideReason}
              >
                {(p) => <textarea {...p} ref={guidelineReasonRef} name="guidelineOverrideReason" rows={3} className={inputClass} />}
              </Field>
            </div>
          )}
          <div className="flex flex-wrap gap-2">
            <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {pending ? "Adding…" : refusal ? "Add with override" : guidelineRefusal || doNotOffer.length > 0 ? "Add with reason" : "Add to plan"}
            </button>
            <button type="button" onClick={() => clear()} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
              Choose another treatment
            </button>
          </div>
        </form>
      )}
    </div>
  );
}
