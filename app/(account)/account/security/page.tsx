import type { Metadata } from "next";
import { AppShell } from "@/app/_components/app-shell";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";
import { getSecurityOverview } from "@/lib/domain/second-factor/get-security-overview";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { Passkeys } from "./_components/passkeys";
import { TotpSetup } from "./_components/totp-setup";

export const metadata: Metadata = { title: "Sign-in security" };

// Every role: staff must set up a second factor here before anything else (ADR 022).
export default async function SecurityPage() {
  const actor = await requirePageActor(undefined, "/account/security", { secondFactorPage: "setup" });
  const forced = actor.secondFactor === "enrol";
  const overview = await loadForPage(() => getSecurityOverview(actor));
  const home = HOME_BY_ROLE[actor.role];
  return (
    <AppShell area="Your account" user={actor.name} nav={forced ? [] : [{ href: home, label: "Back to your home" }]}>
      <div className="mx-auto max-w-xl space-y-8">
        <div>
          <h1 className="text-2xl font-semibold">{forced ? "Set up a second sign-in step" : "Sign-in security"}</h1>
          <p className="mt-2 text-slate-600">
            {forced
              ? "Clinic staff confirm every sign-in with a second factor as well as their password, because the app holds patients' health records."
              : "How you confirm your sign-ins besides your password."}
          </p>
        </div>
        <section aria-labelledby="totp-heading" className="space-y-3">
          <h2 id="totp-heading" className="text-lg font-semibold">
            Authenticator app
          </h2>
          {actor.role === "PATIENT" ? (
            <p className="text-slate-700">Patients can add a passkey below instead.</p>
          ) : overview.totp === "active" ? (
            <p className="text-slate-700">
              Set up. {overview.recoveryCodesLeft} of your recovery codes {overview.recoveryCodesLeft === 1 ? "is" : "are"} unused. If you lose your phone, an
              administrator can reset it.
            </p>
          ) : (
            <TotpSetup next={home} />
          )}
        </section>
        <section aria-labelledby="passkeys-heading" className="space-y-3">
          <h2 id="passkeys-heading" className="text-lg font-semibold">
            Passkeys
          </h2>
          <p className="text-slate-700">
            {actor.role === "PATIENT"
              ? "Optional. With a passkey, your phone or computer confirms each sign-in with its fingerprint, face or PIN, after your password."
              : "A passkey on this computer or your phone can confirm your sign-ins instead of a code."}
          </p>
          <Passkeys passkeys={overview.passkeys} next={forced ? home : null} />
        </section>
      </div>
    </AppShell>
  );
}
