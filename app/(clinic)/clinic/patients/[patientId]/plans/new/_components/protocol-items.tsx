"use client";

import { useId } from "react";
import { inputClass } from "@/app/_components/form/field";
import { label } from "@/app/_components/format";
import type { TemplateItemPreview } from "@/lib/domain/plans/create-plan";
import { MIN_OVERRIDE_REASON_LENGTH } from "@/lib/domain/plans/rules";
import { GuidelineStances } from "@/app/_components/guidelines/guideline-stances";
import { MIN_GUIDELINE_REASON_LENGTH, sourceLabel } from "@/lib/domain/guidelines/rules";

export type Decision = { action?: "skip" | "override"; reason: string };

/** What a protocol would add to the plan; each contraindicated treatment asks: skip, or override with a reason. */
export function ProtocolItems({
  items,
  patientName,
  decisions,
  errors,
  onDecide,
  from = "protocol",
}: {
  items: TemplateItemPreview[];
  patientName: string;
  decisions: Record<string, Decision>;
  errors: Record<string, string[]>;
  onDecide: (templateItemId: string, decision: Decision) => void;
  /** Where the treatments come from: a protocol, or the plan being copied (decision 039). */
  from?: "protocol" | "plan";
}) {
  const conflicting = items.filter((i) => i.conflicts.length > 0).length;
  const advisedAgainst = items.filter((i) => (i.doNotOffer?.length ?? 0) > 0).length;
  return (
    <>
      <p className="text-sm text-slate-700">
        {items.length} {items.length === 1 ? "treatment" : "treatments"} from this {from}.{" "}
        {conflicting > 0 ? (
          <strong className="text-red-800">
            {conflicting} {conflicting === 1 ? "is" : "are"} contraindicated for {patientName}: skip {conflicting === 1 ? "it" : "each"}, or override with a written reason.
          </strong>
        ) : (
          "None is contraindicated for this patient."
        )}
        {advisedAgainst > 0 && (
          <>
            {" "}
            <strong className="text-red-800">
              {advisedAgainst} {advisedAgainst === 1 ? "is" : "are"} advised against (&ldquo;do not offer&rdquo;) by a current guideline for this condition: skip {advisedAgainst === 1 ? "it" : "each"}, or keep it with a
              written reason.
            </strong>
          </>
        )}
      </p>
      <ol className="mt-3 space-y-2">
        {items.map((item) =>
          item.conflicts.length > 0 || (item.doNotOffer?.length ?? 0) > 0 ? (
            <ConflictingItem
              key={item.templateItemId}
              item={item}
              decision={decisions[item.templateItemId] ?? { reason: "" }}
              error={[...(errors[`decisions.${item.templateItemId}`] ?? []), ...(errors[`guidelineReasons.${item.templateItemId}`] ?? [])]}
              onDecide={onDecide}
            />
          ) : (
            <li key={item.templateItemId} className="flex flex-wrap items-baseline justify-between gap-2 rounded-md border border-slate-200 px-3 py-2">
              <span className="font-medium">{item.name}</span>
              <span className="text-xs text-slate-600">{label(item.setting)} · {label(item.phase)}</span>
              {errors[`decisions.${item.templateItemId}`] && <p className="w-full text-sm text-red-700">{errors[`decisions.${item.templateItemId}`]!.join(" ")}</p>}
              <div className="w-full">
                <GuidelineStances statements={item.stances ?? []} treatmentName={item.name} />
              </div>
            </li>
          ),
        )}
      </ol>
    </>
  );
}

function ConflictingItem({
  item,
  decision,
  error,
  onDecide,
}: {
  item: TemplateItemPreview;
  decision: Decision;
  error?: string[];
  onDecide: (templateItemId: string, decision: Decision) => void;
}) {
  const id = useId();
  const explainId = `${id}-explain`;
  const errorId = error?.length ? `${id}-error` : undefined;
  const contraindicated = item.conflicts.length > 0;
  const against = item.doNotOffer ?? [];
  const min = Math.max(contraindicated ? MIN_OVERRIDE_REASON_LENGTH : 0, against.length > 0 ? MIN_GUIDELINE_REASON_LENGTH : 0);
  const describedBy = [explainId, errorId].filter(Boolean).join(" ");
  const radioInvalid = Boolean(errorId) && decision.action !== "override";
  const reasonInvalid = Boolean(errorId) && decision.action === "override";
  const flags = item.conflicts.map(label).join(", ");
  return (
    <li className="rounded-md border-2 border-red-300 bg-red-50 px-3 py-3">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className="font-medium">{item.name}</span>
        <span className="text-xs text-slate-700">{label(item.setting)} · {label(item.phase)}</span>
      </div>
      <p id={explainId} className="mt-1 text-sm text-red-900">
        {contraindicated && (
          <>
            Contraindicated for this patient: <strong>{flags}</strong>.{" "}
          </>
        )}
        {against.length > 0 && (
          <>
            <strong>{[...new Set(against.map(sourceLabel))].join(", ")}</strong> {against.length === 1 ? "says" : "say"} do not offer it for this condition.{" "}
          </>
        )}
        It is only added with a written {contraindicated ? "override" : "reason"}.
      </p>
      <GuidelineStances statements={item.stances ?? []} treatmentName={item.name} />
      <div className="mt-2">
        <p id={`${id}-legend`} className="text-sm font-medium">Decision for {item.name}</p>
        {/* Focus lands here when the decision is missing: the group reads its name, the explanation and the error. */}
        <div
          role="radiogroup"
          aria-labelledby={`${id}-legend`}
          aria-describedby={describedBy}
          aria-required="true"
          aria-invalid={radioInvalid}
          tabIndex={-1}
          className="flex flex-wrap gap-x-6 rounded focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600"
        >
          {(
            [
              ["skip", "Skip this treatment"],
              ["override", contraindicated ? "Override with a reason" : "Keep it, with a reason"],
            ] as const
          ).map(([action, text]) => (
            <label key={action} className="flex min-h-11 items-center gap-2 text-sm">
              <input
                type="radio"
                name={`decision-${item.templateItemId}`}
                value={action}
                checked={decision.action === action}
                onChange={() => onDecide(item.templateItemId, { ...decision, action })}
                className="h-5 w-5"
              />
              {text}
            </label>
          ))}
        </div>
        {decision.action === "override" && (
          <div className="mt-1">
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium">
              Reason for {contraindicated ? "overriding" : "keeping"} {item.name}
            </label>
            <p id={`${id}-hint`} className="text-xs text-slate-700">
              At least {min} characters. It is stored on the activity, shown on the plan and audited{against.length > 0 ? ", and listed in the clinic's guideline report" : ""}.
            </p>
            <textarea
              id={`${id}-reason`}
              rows={2}
              value={decision.reason}
              onChange={(e) => onDecide(item.templateItemId, { ...decision, reason: e.target.value })}
              aria-invalid={reasonInvalid}
              aria-describedby={[`${id}-hint`, errorId].filter(Boolean).join(" ")}
              className={`${inputClass} mt-1`}
            />
          </div>
        )}
      </div>
      {errorId && (
        <p id={errorId} className="mt-1 text-sm font-medium text-red-800">
          {error!.join(" ")}
        </p>
      )}
    </li>
  );
}
