import Link from "next/link";
import { formatDate } from "@/app/_components/format";
import type { OverdueMeasure } from "@/lib/domain/measures/list-overdue-measures";
import { MEASURE_NAME } from "@/lib/domain/measures/labels";

/** Scheduled measures overdue on the care team's active plans (decision 046). */
export function OverdueMeasures({ rows, showPatient = true, headingLevel = 2 }: { rows: OverdueMeasure[]; showPatient?: boolean; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby="overdue-measures-heading" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <Heading id="overdue-measures-heading" className="mb-2 text-lg font-semibold">
        Measures overdue
      </Heading>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No scheduled measure is overdue.</p>
      ) : (
        <ul className="space-y-1 text-sm">
          {rows.map((r) => (
            <li key={`${r.planId}:${r.instrument}`}>
              <Link href={`/clinic/plans/${r.planId}#plan-measures`} className="inline-flex min-h-11 items-center text-brand-700 underline">
                {showPatient && `${r.patientName}: `}
                {MEASURE_NAME[r.instrument]} overdue since {formatDate(r.overdueSince)}
                {r.answeredBy === "CLINICIAN" ? " (in session)" : " (from home)"}
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
