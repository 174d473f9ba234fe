"use client";

import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { confirmTotpEnrolmentAction, startTotpEnrolmentAction } from "../actions";

type Setup = { secret: string; uri: string };

/** Groups of four, as authenticator apps show keys typed by hand. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

/** Start → key for the app → first code → recovery codes, shown once. */
export function TotpSetup({ next }: { next: string }) {
  const [setup, setSetup] = useState<Setup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string[] | undefined>();
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [pending, startTransition] = useTransition();
  const codesRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (codes) codesRef.current?.focus();
  }, [codes]);

  function start() {
    setStatus(null);
    startTransition(async () => {
      const result = await startTotpEnrolmentAction({});
      if (result.ok) setSetup(result.data);
      else setStatus({ tone: "error", message: result.message });
    });
  }

  function confirm(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get("code") ?? "");
    setError(undefined);
    setStatus(null);
    startTransition(async () => {
      const result = await confirmTotpEnrolmentAction({ code });
      if (result.ok) setCodes(result.data.recoveryCodes);
      else {
        setError(result.fieldErrors?.code ?? [result.message]);
        setStatus({ tone: "error", message: result.message });
      }
    });
  }

  if (codes) {
    return (
      <div className="space-y-4 rounded-xl border border-emerald-200 bg-emerald-50 p-5">
        <h3 ref={codesRef} tabIndex={-1} className="text-lg font-semibold text-emerald-950">
          Your authenticator app is set up
        </h3>
        <p className="text-sm text-emerald-950">
          Save these recovery codes somewhere safe, away from your phone. Each one signs you in once if you lose the app. They are shown only now.
        </p>
        <ul aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-white p-3 font-mono text-sm">
          {codes.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
        <a href={next} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
          I have saved my codes: continue
        </a>
      </div>
    );
  }

  if (!setup) {
    return (
      <div className="space-y-3">
        <FormStatus status={status} />
        <p className="text-slate-700">Use an authenticator app on your phone (for example Google Authenticator, Microsoft Authenticator or 1Password).</p>
        <button type="button" onClick={start} disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Preparing…" : "Set up an authenticator app"}
        </button>
      </div>
    );
  }

  return (
    <form onSubmit={confirm} noValidate className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm" aria-label="Confirm authenticator app">
      <FormStatus status={status} />
      <ol className="list-decimal space-y-2 pl-5 text-sm text-slate-700">
        <li>
          In your app, add an account and enter this key (time-based, 6 digits), or open the{" "}
          <a href={setup.uri} className="font-medium text-brand-700 underline">
            set-up link
          </a>{" "}
          on the phone itself.
        </li>
        <li>Enter the code the app then shows.</li>
      </ol>
      <p className="rounded-md bg-slate-50 p-3 font-mono text-base tracking-wide" aria-label="Key for your authenticator app">
        {grouped(setup.secret)}
      </p>
      <Field label="Code from your authenticator app" error={error}>
        {(p) => <input {...p} name="code" inputMode="numeric" autoComplete="one-time-code" maxLength={20} className={inputClass} />}
      </Field>
      <button type="submit" disabled={pending} className="min-h-11 w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Checking…" : "Confirm"}
      </button>
    </form>
  );
}
