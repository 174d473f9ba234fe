"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { label } from "@/app/_components/format";
import type { LeftOutActivity } from "@/lib/domain/plans/copy-plan";
import type { TemplateItemPreview } from "@/lib/domain/plans/create-plan";
import { MIN_GUIDELINE_REASON_LENGTH } from "@/lib/domain/guidelines/rules";
import { MIN_OVERRIDE_REASON_LENGTH } from "@/lib/domain/plans/rules";
import type { Contraindication } from "@/lib/enums";
import { ProtocolItems, type Decision } from "@/app/(clinic)/clinic/patients/[patientId]/plans/new/_components/protocol-items";
import type { TCopyPlan } from "@/lib/validation/plans";
import { copyPlanAction } from "../../actions";

type Errors = Record<string, string[]>;

/** A treatment kept only with a written reason: contraindicated, or a current "do not offer" (decision 044). */
const needsDecision = (i: TemplateItemPreview) => i.conflicts.length > 0 || (i.doNotOffer?.length ?? 0) > 0;
type Status = { tone: "error" | "success"; message: string } | null;

/** The copy's start date and a decision for every treatment contraindicated for the target patient. */
export function CopyPlanForm({
  planId,
  target,
  items,
  leftOut,
  defaultStartDate,
}: {
  planId: string;
  target: { id: string; name: string; flags: Contraindication[] };
  items: TemplateItemPreview[];
  leftOut: LeftOutActivity[];
  defaultStartDate: string;
}) {
  const router = useRouter();
  const [startDate, setStartDate] = useState(defaultStartDate);
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();
  const { ref: formRef, focusFirstError } = useFocusFirstError();

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const missing: Errors = {};
    for (const item of items.filter(needsDecision)) {
      const d = decisions[item.templateItemId];
      // One key per item: the contraindication's when there is one, else the guideline's (decision 044).
      const key = item.conflicts.length > 0 ? `decisions.${item.templateItemId}` : `guidelineReasons.${item.templateItemId}`;
      const min = Math.max(item.conflicts.length > 0 ? MIN_OVERRIDE_REASON_LENGTH : 0, (item.doNotOffer?.length ?? 0) > 0 ? MIN_GUIDELINE_REASON_LENGTH : 0);
      if (!d?.action) missing[key] = [`Choose: skip ${item.name}, or ${item.conflicts.length > 0 ? "override" : "keep"} it with a reason.`];
      else if (d.action === "override" && d.reason.trim().length < min) missing[key] = [`Write a reason of at least ${min} characters to ${item.conflicts.length > 0 ? "override" : "keep"} ${item.name}.`];
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate)) missing.startDate = ["Enter the start date."];
    if (Object.keys(missing).length > 0) {
      setErrors(missing);
      setStatus({ tone: "error", message: "Please correct the highlighted fields. No plan was created." });
      focusFirstError();
      return;
    }
    const chosen = items.flatMap((i): TCopyPlan["decisions"] & object => {
      const d = decisions[i.templateItemId];
      if (!needsDecision(i) || !d?.action) return [];
      if (d.action === "skip") return [{ activityId: i.templateItemId, action: "skip" as const }];
      return i.conflicts.length > 0 ? [{ activityId: i.templateItemId, action: "override" as const, reason: d.reason }] : [];
    });
    // A kept "do not offer" treatment carries its reason (the same one when it is also contraindicated).
    const guidelineReasons = items
      .filter((i) => (i.doNotOffer?.length ?? 0) > 0 && decisions[i.templateItemId]?.action === "override")
      .map((i) => ({ activityId: i.templateItemId, reason: decisions[i.templateItemId]!.reason }));
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await copyPlanAction({ planId, patientId: target.id, startDate, decisions: chosen, guidelineReasons });
      if (result.ok) return router.push(`/clinic/plans/${result.data.id}`);
      setErrors(result.fieldErrors ?? {});
      setStatus({ tone: "error", message: `${result.message} No plan was created.` });
      // The patient's flags may have changed since this page was drawn: draw the check afresh.
      if (Object.keys(result.fieldErrors ?? {}).some((k) => k.startsWith("decisions.") || k.startsWith("guidelineReasons."))) router.refresh();
      focusFirstError();
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-4" aria-label={`Copy for ${target.name}`}>
      <FormStatus status={status} />
      <section aria-labelledby="copy-items" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="copy-items" className="text-lg font-semibold">Treatments for {target.name}</h2>
        <p className="mb-2 text-sm">
          <span className="font-medium">Contraindication flags:</span>{" "}
          {target.flags.length === 0 ? <span className="text-slate-600">none recorded</span> : target.flags.map(label).join(", ")}
        </p>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">No treatment of this plan can be copied: the copy starts empty and you add treatments on its page.</p>
        ) : (
          <ProtocolItems
            from="plan"
            items={items}
            patientName={target.name}
            decisions={decisions}
            errors={errors}
            onDecide={(id, decision) => {
              setDecisions((all) => ({ ...all, [id]: decision }));
              if (decision.action !== decisions[id]?.action) setErrors((all) => Object.fromEntries(Object.entries(all).filter(([key]) => key !== `decisions.${id}` && key !== `guidelineReasons.${id}`)));
            }}
          />
        )}
        {leftOut.length > 0 && (
          <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            <p className="font-medium">
              {leftOut.length === 1 ? "1 treatment is" : `${leftOut.length} treatments are`} left out of the copy:
            </p>
            <ul className="list-disc pl-5">
              {leftOut.map((l) => (
                <li key={l.activityId}>
                  {l.name}: {l.reason}.
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>
      <div className="max-w-xs">
        <Field label="Start date of the copy" hint="The review date keeps the original plan's interval." error={errors.startDate}>
          {(p) => <input {...p} type="date" value={startDate} onChange={(e) => setStartDate(e.target.value)} className={inputClass} />}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Copying…" : `Create draft copy for ${target.name}`}
        </button>
        <Link href={`/clinic/plans/${planId}`} className="inline-flex min-h-11 items-center px-2 text-brand-700 underline">Cancel</Link>
      </div>
    </form>
  );
}
