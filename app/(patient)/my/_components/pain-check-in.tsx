"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { selfReportPainAction } from "../actions";
import { ScalePicker } from "./scale-picker";

/** "How is your pain today?": the patient's own NPRS, once a day (a second answer corrects it). */
export function PainCheckIn({ reported }: { reported: number | null }) {
  const router = useRouter();
  const [editing, setEditing] = useState(reported === null);
  const [pain, setPain] = useState<number | null>(reported);
  const [error, setError] = useState<string[] | undefined>();
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  if (!editing && reported !== null) {
    return (
      <div className="space-y-2">
        <p>
          You rated your pain today <strong>{reported} out of 10</strong>.
        </p>
        <FormStatus status={status} />
        <button type="button" onClick={() => { setEditing(true); setStatus(null); }} className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
          Change today&apos;s pain score
        </button>
      </div>
    );
  }
  return (
    <form
      noValidate
      aria-label="Today's pain"
      className="space-y-3"
      onSubmit={(event) => {
        event.preventDefault();
        if (pain === null) {
          setError(["Choose a number from 0 to 10."]);
          setStatus({ tone: "error", message: "Choose a number from 0 to 10. Nothing was saved." });
          return;
        }
        setError(undefined);
        startTransition(async () => {
          const result = await selfReportPainAction({ pain });
          if (!result.ok) {
            setError(result.fieldErrors?.pain);
            setStatus({ tone: "error", message: result.message });
            return;
          }
          setEditing(false);
          setStatus({ tone: "success", message: `Saved: pain ${result.data.pain}/10 today. Your clinician will see it.` });
          router.refresh();
        });
      }}
    >
      <ScalePicker name="pain-today" legend="How bad is your pain right now?" hint="0 = no pain, 10 = worst pain imaginable" min={0} max={10} value={pain} onChange={setPain} error={error} />
      <FormStatus status={status} />
      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 font-semibold text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Saving…" : "Save my pain score"}
      </button>
    </form>
  );
}
