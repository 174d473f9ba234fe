"use client";

import { useRef, useState } from "react";
import { useHydrated } from "@/app/_components/form/use-hydrated";
import { signInWithCredentials } from "@/lib/auth/credentials-sign-in";
import { safeReturnPath } from "@/lib/auth/return-path";
import { checkSignInFields } from "@/lib/validation/sign-in-fields";

type Errors = { email?: string; password?: string; form?: string };
type Pending = false | "checking" | "opening";

export function SignInForm({ returnTo }: { returnTo: string | null }) {
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState<Pending>(false);
  const hydrated = useHydrated();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const parsed = checkSignInFields({ email: data.get("email"), password: data.get("password") });
    if (!parsed.ok) {
      setErrors(parsed.errors);
      (parsed.errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setPending("checking");
    setErrors({});
    const result = await signInWithCredentials(parsed.data);
    if (!result.ok) {
      setPending(false);
      // The same message for an unknown email and a wrong password; another one when no answer came.
      setErrors({ form: result.error === "Unavailable" ? "Sign-in did not go through: check your connection and try again." : "The email or password is incorrect." });
      passwordRef.current?.select();
      return;
    }
    // Checked again here: the form must never navigate off-site whatever prop it was given.
    // Through the second step's page (ADR 022), which keeps the return path and sends a session
    // that needs no second step straight on.
    //
    // A full navigation, not router.replace() + router.refresh(): those two raced (the refresh
    // re-rendered the sign-in page, which now redirects a signed-in user, while the replace was
    // still following the verify page's redirect), and the page went blank until the destination
    // arrived. The browser keeps this page, with its progress message, on screen until the next
    // one paints (decision 042).
    setPending("opening");
    const target = safeReturnPath(returnTo);
    window.location.assign(target ? `/sign-in/verify?callbackUrl=${encodeURIComponent(target)}` : "/sign-in/verify");
  }

  return (
    <form onSubmit={onSubmit} method="post" noValidate className="space-y-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
      <div aria-live="polite" id="sign-in-status">
        {errors.form && (
          <p className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">{errors.form}</p>
        )}
        {pending === "opening" && (
          <p role="status" className="rounded-md border border-slate-200 bg-brand-50 px-3 py-2 text-sm text-brand-800">
            Signed in. Opening your page…
          </p>
        )}
      </div>
      <div>
        <label htmlFor="email" className="block text-sm font-medium">
          Email
        </label>
        <input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          aria-invalid={Boolean(errors.email)}
          aria-describedby={errors.email ? "email-error" : undefined}
          className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
        {errors.email && (
          <p id="email-error" className="mt-1 text-sm text-red-700">
            {errors.email}
          </p>
        )}
      </div>
      <div>
        <label htmlFor="password" className="block text-sm font-medium">
          Password
        </label>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          aria-invalid={Boolean(errors.password)}
          aria-describedby={errors.password ? "password-error" : undefined}
          className="mt-1 block min-h-11 w-full rounded-md border border-slate-300 px-3 py-2 text-base"
        />
        {errors.password && (
          <p id="password-error" className="mt-1 text-sm text-red-700">
            {errors.password}
          </p>
        )}
      </div>
      <button
        type="submit"
        disabled={!hydrated || pending !== false}
        aria-busy={pending !== false}
        className="min-h-11 w-full rounded-md bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60"
      >
        {pending ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
