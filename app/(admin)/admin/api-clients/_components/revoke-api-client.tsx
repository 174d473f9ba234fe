"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { FormStatus } from "@/app/_components/form/form-status";
import { revokeApiClientAction } from "../actions";

/**
 * Revoke, after a confirmation: the token stops working at once, for good. Rendered whatever the
 * client's state, so the confirmation stays on screen after the page refreshes to "Revoked" (the
 * button goes; the message, kept in this component's state, does not).
 */
export function RevokeApiClient({ id, name, version, active }: { id: string; name: string; version: number; active: boolean }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
      {active && (
        <ConfirmButton
          label="Revoke"
          title={`Revoke “${name}”?`}
          body="Its token is refused from the next request on, for good. The system that uses it loses access until you give it a new client's token."
          confirmLabel="Revoke"
          disabled={pending}
          onConfirm={() =>
            startTransition(async () => {
              const result = await revokeApiClientAction({ id, version });
              setStatus(result.ok ? { tone: "success", message: `Revoked “${name}”.` } : { tone: "error", message: result.message });
              if (result.ok) router.refresh();
            })
          }
        />
      )}
      <FormStatus status={status} />
    </div>
  );
}
