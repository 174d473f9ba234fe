"use client";

import Link from "next/link";
import { signOutRequest } from "@/app/_components/sign-out";
import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { passwordHint } from "@/lib/validation/password-policy-text";
import { changeOwnPasswordAction } from "../actions";

type Errors = Record<string, string[]>;

/** Current password, new password twice; on success the user is signed out and signs in again. */
export function ChangePasswordForm({ forced, minLength }: { forced: boolean; minLength: number }) {
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [done, setDone] = useState(false);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const doneRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [attempt]);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  function fail(fieldErrors: Errors, message: string) {
    setErrors(fieldErrors);
    setStatus({ tone: "error", message });
    setAttempt((n) => n + 1);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const d = new FormData(event.currentTarget);
    // The server checks it with the policy's zod schema and answers field errors; no zod or
    // common-password list in this page's bundle (every role opens it, patients on a phone).
    const input = {
      currentPassword: String(d.get("currentPassword") ?? ""),
      newPassword: String(d.get("newPassword") ?? ""),
      confirm: String(d.get("confirm") ?? ""),
    };
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await changeOwnPasswordAction(input);
      if (!result.ok) return fail(result.fieldErrors ?? {}, result.message);
      // The session version was bumped, so this sign-in no longer works: clear its cookie too.
      await signOutRequest();
      setDone(true);
    });
  }

  if (done) {
    return (
      <section aria-labelledby="password-changed" className="rounded-lg border border-emerald-200 bg-emerald-50 p-5">
        <h2 id="password-changed" ref={doneRef} tabIndex={-1} className="text-lg font-semibold text-emerald-950">
          Your password has been changed
        </h2>
        <p className="mt-1 text-sm text-emerald-950">You have been signed out. Sign in again with your new password.</p>
        <Link href="/sign-in" className="mt-4 inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
          Sign in
        </Link>
      </section>
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-label="Change password">
      <FormStatus status={status} />
      <Field label={forced ? "Initial password" : "Current password"} error={errors.currentPassword}>
        {(p) => <input {...p} name="currentPassword" type="password" autoComplete="current-password" className={inputClass} />}
      </Field>
      <Field label="New password" hint={passwordHint(minLength)} error={errors.newPassword}>
        {(p) => <input {...p} name="newPassword" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <Field label="Repeat the new password" error={errors.confirm}>
        {(p) => <input {...p} name="confirm" type="password" autoComplete="new-password" className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Changing…" : "Change password"}
      </button>
    </form>
  );
}
