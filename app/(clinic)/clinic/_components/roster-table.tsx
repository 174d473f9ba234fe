import Link from "next/link";
import { formatDate, formatDateTime, label } from "@/app/_components/format";
import type { CareTeamPatientRow } from "@/lib/domain/patients/dto";

const PLAN_TONE: Record<string, string> = { ACTIVE: "bg-emerald-100 text-emerald-900", ON_HOLD: "bg-amber-100 text-amber-900", DRAFT: "bg-slate-100 text-slate-800" };
// Below md each row becomes a card. The explicit roles keep the table semantics that browsers drop
// once table elements are no longer displayed as a table.
const cell = "block px-0 py-0.5 md:table-cell md:px-4 md:py-3";

function CardLabel({ children }: { children: React.ReactNode }) {
  return <span aria-hidden="true" className="mr-1 text-xs text-slate-500 md:hidden">{children}</span>;
}

/** The roster rows: patient, date of birth, plan in force, next session, alerts. */
export function RosterTable({ rows, timeZone }: { rows: CareTeamPatientRow[]; timeZone: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white">
      <table role="table" className="block w-full text-left text-sm md:table">
        <caption className="sr-only">Patients in your care team</caption>
        <thead role="rowgroup" className="sr-only bg-slate-50 text-slate-600 md:not-sr-only md:table-header-group">
          <tr role="row">
            {["Patient", "Date of birth", "Current plan", "Next session", "Alerts"].map((h) => (
              <th key={h} role="columnheader" scope="col" className="px-4 py-3 font-medium">{h}</th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className="block divide-y divide-slate-100 md:table-row-group">
          {rows.map((p) => (
            <tr key={p.id} role="row" className="block px-4 py-3 md:table-row md:p-0">
              <th role="rowheader" scope="row" className={`${cell} font-medium`}>
                <Link href={`/clinic/patients/${p.id}`} className="inline-flex min-h-11 items-center text-base text-brand-700 underline-offset-2 hover:underline md:text-sm">
                  {p.name}
                </Link>
                {p.isPrimary && <span className="ml-2 rounded bg-brand-50 px-1.5 py-0.5 text-xs text-brand-800">Primary</span>}
              </th>
              <td role="cell" className={`${cell} whitespace-nowrap`}>
                <CardLabel>Born</CardLabel>
                {formatDate(p.dateOfBirth)}
              </td>
              <td role="cell" className={cell}>
                <CardLabel>Plan</CardLabel>
                {p.activePlan ? (
                  <>
                    {p.activePlan.title}{" "}
                    <span className={`whitespace-nowrap rounded px-1.5 py-0.5 text-xs ${PLAN_TONE[p.activePlan.status] ?? ""}`}>{label(p.activePlan.status)}</span>
                  </>
                ) : (
                  <span className="text-slate-500">No open plan</span>
                )}
              </td>
              <td role="cell" className={`${cell} md:whitespace-nowrap`}>
                <CardLabel>Next session</CardLabel>
                {p.nextSession ? formatDateTime(p.nextSession.startsAt, timeZone) : <span className="text-slate-500">None booked</span>}
              </td>
              <td role="cell" className={cell}>
                {p.flags.length === 0 && !p.reviewDue ? (
                  <span className="text-slate-500"><CardLabel>Alerts</CardLabel>None</span>
                ) : (
                  <ul className="flex flex-wrap gap-1 pt-1 md:pt-0" aria-label={`Alerts for ${p.name}`}>
                    {p.reviewDue && <li className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-900">Review due</li>}
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
  );
}
