import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, formatTimestamp, plural } from "@/app/_components/format";
import { getGuidelineOverrideReport } from "@/lib/domain/guidelines/guideline-override-report";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZGuidelineOverrideReport } from "@/lib/validation/guidelines";

export const metadata: Metadata = { title: "Treatments chosen against guidelines" };

const control = "min-h-11 rounded-md border border-slate-300 bg-white px-2";
const one = (v: string | string[] | undefined) => (typeof v === "string" && v !== "" ? v : undefined);

/**
 * The clinic's own audit of guideline overrides (decision 044): per treatment, how often it was
 * chosen against a current "do not offer" statement, the reasons and who gave them. No patient is
 * named; reading the reasons is audited.
 */
export default async function GuidelineOverridesReportPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("ADMIN", "/admin/reports/guideline-overrides");
  const query = await searchParams;
  const asked = { from: one(query.from), to: one(query.to) };
  const parsed = ZGuidelineOverrideReport.safeParse(asked);
  const report = await loadForPage(() => getGuidelineOverrideReport(actor, parsed.success ? parsed.data : {}));
  return (
    <div className="mx-auto max-w-4xl">
      <h1 className="text-2xl font-semibold">Treatments chosen against guidelines</h1>
      <p className="mt-1 text-slate-600">
        How often each treatment was added to a plan although a current guideline says not to offer it for the plan&apos;s condition, and the reasons clinicians gave. For the clinic&apos;s own
        audit: patients are not named. Opening this report is recorded in the audit log.
      </p>
      <form aria-label="Date range" className="my-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor="from" className="block text-xs font-medium text-slate-700">
            From
          </label>
          <input id="from" name="from" type="date" defaultValue={report.from} className={control} />
        </div>
        <div>
          <label htmlFor="to" className="block text-xs font-medium text-slate-700">
            To
          </label>
          <input id="to" name="to" type="date" defaultValue={report.to} className={control} />
        </div>
        <button type="submit" className="min-h-11 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
          Show
        </button>
        <Link href="/admin/reports/guideline-overrides" className="inline-flex min-h-11 items-center text-sm text-brand-700 underline">
          Last 90 days
        </Link>
      </form>
      {!parsed.success && (
        <p role="status" className="mb-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          {parsed.error.issues[0]?.message ?? "The dates are not valid"}: showing the last 90 days instead.
        </p>
      )}
      <p className="mb-3 text-sm text-slate-700">
        {formatDate(report.from)} to {formatDate(report.to)}: {plural(report.total, "choice")} against a guideline{report.rows.length > 0 ? `, ${plural(report.rows.length, "treatment")}` : ""}.
      </p>
      {report.rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-slate-600">No treatment was chosen against a guideline&apos;s &ldquo;do not offer&rdquo; in these dates.</p>
      ) : (
        <ul className="space-y-4">
          {report.rows.map((row) => (
            <li key={row.catalogItemId}>
              <section aria-labelledby={`treatment-${row.catalogItemId}`} className="rounded-lg border border-slate-200 bg-white p-4">
                <h2 id={`treatment-${row.catalogItemId}`} className="text-lg font-semibold">
                  {row.treatment}: {plural(row.count, "time")}
                </h2>
                <table className="mt-2 w-full text-left text-sm">
                  <caption className="sr-only">Reasons given for {row.treatment}</caption>
                  <thead>
                    <tr className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600">
                      <th scope="col" className="py-1 pr-3">
                        When
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Clinician
                      </th>
                      <th scope="col" className="py-1 pr-3">
                        Against
                      </th>
                      <th scope="col" className="py-1">
                        Reason
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {row.reasons.map((r, i) => (
                      <tr key={`${r.at}-${i}`} className="border-b border-slate-100 align-top">
                        <td className="py-1 pr-3 whitespace-nowrap">
                          <time dateTime={r.at}>{formatTimestamp(r.at, actor.timeZone)}</time>
                        </td>
                        <td className="py-1 pr-3">{r.clinicianName ?? "Unknown user"}</td>
                        <td className="py-1 pr-3">{r.sources.join(", ") || "A statement since removed"}</td>
                        <td className="py-1 break-words">{r.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </section>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
