"use client";

import { useRouter } from "next/navigation";
import { useId, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { formatDate, label } from "@/app/_components/format";
import type { TemplateProposal } from "@/lib/domain/templates/own-templates";
import { MIN_DECLINE_REASON_LENGTH } from "@/lib/validation/templates";
import { reviewTemplateProposalAction } from "../actions";

/** Protocols clinicians proposed to the clinic (decision 039): approve (optionally renamed) or decline with a reason. */
export function TemplateProposals({ proposals }: { proposals: TemplateProposal[] }) {
  if (proposals.length === 0) return <p className="text-sm text-slate-600">No proposals are waiting.</p>;
  return (
    <ul className="space-y-3" aria-label="Proposed protocols">
      {proposals.map((p) => (
        <Proposal key={p.id} proposal={p} />
      ))}
    </ul>
  );
}

function Proposal({ proposal }: { proposal: TemplateProposal }) {
  const router = useRouter();
  const id = useId();
  const [mode, setMode] = useState<"approve" | "decline" | null>(null);
  const [name, setName] = useState(proposal.name);
  const [reason, setReason] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mode === "decline" && reason.trim().length < MIN_DECLINE_REASON_LENGTH) {
      setErrors({ reason: [`Tell ${proposal.ownerName} why, in at least ${MIN_DECLINE_REASON_LENGTH} characters.`] });
      return;
    }
    setErrors({});
    startTransition(async () => {
      const input =
        mode === "approve"
          ? { id: proposal.id, version: proposal.version, decision: "APPROVE" as const, ...(name.trim() !== proposal.name ? { name } : {}) }
          : { id: proposal.id, version: proposal.version, decision: "DECLINE" as const, reason };
      const result = await reviewTemplateProposalAction(input);
      if (result.ok) {
        router.refresh();
        return;
      }
      setErrors(result.fieldErrors ?? {});
      setStatus({ tone: "error", message: result.message });
    });
  }

  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`${id}-name`} className="font-semibold break-words">{proposal.name}</h3>
      <p className="text-sm text-slate-700">
        {proposal.condition}
        {proposal.icd10Code && <> · ICD-10 <span className="font-mono">{proposal.icd10Code}</span></>} · proposed by {proposal.ownerName} on {formatDate(proposal.proposedAt)}
      </p>
      {proposal.description && <p className="mt-1 whitespace-pre-line text-sm text-slate-700">{proposal.description}</p>}
      <ol className="mt-2 list-decimal pl-5 text-sm">
        {proposal.items.map((i) => (
          <li key={i.id}>
            {i.name} · {label(i.setting)} · {label(i.phase)}
            {!i.catalogActive && <span className="ml-1 text-amber-900">(no longer active in the catalog: clinicians will not see it)</span>}
          </li>
        ))}
      </ol>
      <div className="mt-3 flex flex-wrap gap-3">
        <button type="button" aria-expanded={mode === "approve"} onClick={() => setMode(mode === "approve" ? null : "approve")} className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
          Approve…
        </button>
        <button type="button" aria-expanded={mode === "decline"} onClick={() => setMode(mode === "decline" ? null : "decline")} className="min-h-11 rounded-md border border-slate-300 px-4 font-medium">
          Decline…
        </button>
      </div>
      {mode && (
        <form onSubmit={submit} noValidate className="mt-3 space-y-3" aria-label={`${mode === "approve" ? "Approve" : "Decline"} ${proposal.name}`}>
          <FormStatus status={status} />
          {mode === "approve" ? (
            <Field label="Name in the clinic's protocols" hint="Change it if the clinic already has a protocol with this name." error={errors.name}>
              {(p) => <input {...p} value={name} onChange={(e) => setName(e.target.value)} maxLength={120} className={inputClass} autoComplete="off" />}
            </Field>
          ) : (
            <Field label={`Reason, shown to ${proposal.ownerName}`} hint={`At least ${MIN_DECLINE_REASON_LENGTH} characters. The protocol stays their own.`} error={errors.reason}>
              {(p) => <textarea {...p} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} className={inputClass} />}
            </Field>
          )}
          <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
            {pending ? "Saving…" : mode === "approve" ? "Approve as a clinic protocol" : "Decline the proposal"}
          </button>
        </form>
      )}
    </li>
  );
}
