"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useHydrated } from "@/app/_components/form/use-hydrated";
import { signInWithCredentials } from "@/lib/auth/credentials-sign-in";
import { passwordHint } from "@/lib/validation/password-policy-text";
import { setPasswordWithLinkAction } from "../actions";

type Errors = Record<string, string[]>;
type Purpose = "INVITATION" | "PASSWORD_RESET";

/**
 * The password chosen through an emailed link (decision 034). On success the link is spent and
 * every other session of the account has ended; the browser then signs in with the new password
 * and goes through the second step's page, which sends a patient to Today and staff to their
 * second factor (or to set one up) first.
 */
export function SetPasswordForm({ purpose, token, email, minLength }: { purpose: Purpose; token: string; email: string; minLength: number }) {
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string; action?: React.ReactNode } | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, startTransition] = useTransition();
  const hydrated = useHydrated();
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true], [data-status-link]")?.focus();
  }, [attempt]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const d = new FormData(event.currentTarget);
    const newPassword = String(d.get("newPassword") ?? "");
    const confirm = String(d.get("confirm") ?? "");
    // The policy (length, common passwords, not the email) is checked on the server; the list stays out of this bundle.
    if (newPassword !== confirm) {
      setErrors({ confirm: ["The two passwords do not match."] });
      setStatus(null);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await setPasswordWithLinkAction({ purpose, token, newPassword, confirm });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setStatus({ tone: "error", message: result.message });
        setAttempt((n) => n + 1);
        return;
      }
      const signedIn = await signInWithCredentials({ email: result.data.email, password: newPassword });
      if (!signedIn.ok) {
        setStatus({
          tone: "success",
          message: "Your password is set.",
          action: <Link data-status-link href="/sign-in" className="font-medium underline">Sign in with it</Link>,
        });
        setAttempt((n) => n + 1);
        return;
      }
      // A full navigation to the role's home (through the second step's page): decision 042.
      setStatus({ tone: "success", message: "Your password is set. Signing you in…" });
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load after the session changed, as the sign-in form does
      window.location.assign("/sign-in/verify");
    });
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} method="post" noValidate aria-label="Choose your password" className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <FormStatus status={status} />
      <p className="text-sm text-slate-700">
        You will sign in as <strong className="break-all">{email}</strong>.
      </p>
      {/* For password managers: the account the new password belongs to. */}
      <input type="email" name="username" autoComplete="username" value={email} readOnly hidden />
      <Field label="New password" hint={passwordHint(minLength)} error={errors.newPassword}>
        {(p) => <input {...p} name="newPassword" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field label="Repeat the new password" error={errors.confirm}>
        {(p) => <input {...p} name="confirm" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <button type="submit" disabled={!hydrated || pending} className="min-h-11 w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Saving…" : purpose === "INVITATION" ? "Set password and continue" : "Set new password and sign in"}
      </button>
    </form>
  );
}
