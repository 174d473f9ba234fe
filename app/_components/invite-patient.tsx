"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { formatDateTime } from "@/app/_components/format";
import type { PortalAccessStatus } from "@/lib/domain/accounts/dto";
import type { ActionResult } from "@/lib/server/with-route";

type Errors = Record<string, string[]>;
type InviteAction = (input: { patientId: string; email: string }) => Promise<ActionResult<{ userId: string; expiresAt: string }>>;

function describe(status: PortalAccessStatus, timeZone: string): string {
  switch (status.state) {
    case "none":
      return "Not invited yet.";
    case "invited":
      return `Invited on ${formatDateTime(status.invitedAt, timeZone)} (${status.email}); the link expires ${formatDateTime(status.expiresAt, timeZone)}.`;
    case "invitation-expired":
      return `The invitation of ${formatDateTime(status.invitedAt, timeZone)} to ${status.email} can no longer be used. Send a new one.`;
    case "active":
      return `Active account: the patient signs in as ${status.email}.`;
    case "deactivated":
      return `The account ${status.email} is deactivated: an admin can reactivate it.`;
  }
}

/**
 * "Invite to the patient app" (decision 034): the portal status and, until the patient has an
 * active account, the email form (prefilled from the record). Sending again replaces the earlier link.
 */
export function InvitePatient({
  patientId,
  defaultEmail,
  status,
  timeZone,
  invite,
}: {
  patientId: string;
  defaultEmail: string | null;
  status: PortalAccessStatus;
  timeZone: string;
  invite: InviteAction;
}) {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [result, setResult] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const canInvite = status.state === "none" || status.state === "invited" || status.state === "invitation-expired";
  const again = status.state !== "none";

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [attempt]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setErrors({});
    setResult(null);
    startTransition(async () => {
      const answer = await invite({ patientId, email });
      if (!answer.ok) {
        setErrors(answer.fieldErrors ?? {});
        setResult({ tone: "error", message: answer.message });
        setAttempt((n) => n + 1);
        return;
      }
      setResult({ tone: "success", message: `Invitation emailed to ${email.toLowerCase()}. The link works once, until ${formatDateTime(answer.data.expiresAt, timeZone)}.` });
      router.refresh();
    });
  }

  return (
    <section aria-labelledby="portal-access-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="portal-access-heading" className="mb-2 text-lg font-semibold">Patient app</h2>
      <p className="text-sm text-slate-700" data-testid="portal-status">{describe(status, timeZone)}</p>
      {canInvite ? (
        <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Invite to the patient app" className="mt-3 space-y-3">
          <FormStatus status={result} />
          <div className="flex flex-wrap items-end gap-3">
            <div className="min-w-0 flex-1 basis-64">
              <Field label="Patient's email" hint="The patient gets a link to choose their password (valid once, for 72 hours)." error={errors.email}>
                {(p) => <input {...p} name="email" type="email" autoComplete="off" defaultValue={status.state === "none" ? (defaultEmail ?? "") : status.email} className={inputClass} />}
              </Field>
            </div>
            <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-60">
              {pending ? "Sending…" : again ? "Send a new invitation" : "Invite to the patient app"}
            </button>
          </div>
        </form>
      ) : (
        result && <div className="mt-3"><FormStatus status={result} /></div>
      )}
    </section>
  );
}
