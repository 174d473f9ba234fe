import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/session";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";
import { returnPathFor, safeReturnPath } from "@/lib/auth/return-path";
import { SignInForm } from "./_components/sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await getActor();
  const params = await searchParams;
  // Already signed in (a second tab, a bookmark opened again): straight to the page asked for.
  if (actor) redirect(returnPathFor(actor.role, params.callbackUrl) ?? HOME_BY_ROLE[actor.role]);
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Riverside Plans</p>
          <h1 className="mt-2 text-2xl font-semibold">Sign in to your account</h1>
          <p className="mt-2 text-sm text-slate-600">For clinic staff and patients of Riverside Physio &amp; Chiropractic.</p>
        </div>
        <SignInForm returnTo={safeReturnPath(params.callbackUrl)} />
        <p className="mt-4 text-center text-sm">
          <Link href="/sign-in/forgot" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline">Forgot password?</Link>
        </p>
      </div>
    </main>
  );
}
