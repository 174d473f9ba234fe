"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { z } from "zod";
import { BODY_REGION_CHOICES } from "@/app/_components/facets";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import type { TemplateItemPreview } from "@/lib/domain/plans/create-plan";
import { MIN_OVERRIDE_REASON_LENGTH } from "@/lib/domain/plans/rules";
import { MIN_GUIDELINE_REASON_LENGTH } from "@/lib/domain/guidelines/rules";
import { addDays } from "@/lib/domain/schedule/dates";
import type { BodyRegion } from "@/lib/enums";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZCreatePlan, type ZTemplateDecision } from "@/lib/validation/plans";
import { createPlanAction, previewPlanFromTemplateAction } from "../../../../actions";
import { ProtocolItems, type Decision } from "./protocol-items";

export type ProtocolOption = { id: string; name: string; condition: string; icd10Code: string | null; bodyRegions: BodyRegion[]; tags: string[]; mine?: boolean };

/** A protocol matches the picker's filter by name, condition, ICD-10 code or tag (any part, any case) and region. */
function matches(t: ProtocolOption, text: string, region: BodyRegion | ""): boolean {
  const needle = text.trim().toLowerCase();
  const inText = !needle || [t.name, t.condition, t.icd10Code ?? "", ...t.tags].some((v) => v.toLowerCase().includes(needle));
  return inText && (!region || t.bodyRegions.includes(region));
}
type Errors = Record<string, string[]>;
type TTemplateDecision = z.input<typeof ZTemplateDecision>;
type Status = { tone: "error" | "success"; message: string } | null;
type Prefill = { title: string; condition: string; icd10Code: string };

const REVIEW_AFTER_DAYS = 42;

/** A protocol item that is only added with a written reason: contraindicated, or a current "do not offer" (decision 044). */
const needsDecision = (i: TemplateItemPreview) => i.conflicts.length > 0 || (i.doNotOffer?.length ?? 0) > 0;

/** Decisions the clinician still owes: every contraindicated protocol item needs skip, or override with a reason. */
function decisionErrors(items: TemplateItemPreview[], decisions: Record<string, Decision>): Errors {
  const errors: Errors = {};
  for (const item of items.filter(needsDecision)) {
    const d = decisions[item.templateItemId];
    // One key per item: the contraindication's when there is one, else the guideline's (decision 044).
    const key = item.conflicts.length > 0 ? `decisions.${item.templateItemId}` : `guidelineReasons.${item.templateItemId}`;
    const min = Math.max(item.conflicts.length > 0 ? MIN_OVERRIDE_REASON_LENGTH : 0, (item.doNotOffer?.length ?? 0) > 0 ? MIN_GUIDELINE_REASON_LENGTH : 0);
    if (!d?.action) errors[key] = [`Choose: skip ${item.name}, or ${item.conflicts.length > 0 ? "override" : "keep"} it with a reason.`];
    else if (d.action === "override" && d.reason.trim().length < min) {
      errors[key] = [`Write a reason of at least ${min} characters to ${item.conflicts.length > 0 ? "override" : "keep"} ${item.name}.`];
    }
  }
  return errors;
}

/** A new DRAFT plan, from a protocol (its contraindicated items decided one by one) or blank. */
export function PlanForm({ patient, protocols, defaults }: { patient: { id: string; name: string }; protocols: ProtocolOption[]; defaults: { startDate: string; reviewDate: string } }) {
  const router = useRouter();
  const [source, setSource] = useState<"protocol" | "blank">(protocols.length > 0 ? "protocol" : "blank");
  const [protocolFilter, setProtocolFilter] = useState("");
  const [protocolRegion, setProtocolRegion] = useState<BodyRegion | "">("");
  const [templateId, setTemplateId] = useState("");
  const [preview, setPreview] = useState<{ templateId: string; items: TemplateItemPreview[] } | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [fields, setFields] = useState<Prefill & { startDate: string; reviewDate: string }>({ title: "", condition: "", icd10Code: "", ...defaults });
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const [loadingPreview, startPreview] = useTransition();
  const lastPrefill = useRef<Prefill>({ title: "", condition: "", icd10Code: "" });
  const latestTemplate = useRef("");
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const errorFor = (key: string) => errors[key] ?? [];
  const set = (key: keyof typeof fields, value: string) => setFields((f) => ({ ...f, [key]: value }));

  function loadPreview(id: string, options: { focusErrors?: boolean; condition?: { condition: string; icd10Code: string } } = {}) {
    latestTemplate.current = id;
    setPreviewError(null);
    if (!id) return setPreview(null);
    startPreview(async () => {
      const typed = options.condition && options.condition.condition.trim() ? { condition: options.condition.condition, icd10Code: options.condition.icd10Code || null } : {};
      const result = await previewPlanFromTemplateAction({ patientId: patient.id, templateId: id, ...typed });
      if (latestTemplate.current !== id) return;
      if (result.ok) {
        setPreview({ templateId: id, items: result.data });
        if (options.focusErrors) focusFirstError();
      } else {
        setPreview(null);
        setPreviewError(result.message);
      }
    });
  }

  function chooseProtocol(id: string) {
    setTemplateId(id);
    setDecisions({});
    setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !k.startsWith("decisions.") && !k.startsWith("guidelineReasons.") && k !== "templateId")));
    const protocol = protocols.find((p) => p.id === id);
    if (protocol) {
      // Prefill what the clinician has not typed themselves.
      const next: Prefill = { title: protocol.name, condition: protocol.condition, icd10Code: protocol.icd10Code ?? "" };
      setFields((f) => {
        const merged = { ...f };
        for (const key of ["title", "condition", "icd10Code"] as const) if (f[key].trim() === "" || f[key] === lastPrefill.current[key]) merged[key] = next[key];
        return merged;
      });
      lastPrefill.current = next;
    }
    loadPreview(id);
  }

  function changeStart(value: string) {
    setFields((f) => {
      // Keep the review six weeks out while the clinician has not picked their own date.
      const followStart = /^\d{4}-\d{2}-\d{2}$/.test(f.startDate) && f.reviewDate === addDays(f.startDate, REVIEW_AFTER_DAYS);
      const valid = /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));
      return { ...f, startDate: value, reviewDate: followStart && valid ? addDays(value, REVIEW_AFTER_DAYS) : f.reviewDate };
    });
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const d = new FormData(event.currentTarget);
    const fromProtocol = source === "protocol";
    const items = fromProtocol && preview?.templateId === templateId ? preview.items : [];
    const chosen = items.flatMap((i): TTemplateDecision[] => {
      const decision = decisions[i.templateItemId];
      if (i.conflicts.length === 0 || !decision?.action) return [];
      return decision.action === "skip"
        ? [{ templateItemId: i.templateItemId, action: "skip" }]
        : [{ templateItemId: i.templateItemId, action: "override", reason: decision.reason }];
    });
    // A kept "do not offer" item carries its reason (the same one when it is also contraindicated).
    const skipped = new Set(items.filter((i) => decisions[i.templateItemId]?.action === "skip").map((i) => i.templateItemId));
    const guidelineReasons = items
      .filter((i) => (i.doNotOffer?.length ?? 0) > 0 && !skipped.has(i.templateItemId) && decisions[i.templateItemId]?.action === "override")
      .map((i) => ({ templateItemId: i.templateItemId, reason: decisions[i.templateItemId]!.reason }));
    // Skipping an item only advised against still has to reach the server as a skip.
    const guidelineSkips = items
      .filter((i) => i.conflicts.length === 0 && (i.doNotOffer?.length ?? 0) > 0 && skipped.has(i.templateItemId))
      .map((i): TTemplateDecision => ({ templateItemId: i.templateItemId, action: "skip" }));
    const parsed = ZCreatePlan.safeParse({
      patientId: patient.id,
      templateId: fromProtocol ? templateId || null : null,
      decisions: [...chosen, ...guidelineSkips],
      guidelineReasons,
      ...fields,
      goals: String(d.get("goals") ?? ""),
      plannedSessions: String(d.get("plannedSessions") ?? ""),
    });
    const clientErrors: Errors = {
      ...(parsed.success ? {} : fieldErrorsOf(parsed.error)),
      ...(fromProtocol && !templateId ? { templateId: ["Choose a protocol, or start from a blank plan."] } : {}),
      ...decisionErrors(items, decisions),
    };
    if (!parsed.success || Object.keys(clientErrors).length > 0) {
      setErrors(clientErrors);
      setStatus({ tone: "error", message: "Please correct the highlighted fields. No plan was created." });
      focusFirstError();
      return;
    }
    if (fromProtocol && (loadingPreview || preview?.templateId !== templateId)) {
      // Every treatment must have been checked against the patient's flags before a decision can be asked for.
      setStatus({ tone: "error", message: previewError ?? "The protocol's treatments are still being checked. Try again in a moment." });
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await createPlanAction(parsed.data);
      if (result.ok) return router.push(`/clinic/plans/${result.data.id}`);
      setErrors(result.fieldErrors ?? {});
      setStatus({ tone: "error", message: `${result.message} No plan was created.` });
      if (result.fieldErrors) focusFirstError();
      // A decision asked for an item this page did not know was contraindicated: the flags changed; show them afresh.
      const known = new Set([
        ...items.filter((i) => i.conflicts.length > 0).map((i) => `decisions.${i.templateItemId}`),
        ...items.filter((i) => (i.doNotOffer?.length ?? 0) > 0).map((i) => `guidelineReasons.${i.templateItemId}`),
      ]);
      if (Object.keys(result.fieldErrors ?? {}).some((k) => (k.startsWith("decisions.") || k.startsWith("guidelineReasons.")) && !known.has(k))) {
        // The typed condition may match guidance the protocol's own did not: check against it.
        loadPreview(templateId, { focusErrors: true, condition: { condition: fields.condition, icd10Code: fields.icd10Code } });
        router.refresh();
      }
    });
  }

  const showItems = source === "protocol" && templateId !== "";
  // The chosen protocol stays listed even when the filter changes afterwards.
  const shownProtocols = protocols.filter((t) => t.id === templateId || matches(t, protocolFilter, protocolRegion));
  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-6" aria-label="New plan">
      <FormStatus status={status} />
      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">Start from</legend>
        <div className="flex flex-wrap gap-x-6">
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="source" value="protocol" checked={source === "protocol"} disabled={protocols.length === 0} onChange={() => setSource("protocol")} className="h-5 w-5" />
            From a protocol
          </label>
          <label className="flex min-h-11 items-center gap-2">
            <input type="radio" name="source" value="blank" checked={source === "blank"} onChange={() => setSource("blank")} className="h-5 w-5" />
            Blank
          </label>
        </div>
        {protocols.length === 0 && <p className="text-sm text-slate-600">No protocols are active yet: start blank and add treatments on the plan.</p>}
        {source === "protocol" && protocols.length > 0 && (
          <>
            {/* Narrow the list by condition, tag or body region (decision 040). */}
            <div className="grid gap-3 sm:grid-cols-2">
              <Field label="Find a protocol" hint="Name, condition, ICD-10 code or tag">
                {(p) => <input {...p} type="search" value={protocolFilter} onChange={(e) => setProtocolFilter(e.target.value)} className={inputClass} autoComplete="off" />}
              </Field>
              <Field label="Body region">
                {(p) => (
                  <select {...p} value={protocolRegion} onChange={(e) => setProtocolRegion(e.target.value as BodyRegion | "")} className={inputClass}>
                    <option value="">Any region</option>
                    {BODY_REGION_CHOICES.map(([value, text]) => (
                      <option key={value} value={value}>{text}</option>
                    ))}
                  </select>
                )}
              </Field>
            </div>
            <p aria-live="polite" className="text-sm text-slate-600">
              {shownProtocols.length === protocols.length ? `${protocols.length} ${protocols.length === 1 ? "protocol" : "protocols"}` : `${shownProtocols.length} of ${protocols.length} protocols match`}
            </p>
            <Field label="Protocol" hint="Its treatments, doses and phases are copied into the plan." error={errorFor("templateId")}>
              {(p) => (
                <select {...p} value={templateId} onChange={(e) => chooseProtocol(e.target.value)} className={inputClass}>
                  <option value="">{shownProtocols.length === 0 ? "No protocol matches: change the filter…" : "Choose a protocol…"}</option>
                  {shownProtocols.map((t) => (
                    <option key={t.id} value={t.id}>{t.mine ? `${t.name} (Mine)` : t.name}</option>
                  ))}
                </select>
              )}
            </Field>
          </>
        )}
        {source === "blank" && <p className="text-sm text-slate-600">You add treatments from the catalog on the plan page.</p>}
      </fieldset>

      <fieldset className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">Plan details</legend>
        <Field label="Title" error={errorFor("title")}>
          {(p) => <input {...p} value={fields.title} onChange={(e) => set("title", e.target.value)} className={inputClass} autoComplete="off" />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <div className="sm:col-span-2">
            <Field label="Condition" error={errorFor("condition")}>
              {(p) => <input {...p} value={fields.condition} onChange={(e) => set("condition", e.target.value)} className={inputClass} autoComplete="off" />}
            </Field>
          </div>
          <Field label="ICD-10 code (optional)" hint="e.g. M62.830" error={errorFor("icd10Code")}>
            {(p) => <input {...p} value={fields.icd10Code} onChange={(e) => set("icd10Code", e.target.value)} className={`${inputClass} font-mono`} autoComplete="off" />}
          </Field>
        </div>
        <Field label="Goals" hint="What the patient should be able to do, and by when." error={errorFor("goals")}>
          {(p) => <textarea {...p} name="goals" rows={3} className={inputClass} />}
        </Field>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field label="Start date" error={errorFor("startDate")}>
            {(p) => <input {...p} type="date" value={fields.startDate} onChange={(e) => changeStart(e.target.value)} className={inputClass} />}
          </Field>
          <Field label="Review date" hint="Default: six weeks after the start." error={errorFor("reviewDate")}>
            {(p) => <input {...p} type="date" value={fields.reviewDate} min={fields.startDate} onChange={(e) => set("reviewDate", e.target.value)} className={inputClass} />}
          </Field>
          <Field label="Planned in-clinic sessions" hint="0 for a home-only plan." error={errorFor("plannedSessions")}>
            {(p) => <input {...p} name="plannedSessions" type="number" min={0} max={100} inputMode="numeric" defaultValue="" className={inputClass} />}
          </Field>
        </div>
      </fieldset>

      {showItems && (
        <section aria-labelledby="protocol-items-heading" aria-busy={loadingPreview} className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="protocol-items-heading" className="text-lg font-semibold">Treatments from the protocol</h2>
          <div aria-live="polite">
            {loadingPreview && preview?.templateId !== templateId && <p className="text-sm text-slate-600">Checking the protocol&apos;s treatments against {patient.name}&apos;s flags…</p>}
            {previewError && <p className="text-sm text-red-700">{previewError}</p>}
          </div>
          {preview && preview.templateId === templateId && (
            <div className="mt-2">
              <ProtocolItems
                items={preview.items}
                patientName={patient.name}
                decisions={decisions}
                errors={errors}
                onDecide={(id, decision) => {
                  setDecisions((all) => ({ ...all, [id]: decision }));
                  // A new choice answers the error; the reason's length is checked again on submit.
                  if (decision.action !== decisions[id]?.action) {
                    setErrors((all) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== `decisions.${id}` && key !== `guidelineReasons.${id}`)));
                  }
                }}
              />
            </div>
          )}
        </section>
      )}

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Creating…" : "Create draft plan"}
        </button>
        <Link href={`/clinic/patients/${patient.id}`} className="inline-flex min-h-11 items-center px-2 text-brand-700 underline">Cancel</Link>
      </div>
    </form>
  );
}
