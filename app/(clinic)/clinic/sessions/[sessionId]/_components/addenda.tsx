"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { formatTimestamp } from "@/app/_components/format";
import type { SessionDetail } from "@/lib/domain/sessions/get-session";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { ZAddendum } from "@/lib/validation/sessions";
import { addSessionAddendumAction } from "../../actions";
import { errorsFor, failureStatus, type Status } from "../../_components/result-status";

/** Corrections to a signed note, each with its author and time; a new one is added after a confirmation. */
export function Addenda({ sessionId, addenda, timeZone }: { sessionId: string; addenda: SessionDetail["addenda"]; timeZone: string }) {
  const router = useRouter();
  const text = useRef<HTMLTextAreaElement>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [status, setStatus] = useState<Status>(null);
  const [pending, startTransition] = useTransition();

  /** The addendum as it would be sent, or null with the reason shown next to the box (and focus on it). */
  function validated() {
    const parsed = ZAddendum.safeParse({ sessionId, text: text.current?.value ?? "" });
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus(null);
      text.current?.focus();
      return null;
    }
    setErrors({});
    return parsed.data;
  }

  function add() {
    const data = validated();
    if (!data) return;
    startTransition(async () => {
      const result = await addSessionAddendumAction(data);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setStatus(failureStatus(result, () => router.refresh()));
        return;
      }
      if (text.current) text.current.value = "";
      setStatus({ tone: "success", message: "Addendum added to the signed note." });
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {addenda.length === 0 ? (
        <p className="text-sm text-slate-600">No addenda.</p>
      ) : (
        <ol className="space-y-2" aria-label="Addenda to the signed note">
          {addenda.map((a) => (
            <li key={a.id} className="rounded-md border border-slate-200 p-3 text-sm">
              <p className="whitespace-pre-line break-words">{a.text}</p>
              <p className="mt-1 text-xs text-slate-600">
                Added by {a.authorName} on {formatTimestamp(a.createdAt, timeZone)}
              </p>
            </li>
          ))}
        </ol>
      )}
      <form onSubmit={(e) => e.preventDefault()} noValidate aria-label="Add an addendum" className="space-y-3">
        <Field label="Addendum" hint="A correction or addition. It is saved with your name and the time, and can't be changed afterwards." error={errorsFor(errors, "text")}>
          {(p) => <textarea {...p} ref={text} name="text" rows={3} className={inputClass} />}
        </Field>
        <FormStatus status={status} />
        <ConfirmButton
          label={pending ? "Adding…" : "Add addendum"}
          title="Add this addendum?"
          body="It becomes part of the signed record with your name and the time, and can't be edited or removed."
          confirmLabel="Add addendum"
          tone="default"
          disabled={pending}
          // An empty or too short addendum is refused before "can't be undone" is asked.
          canOpen={() => validated() !== null}
          onConfirm={add}
        />
      </form>
    </div>
  );
}
