import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime, label } from "@/app/_components/format";
import { countOpenSessions } from "@/lib/domain/accounts/end-sessions";
import { getAccount } from "@/lib/domain/accounts/get-account";
import { listClinicians } from "@/lib/domain/accounts/list-clinicians";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { AccountActions } from "../_components/account-actions";
import { StatusBadge } from "../_components/badges";
import { CareTeamEditor } from "../_components/care-team-editor";
import { PatientDetails } from "../_components/patient-details";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  const actor = await requirePageActor("ADMIN", `/admin/accounts/${userId}`);
  const account = await loadForPage(() => getAccount(actor, userId));
  const clinicians = account.patient ? await loadForPage(() => listClinicians(actor)) : [];
  const openSessions = account.isSelf ? 0 : await loadForPage(() => countOpenSessions(actor, account.id));
  const when = (iso: string | null, none: string) => (iso ? formatDateTime(iso, actor.timeZone) : none);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href="/admin/accounts" className="text-sm text-brand-700 underline">← Accounts</Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{account.name}</h1>
          <StatusBadge status={account.active ? "ACTIVE" : "INACTIVE"} />
        </div>
        <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="text-slate-600">Email</dt>
          <dd>{account.email}</dd>
          <dt className="text-slate-600">Role</dt>
          <dd>{label(account.role)}</dd>
          <dt className="text-slate-600">Password</dt>
          <dd>
            {!account.passwordSet
              ? account.invitation
                ? account.invitation.usable
                  ? `Not set yet: invited on ${when(account.invitation.sentAt, "")}, the link expires ${when(account.invitation.expiresAt, "")}`
                  : `Not set yet: the invitation of ${when(account.invitation.sentAt, "")} can no longer be used. Send a new one below.`
                : "Not set yet: no invitation sent"
              : account.mustChangePassword
                ? "Initial password: must be changed at the next sign-in"
                : `Chosen by the user${account.passwordChangedAt ? ` (${when(account.passwordChangedAt, "")})` : ""}`}
          </dd>
          <dt className="text-slate-600">Last sign-in</dt>
          <dd>{when(account.lastLoginAt, "Never")}</dd>
          <dt className="text-slate-600">Created</dt>
          <dd>{when(account.createdAt, "")}</dd>
          {account.role === "CLINICIAN" && (
            <>
              <dt className="text-slate-600">Care teams</dt>
              <dd>{account.careTeams.total} {account.careTeams.total === 1 ? "patient" : "patients"}, primary for {account.careTeams.primary}</dd>
            </>
          )}
        </dl>
      </div>
      {account.isSelf ? (
        <p className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-700">
          This is your own account: another admin can deactivate it, change its role or reset its password.{" "}
          <Link href="/account/password" className="font-medium text-brand-700 underline">Change your password</Link>
        </p>
      ) : (
        <AccountActions account={account} openSessions={openSessions} />
      )}
      {account.patient && (
        <>
          <PatientDetails patient={account.patient} />
          <CareTeamEditor patient={account.patient} clinicians={clinicians} />
        </>
      )}
    </div>
  );
}
