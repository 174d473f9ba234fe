import { formatDate } from "@/app/_components/format";
import type { PatientAccountDto } from "@/lib/domain/accounts/dto";

/** A patient's demographics as an admin sees them (nothing clinical). */
export function PatientDetails({ patient }: { patient: PatientAccountDto }) {
  return (
    <section aria-labelledby="patient-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="patient-heading" className="text-lg font-semibold">Patient record</h2>
      <dl className="mt-3 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        <dt className="text-slate-600">Name</dt>
        <dd>{patient.firstName} {patient.lastName}</dd>
        <dt className="text-slate-600">Date of birth</dt>
        <dd>{formatDate(patient.dateOfBirth)}</dd>
        <dt className="text-slate-600">Email</dt>
        <dd>{patient.email ?? "—"}</dd>
        <dt className="text-slate-600">Phone</dt>
        <dd>{patient.phone ?? "—"}</dd>
        <dt className="text-slate-600">Portal access</dt>
        <dd>{patient.userId ? "Yes" : "No: the patient cannot sign in"}</dd>
      </dl>
    </section>
  );
}
