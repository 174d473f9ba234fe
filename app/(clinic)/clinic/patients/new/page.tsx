import type { Metadata } from "next";
import Link from "next/link";
import { todayIn } from "@/lib/domain/schedule/dates";
import { requirePageActor } from "@/lib/server/page";
import { PatientForm } from "../_components/patient-form";

export const metadata: Metadata = { title: "New patient" };

export default async function NewPatientPage() {
  const actor = await requirePageActor("CLINICIAN", "/clinic/patients/new");
  return (
    <div className="mx-auto max-w-3xl">
      <Link href="/clinic" className="text-sm text-brand-700 underline">← My patients</Link>
      <h1 className="mt-2 text-2xl font-semibold">New patient</h1>
      <p className="mb-6 text-slate-600">You join the patient&apos;s care team as their primary clinician.</p>
      <PatientForm today={todayIn(actor.timeZone)} />
    </div>
  );
}
