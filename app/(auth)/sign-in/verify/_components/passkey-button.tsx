"use client";

import { startAuthentication } from "@simplewebauthn/browser";
import { useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { passkeyAuthenticationOptionsAction, verifyPasskeyAction } from "../actions";

/** The second step with one of the account's passkeys. */
export function PasskeyButton({ home }: { home: string }) {
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();

  function use() {
    setStatus(null);
    startTransition(async () => {
      const options = await passkeyAuthenticationOptionsAction({});
      if (!options.ok) return setStatus({ tone: "error", message: options.message });
      let response;
      try {
        response = await startAuthentication({ optionsJSON: options.data });
      } catch {
        return setStatus({ tone: "error", message: "The passkey was not used (cancelled, or not on this device)." });
      }
      const result = await verifyPasskeyAction({ response });
      if (!result.ok) return setStatus({ tone: "error", message: result.message });
      window.location.assign(home);
    });
  }

  return (
    <div className="space-y-3">
      <FormStatus status={status} />
      <button type="button" onClick={use} disabled={pending} className="min-h-11 w-full rounded-md border border-brand-600 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50 disabled:opacity-60">
        {pending ? "Waiting for your passkey…" : "Use a passkey"}
      </button>
    </div>
  );
}
