"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { requestOdiAction } from "../actions";

/** Ask the patient to fill in an ODI on their phone, or withdraw an open request. */
export function OdiRequest({ planId, requestedOn, patientName }: { planId: string; requestedOn: string | null; patientName: string }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  function send(requested: boolean) {
    startTransition(async () => {
      const result = await requestOdiAction({ planId, requested });
      if (!result.ok) return setStatus({ tone: "error", message: result.message });
      setStatus({ tone: "success", message: requested ? `${patientName} will be asked for an ODI on their Today page.` : "The request was withdrawn." });
      router.refresh();
    });
  }
  return (
    <div className="space-y-2 text-sm">
      {requestedOn ? (
        <p>
          ODI requested on <strong>{requestedOn}</strong>: waiting for {patientName} to answer it at home.
        </p>
      ) : (
        <p className="text-slate-700">Ask {patientName} to fill in the Oswestry Disability Index at home; the score joins the progress chart.</p>
      )}
      <button
        type="button"
        disabled={pending}
        onClick={() => send(!requestedOn)}
        className="min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-50 disabled:opacity-50"
      >
        {pending ? "Saving…" : requestedOn ? "Withdraw the ODI request" : "Ask for an ODI from home"}
      </button>
      <FormStatus status={status} />
    </div>
  );
}
