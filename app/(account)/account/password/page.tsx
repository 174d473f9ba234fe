import type { Metadata } from "next";
import { AppShell } from "@/app/_components/app-shell";
import { HOME_BY_ROLE } from "@/lib/auth/permissions";
import { passwordMinimumFor } from "@/lib/domain/accounts/change-own-password";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ChangePasswordForm } from "./_components/change-password-form";

export const metadata: Metadata = { title: "Change your password" };

// Every role; the only page an account with an initial password can open.
export default async function ChangePasswordPage() {
  const actor = await requirePageActor(undefined, "/account/password", { passwordChangePage: true });
  const forced = actor.mustChangePassword === true;
  const minLength = await loadForPage(() => passwordMinimumFor(actor));
  return (
    <AppShell area="Your account" user={actor.name} nav={
        forced
          ? []
          : [
              { href: HOME_BY_ROLE[actor.role], label: "Back to your home" },
              { href: "/account/sessions", label: "Signed-in sessions" },
            ]
      }>
      <div className="mx-auto max-w-md">
        <h1 className="text-2xl font-semibold">{forced ? "Choose your own password" : "Change your password"}</h1>
        <p className="mb-6 mt-2 text-slate-600">
          {forced
            ? "You signed in with an initial password from the clinic. Choose your own before you continue."
            : "You will be signed out everywhere and sign in again with the new password."}
        </p>
        <ChangePasswordForm forced={forced} minLength={minLength} />
      </div>
    </AppShell>
  );
}
