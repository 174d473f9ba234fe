"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { API_CLIENT_DEFAULT_RATE, API_SCOPE_LABELS, API_SCOPES, ZCreateApiClient } from "@/lib/validation/api-clients";
import { createApiClientAction } from "../actions";

type Errors = Record<string, string[]>;
type Status = { tone: "error" | "success"; message: string } | null;

const EXPIRY_CHOICES = [
  [30, "30 days"],
  [90, "90 days"],
  [180, "180 days"],
  [365, "1 year (the longest)"],
] as const;

/** The new-client form; after creating, the token once, with a copy button and a warning. */
export function CreateApiClient() {
  const router = useRouter();
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [copied, setCopied] = useState<"idle" | "copied" | "failed">("idle");
  const [pending, startTransition] = useTransition();
  const { ref, focusFirstError } = useFocusFirstError();
  const tokenHeading = useRef<HTMLHeadingElement>(null);

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const d = new FormData(form);
    const fields = {
      name: String(d.get("name") ?? ""),
      description: String(d.get("description") ?? ""),
      scopes: d.getAll("scopes").map(String),
      expiresInDays: String(d.get("expiresInDays") ?? ""),
      rateLimitPerMinute: String(d.get("rateLimitPerMinute") ?? ""),
    };
    const parsed = ZCreateApiClient.safeParse(fields);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await createApiClientAction(parsed.data);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        setStatus({ tone: "error", message: result.message });
        if (result.fieldErrors) focusFirstError();
        return;
      }
      form.reset();
      setCopied("idle");
      setCreated({ name: result.data.client.name, token: result.data.token });
      router.refresh();
      // The token is what the admin must act on now: move focus there.
      requestAnimationFrame(() => tokenHeading.current?.focus());
    });
  }

  async function copy() {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopied("copied");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <div className="space-y-4">
      {created && (
        <div role="region" aria-labelledby="new-token" className="rounded-lg border-2 border-amber-400 bg-amber-50 p-4">
          <h3 id="new-token" ref={tokenHeading} tabIndex={-1} className="font-semibold">
            Token for “{created.name}”
          </h3>
          <p className="mt-1 text-sm text-slate-800">
            <strong>Copy it now: it is shown only this once.</strong> Riverside Plans keeps only a fingerprint of it and cannot show it again. Give it to the other
            system&apos;s administrator through a safe channel (not email). If it is lost, revoke this client and create a new one.
          </p>
          <label htmlFor="new-token-value" className="mt-3 block text-sm font-medium">
            Access token
          </label>
          <div className="mt-1 flex flex-wrap gap-2">
            <input
              id="new-token-value"
              readOnly
              value={created.token}
              onFocus={(e) => e.currentTarget.select()}
              className={`${inputClass} min-w-0 flex-1 font-mono text-sm`}
              spellCheck={false}
              autoComplete="off"
            />
            <button type="button" onClick={copy} className="min-h-11 rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700">
              Copy token
            </button>
          </div>
          <p aria-live="polite" className="mt-1 min-h-5 text-sm text-slate-700">
            {copied === "copied" ? "Copied to the clipboard." : copied === "failed" ? "Could not copy: select the token and copy it yourself." : ""}
          </p>
          <p className="mt-2 text-sm text-slate-700">
            The other system sends it with each request: <code className="break-all">Authorization: Bearer {created.token.slice(0, 16)}…</code>
          </p>
          <button type="button" onClick={() => setCreated(null)} className="mt-3 min-h-11 rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium hover:bg-slate-50">
            I have copied the token
          </button>
        </div>
      )}

      <form ref={ref} onSubmit={onSubmit} noValidate aria-label="New API client" className="space-y-3">
        <Field label="Name" hint="The system that will call, e.g. Hospital EHR. Unique in the clinic." error={errors.name}>
          {(p) => <input {...p} name="name" autoComplete="off" className={inputClass} />}
        </Field>
        <Field label="Description (optional)" hint="What it is for and who looks after it." error={errors.description}>
          {(p) => <textarea {...p} name="description" rows={2} className={inputClass} />}
        </Field>
        <fieldset aria-describedby={errors.scopes ? "scopes-error" : undefined}>
          <legend className="text-sm font-medium">What it may do</legend>
          <div className="mt-1 space-y-2">
            {API_SCOPES.map((scope) => (
              <label key={scope} className="flex min-h-11 items-start gap-2">
                <input type="checkbox" name="scopes" value={scope} className="mt-1 h-5 w-5" />
                <span>
                  <span className="font-medium">{API_SCOPE_LABELS[scope].label}</span>
                  <span className="block text-sm text-slate-600">{API_SCOPE_LABELS[scope].hint}</span>
                </span>
              </label>
            ))}
          </div>
          {errors.scopes && (
            <p id="scopes-error" className="mt-1 text-sm text-red-700">
              {errors.scopes.join(" ")}
            </p>
          )}
        </fieldset>
        <Field label="Token expires after" error={errors.expiresInDays}>
          {(p) => (
            <select {...p} name="expiresInDays" defaultValue="90" className={inputClass}>
              {EXPIRY_CHOICES.map(([days, text]) => (
                <option key={days} value={days}>
                  {text}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Requests per minute" hint={`The most it may send; more are answered "429 Too Many Requests". Default ${API_CLIENT_DEFAULT_RATE}.`} error={errors.rateLimitPerMinute}>
          {(p) => <input {...p} name="rateLimitPerMinute" type="number" inputMode="numeric" min={1} max={6000} defaultValue={API_CLIENT_DEFAULT_RATE} className={inputClass} />}
        </Field>
        <FormStatus status={status} />
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Creating…" : "Create API client"}
        </button>
      </form>
    </div>
  );
}
