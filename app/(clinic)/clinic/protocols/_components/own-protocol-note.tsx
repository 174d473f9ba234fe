import type { TemplateProposalStatus } from "@/lib/enums";

/** "Mine" and, for a proposal, where it stands: awaiting approval, or declined and why (decision 039). */
export function OwnProtocolNote({ proposalStatus, proposalNote }: { proposalStatus: TemplateProposalStatus | null; proposalNote: string | null }) {
  return (
    <p className="flex flex-wrap items-center gap-2 text-sm">
      <span className="rounded bg-brand-50 px-1.5 py-0.5 font-medium text-brand-800 ring-1 ring-brand-100">Mine</span>
      {proposalStatus === "PENDING" && <span className="text-slate-700">Proposed to the clinic, awaiting an administrator&apos;s answer.</span>}
      {proposalStatus === "DECLINED" && (
        <span className="text-amber-900">
          Proposal declined{proposalNote ? `: ${proposalNote}` : "."} It stays your own protocol.
        </span>
      )}
    </p>
  );
}
