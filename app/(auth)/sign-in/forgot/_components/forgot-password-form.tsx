"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { requestPasswordResetAction } from "../actions";

type Errors = Record<string, string[]>;

/** One field; afterwards always the same answer, whether or not the address has an account. */
export function ForgotPasswordForm() {
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [attempt]);
  useEffect(() => {
    if (sentTo) doneRef.current?.focus();
  }, [sentTo]);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Checked on the server (the schema's common-password list stays out of this phone page's bundle).
    const email = String(new FormData(event.currentTarget).get("email") ?? "").trim();
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await requestPasswordResetAction({ email });
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setStatus({ tone: "error", message: result.message });
        setAttempt((n) => n + 1);
        return;
      }
      setSentTo(email.toLowerCase());
    });
  }

  if (sentTo) {
    return (
      <section aria-labelledby="reset-requested" className="space-y-3 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="reset-requested" ref={doneRef} tabIndex={-1} className="text-lg font-semibold">Check your email</h2>
        <p className="text-sm text-slate-700">
          If an account exists for <strong className="break-all">{sentTo}</strong>, we&apos;ve sent a link to choose a new password. The link works
          once, for 30 minutes. Nothing arrived after a few minutes? Check your spam folder, or ask your clinic.
        </p>
        <Link href="/sign-in" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">Back to sign in</Link>
      </section>
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate aria-label="Reset your password" className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <FormStatus status={status} />
      <Field label="Email" error={errors.email}>
        {(p) => <input {...p} name="email" type="email" autoComplete="username" required className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Sending…" : "Send reset link"}
      </button>
      <p className="text-center text-sm">
        <Link href="/sign-in" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">Back to sign in</Link>
      </p>
    </form>
  );
}
