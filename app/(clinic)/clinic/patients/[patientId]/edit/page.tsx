import type { Metadata } from "next";
import Link from "next/link";
import { getPatientDetails } from "@/lib/domain/patients/get-patient-details";
import { todayIn } from "@/lib/domain/schedule/dates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { PatientEditor } from "../../_components/patient-editor";

export const metadata: Metadata = { title: "Edit patient" };

export default async function EditPatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/patients/${patientId}/edit`);
  const patient = await loadForPage(() => getPatientDetails(actor, patientId));
  return (
    <div className="mx-auto max-w-3xl">
      <Link href={`/clinic/patients/${patient.id}`} className="text-sm text-brand-700 underline">← {patient.name}</Link>
      <h1 className="mt-2 text-2xl font-semibold">Edit {patient.name}</h1>
      <p className="mb-6 text-slate-600">Demographics and contraindication flags. Changed flags are checked against the treatments in force.</p>
      <PatientEditor patient={patient} today={todayIn(actor.timeZone)} />
    </div>
  );
}
