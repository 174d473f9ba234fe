"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useHydrated } from "@/app/_components/form/use-hydrated";
import { verifySecondFactorAction } from "../actions";

type Errors = Record<string, string[]>;
type Method = "totp" | "recovery";

/** A code from the authenticator app, or (switchable) one of the recovery codes. */
export function VerifyForm({ home }: { home: string }) {
  const [method, setMethod] = useState<Method>("totp");
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [attempt]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await verifySecondFactorAction({ method, code });
      if (result.ok) {
        // A full navigation: every server component renders again for the completed sign-in.
        window.location.assign(home);
        return;
      }
      setErrors(result.fieldErrors ?? { code: [result.message] });
      setStatus({ tone: "error", message: result.message });
      setAttempt((n) => n + 1);
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} method="post" noValidate className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-label="Second sign-in step">
      <FormStatus status={status} />
      {method === "totp" ? (
        <Field label="Code from your authenticator app" hint="Six digits, as your app shows them now." error={errors.code}>
          {(p) => <input {...p} key="totp" name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={20} className={inputClass} />}
        </Field>
      ) : (
        <Field label="Recovery code" hint="One of the codes you saved when you set up your app. Each works once." error={errors.code}>
          {(p) => <input {...p} key="recovery" name="code" autoComplete="off" autoCapitalize="none" spellCheck={false} maxLength={40} className={inputClass} />}
        </Field>
      )}
      <button type="submit" disabled={!hydrated || pending} className="min-h-11 w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Checking…" : "Continue"}
      </button>
      <button
        type="button"
        onClick={() => {
          setMethod(method === "totp" ? "recovery" : "totp");
          setErrors({});
          setStatus(null);
        }}
        className="min-h-11 w-full text-sm font-medium text-brand-700 underline"
      >
        {method === "totp" ? "Use a recovery code instead" : "Use a code from your authenticator app"}
      </button>
    </form>
  );
}
