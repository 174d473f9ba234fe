import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, formatDateTime, label } from "@/app/_components/format";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "My patients" };

export default async function ClinicianDashboard() {
  const actor = await requirePageActor("CLINICIAN", "/clinic");
  const { rows, total } = await loadForPage(() => listCareTeamPatients(actor));
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold">Good to see you, {actor.name}</h1>
        <p className="mt-1 text-slate-600">
          {total === 1 ? "1 patient" : `${total} patients`} in your care team.
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          No patients are assigned to your care team yet. An administrator assigns care teams.
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Patients in your care team</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Patient</th>
                <th scope="col" className="px-4 py-3 font-medium">Date of birth</th>
                <th scope="col" className="px-4 py-3 font-medium">Current plan</th>
                <th scope="col" className="px-4 py-3 font-medium">Next session</th>
                <th scope="col" className="px-4 py-3 font-medium">Alerts</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((p) => (
                <tr key={p.id}>
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link href={`/clinic/patients/${p.id}`} className="text-brand-700 underline-offset-2 hover:underline">
                      {p.name}
                    </Link>
                    {p.isPrimary && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">Primary</span>}
                  </th>
                  <td className="px-4 py-3">{formatDate(p.dateOfBirth)}</td>
                  <td className="px-4 py-3">
                    {p.activePlan ? (
                      <>
                        {p.activePlan.title} <span className="text-slate-500">({label(p.activePlan.status)})</span>
                      </>
                    ) : (
                      <span className="text-slate-500">No open plan</span>
                    )}
                  </td>
                  <td className="px-4 py-3">{p.nextSession ? formatDateTime(p.nextSession.startsAt, actor.timeZone) : <span className="text-slate-500">None booked</span>}</td>
                  <td className="px-4 py-3">
                    {p.flags.length === 0 ? (
                      <span className="text-slate-500">None</span>
                    ) : (
                      <ul className="flex flex-wrap gap-1">
                        {p.flags.map((f) => (
                          <li key={f} className="rounded bg-amber-100 px-1.5 py-0.5 text-xs text-amber-900">{label(f)}</li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
