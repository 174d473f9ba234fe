"use client";

import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import type { CopyableSection } from "@/lib/validation/sessions";
import { copyForwardNoteAction } from "../../actions";

/** A copy taken into this draft: where from, and each copied section's text while unedited. */
export type Copy = { sessionId: string; startsAt: string; texts: Partial<Record<CopyableSection, string>>; claim: boolean };

/** "12 Nov": the day of the note copied from, in the clinic's time zone. */
export const copiedDay = (startsAt: string, timeZone: string) => new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone }).format(new Date(startsAt));

/**
 * "Copy forward" (decision 037): takes the Subjective and Objective of the last signed note of this
 * plan into the draft. Into empty boxes at once; over typed text only after the question.
 */
export function CopyForwardButton({ sessionId, typedSections, onCopy }: { sessionId: string; typedSections: () => string[]; onCopy: (copy: Copy) => void }) {
  const [typed, setTyped] = useState<string[]>([]);
  const [message, setMessage] = useState<{ tone: "error" | "info"; text: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function copy() {
    startTransition(async () => {
      const result = await copyForwardNoteAction({ sessionId });
      if (!result.ok) return setMessage({ tone: "error", text: result.message });
      const texts = Object.fromEntries((["subjective", "objective"] as const).filter((s) => result.data[s]).map((s) => [s, result.data[s]!]));
      onCopy({ sessionId: result.data.fromSessionId, startsAt: result.data.fromStartsAt, texts, claim: true });
      setMessage({ tone: "info", text: "Copied. Edit each copied section for this visit: the note can't be signed while one is unedited." });
    });
  }

  return (
    <div>
      <ConfirmButton
        label={pending ? "Copying…" : "Copy forward from the last signed note"}
        title="Replace what you have written?"
        body={`The last signed note's text replaces what is in ${typed.join(" and ") || "these sections"}. This can't be undone.`}
        confirmLabel="Replace with the copy"
        tone="danger"
        disabled={pending}
        canOpen={() => {
          const now = typedSections();
          setTyped(now);
          if (now.length > 0) return true;
          copy();
          return false;
        }}
        onConfirm={copy}
      />
      <p aria-live="polite" className={`mt-1 text-sm ${message?.tone === "error" ? "text-red-800" : "text-slate-700"}`}>
        {message?.text}
      </p>
    </div>
  );
}
