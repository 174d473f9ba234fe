import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignOutButton } from "@/app/_components/sign-out-button";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";
import { returnPathFor } from "@/lib/auth/return-path";
import { getSecurityOverview } from "@/lib/domain/second-factor/get-security-overview";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { PasskeyButton } from "./_components/passkey-button";
import { VerifyForm } from "./_components/verify-form";

export const metadata: Metadata = { title: "Second sign-in step" };

// The second sign-in step (ADR 022): a code from the authenticator app, a recovery code, or a passkey.
export default async function VerifyPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor(undefined, "/sign-in/verify", { secondFactorPage: "verify" });
  // Where the user was going before sign-in, kept only when it is one of our own pages in an area
  // this role may open (decision 042); otherwise the role's home.
  const next = returnPathFor(actor.role, (await searchParams).callbackUrl) ?? HOME_BY_ROLE[actor.role];
  if (actor.secondFactor !== "pending") redirect(next);
  const factors = await loadForPage(() => getSecurityOverview(actor));
  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-8 text-center">
          <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">Riverside Plans</p>
          <h1 className="mt-2 text-2xl font-semibold">Confirm it is you</h1>
          <p className="mt-2 text-sm text-slate-600">Signed in as {actor.name}. One more step keeps patient records safe.</p>
        </div>
        <div className="space-y-4">
          {factors.passkeys.length > 0 && <PasskeyButton home={next} />}
          {factors.totp === "active" && <VerifyForm home={next} />}
        </div>
        <div className="mt-6 text-center">
          <SignOutButton />
        </div>
      </div>
    </main>
  );
}
