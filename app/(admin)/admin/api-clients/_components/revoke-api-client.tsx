"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { FormStatus } from "@/app/_components/form/form-status";
import { revokeApiClientAction } from "../actions";

/** Revoke, after a confirmation: the token stops working at once, for good. */
export function RevokeApiClient({ id, name, version }: { id: string; name: string; version: number }) {
  const router = useRouter();
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  return (
    <div>
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
      <FormStatus status={status} />
    </div>
  );
}
