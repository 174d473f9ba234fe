"use client";

import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { FormStatus } from "@/app/_components/form/form-status";
import { signOutNow } from "@/app/_components/sign-out";
import { signOutEverywhereAction } from "../actions";

/** Ends every session of the account, then this browser's cookie too, and goes to sign-in. */
export function SignOutEverywhere({ others }: { others: number }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="space-y-3">
      <FormStatus status={error ? { tone: "error", message: error } : null} />
      <ConfirmButton
        label={pending ? "Signing out everywhere…" : "Sign out everywhere"}
        title="Sign out everywhere?"
        body={`Every browser signed in to your account${others > 0 ? ` (${others} besides this one)` : ""} is signed out on its next request, this one included. You sign in again with your password.`}
        confirmLabel="Sign out everywhere"
        disabled={pending}
        onConfirm={() =>
          startTransition(async () => {
            const result = await signOutEverywhereAction({ confirm: true });
            if (!result.ok) return setError(result.message);
            await signOutNow("/sign-in");
          })
        }
      />
    </div>
  );
}
