"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { FormStatus } from "@/app/_components/form/form-status";
import { label } from "@/app/_components/format";
import type { AccountDto } from "@/lib/domain/accounts/dto";
import { STAFF_ROLES } from "@/lib/validation/accounts";
import { changeRoleAction, endAccountSessionsAction, resetPasswordAction, resetSecondFactorsAction, setAccountActiveAction } from "../actions";

type Account = Pick<AccountDto, "id" | "name" | "email" | "role" | "active" | "careTeams" | "passwordSet">;
type Status = { tone: "error" | "success"; message: string } | null;

/**
 * Deactivate / reactivate, change role, send a password link (a reset link, or the invitation
 * again for an account never activated: nobody is ever shown a password, decision 034) and reset
 * second factors, each after a confirmation.
 */
export function AccountActions({ account, openSessions }: { account: Account; openSessions: number }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<Status>(null);
  const [role, setRole] = useState<(typeof STAFF_ROLES)[number] | "PATIENT">(account.role);
  const staff = account.role !== "PATIENT";
  const teams = account.careTeams;

  const run = (action: () => Promise<{ ok: true } | { ok: false; message: string }>, success: string) =>
    startTransition(async () => {
      const result = await action();
      if (!result.ok) return setStatus({ tone: "error", message: result.message });
      setStatus({ tone: "success", message: success });
      router.refresh();
    });

  const deactivateBody =
    `${account.name} is signed out on their next request and cannot sign in until an admin reactivates the account.` +
    (teams.total > 0
      ? ` They are on ${teams.total} care ${teams.total === 1 ? "team" : "teams"}${teams.primary > 0 ? ` (primary for ${teams.primary})` : ""}: give those patients another clinician.`
      : "");

  return (
    <section aria-labelledby="account-actions-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="account-actions-heading" className="text-lg font-semibold">Manage account</h2>
      <div className="mt-3 space-y-4">
        <FormStatus status={status} />
        <div className="flex flex-wrap gap-2">
          {account.active ? (
            <ConfirmButton
              label="Deactivate account"
              title={`Deactivate ${account.name}?`}
              body={deactivateBody}
              confirmLabel="Deactivate"
              disabled={pending}
              onConfirm={() => run(() => setAccountActiveAction({ userId: account.id, active: false, confirm: true }), `${account.name}'s account was deactivated. Their open sign-ins have ended.`)}
            />
          ) : (
            <ConfirmButton
              label="Reactivate account"
              title={`Reactivate ${account.name}?`}
              body={`${account.name} can sign in again with their current password.`}
              confirmLabel="Reactivate"
              tone="default"
              disabled={pending}
              onConfirm={() => run(() => setAccountActiveAction({ userId: account.id, active: true, confirm: true }), `${account.name}'s account was reactivated.`)}
            />
          )}
          <ConfirmButton
            label={account.passwordSet ? "Send password reset link" : "Send the invitation again"}
            title={account.passwordSet ? `Email ${account.name} a password reset link?` : `Send ${account.name} a new invitation?`}
            body={
              account.passwordSet
                ? `${account.email} gets a link to choose a new password, valid once for 30 minutes. Their current password works until they use it; then every browser signed in to the account is signed out.`
                : `${account.email} gets a new invitation link, valid once for 72 hours. Earlier invitation links stop working.`
            }
            confirmLabel={account.passwordSet ? "Send reset link" : "Send invitation"}
            tone="default"
            disabled={pending || !account.active}
            onConfirm={() =>
              run(
                () => resetPasswordAction({ userId: account.id, confirm: true }),
                account.passwordSet ? `A password reset link was emailed to ${account.email}. It works once, for 30 minutes.` : `A new invitation was emailed to ${account.email}. It works once, for 72 hours.`,
              )
            }
          />
          <ConfirmButton
            label="Reset second factors"
            title={`Reset ${account.name}'s second factors?`}
            body={`Their authenticator app, recovery codes and passkeys stop working, and ${account.name} is signed out everywhere.${staff ? " They set up a new authenticator app at their next sign-in." : ""} Do this only after confirming who is asking, for example in person.`}
            confirmLabel="Reset second factors"
            disabled={pending}
            onConfirm={() => run(() => resetSecondFactorsAction({ userId: account.id, confirm: true }), `${account.name}'s second factors were reset. Their open sign-ins have ended.`)}
          />
        </div>
        <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-4">
          <p className="text-sm text-slate-700">
            {openSessions === 0 ? "Not signed in anywhere." : openSessions === 1 ? "Signed in on 1 browser." : `Signed in on ${openSessions} browsers.`}
          </p>
          <ConfirmButton
            label="End all sessions"
            title={`End all of ${account.name}'s sessions?`}
            body={`Every browser signed in to ${account.name}'s account is signed out on its next request. Their password stays the same; use this when a device was lost or left signed in.`}
            confirmLabel="End all sessions"
            disabled={pending || openSessions === 0}
            onConfirm={() => run(() => endAccountSessionsAction({ userId: account.id, confirm: true }), `${account.name}'s sessions have ended.`)}
          />
        </div>
        {staff && (
          <div className="flex flex-wrap items-end gap-2 border-t border-slate-100 pt-4">
            <div>
              <label htmlFor="new-role" className="block text-sm font-medium text-slate-800">Role</label>
              <select
                id="new-role"
                value={role}
                onChange={(e) => setRole(e.target.value as (typeof STAFF_ROLES)[number])}
                className="mt-1 min-h-11 rounded-md border border-slate-300 bg-white px-2"
              >
                {STAFF_ROLES.map((r) => <option key={r} value={r}>{label(r)}</option>)}
              </select>
            </div>
            <ConfirmButton
              label="Change role"
              title={`Make ${account.name} ${role === "ADMIN" ? "an admin" : "a clinician"}?`}
              body={`Their open sign-ins end now; they sign in again to use the ${label(role).toLowerCase()} area.`}
              confirmLabel="Change role"
              tone="default"
              disabled={pending || role === account.role}
              onConfirm={() => run(() => changeRoleAction({ userId: account.id, role: role as (typeof STAFF_ROLES)[number], confirm: true }), `${account.name} is now ${role === "ADMIN" ? "an admin" : "a clinician"}.`)}
            />
          </div>
        )}
      </div>
    </section>
  );
}
