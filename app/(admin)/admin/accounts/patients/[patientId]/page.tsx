import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { InvitePatient } from "@/app/_components/invite-patient";
import { getPatientAccount } from "@/lib/domain/accounts/get-account";
import { getPortalAccess } from "@/lib/domain/accounts/get-portal-access";
import { listClinicians } from "@/lib/domain/accounts/list-clinicians";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { invitePatientAction } from "../../actions";
import { StatusBadge } from "../../_components/badges";
import { CareTeamEditor } from "../../_components/care-team-editor";
import { PatientDetails } from "../../_components/patient-details";

export const metadata: Metadata = { title: "Patient" };

// A patient record without a portal account: an invitation to the patient app, demographics and care team.
export default async function PatientAccountPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requirePageActor("ADMIN", `/admin/accounts/patients/${patientId}`);
  const [patient, clinicians] = await loadForPage(() => Promise.all([getPatientAccount(actor, patientId), listClinicians(actor)]));
  // A patient with a portal account is managed on the account's page.
  if (patient.userId) redirect(`/admin/accounts/${patient.userId}`);
  const portal = await loadForPage(() => getPortalAccess(actor, patient.id));
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <div>
        <Link href="/admin/accounts" className="text-sm text-brand-700 underline">← Accounts</Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-semibold">{patient.firstName} {patient.lastName}</h1>
          <StatusBadge status="NO_PORTAL" />
        </div>
      </div>
      <InvitePatient patientId={patient.id} defaultEmail={patient.email} status={portal} timeZone={actor.timeZone} invite={invitePatientAction} />
      <PatientDetails patient={patient} />
      <CareTeamEditor patient={patient} clinicians={clinicians} />
    </div>
  );
}
