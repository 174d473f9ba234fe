import type { Metadata } from "next";
import { Instrument } from "@/lib/enums";
import { requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "Outcome scores export" };

const control = "min-h-11 rounded-md border border-slate-300 bg-white px-2";

/**
 * The outcome scores as CSV for the clinic's own audit (decision 048). A plain GET form to the
 * export route: the browser downloads the file and stays on the page; nothing here reads a record.
 */
export default async function OutcomeExportPage() {
  await requirePageActor("ADMIN", "/admin/outcomes");
  return (
    <>
      <h1 className="text-2xl font-semibold">Outcome scores export</h1>
      <p className="mb-4 max-w-prose text-slate-600">
        Download the clinic&apos;s recorded outcome scores (pain scores and questionnaires) as a spreadsheet for your own clinical audit: one row per score, with the
        instrument, when it was taken (baseline, interim or discharge), the score, its band and the day it was recorded. Notes and questionnaire answers are never
        included. Every download is recorded in the audit log.
      </p>
      <form method="get" action="/api/v1/outcomes/export" aria-label="Export outcome scores" className="flex max-w-xl flex-col gap-4 rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-end gap-3">
          <div>
            <label htmlFor="instrument" className="block text-xs font-medium text-slate-700">Instrument</label>
            <select id="instrument" name="instrument" defaultValue="" className={control}>
              <option value="">All instruments</option>
              {Object.values(Instrument).map((i) => <option key={i} value={i}>{i}</option>)}
            </select>
          </div>
          <div>
            <label htmlFor="from" className="block text-xs font-medium text-slate-700">Recorded from</label>
            <input id="from" name="from" type="date" className={control} />
          </div>
          <div>
            <label htmlFor="to" className="block text-xs font-medium text-slate-700">Recorded to</label>
            <input id="to" name="to" type="date" className={control} />
          </div>
        </div>
        <div className="flex items-start gap-2">
          <input id="deidentified" name="deidentified" type="checkbox" value="1" defaultChecked aria-describedby="deidentified-help" className="mt-1 h-5 w-5" />
          <div>
            <label htmlFor="deidentified" className="font-medium">De-identified</label>
            <p id="deidentified-help" className="text-sm text-slate-600">
              No names or record ids: each patient gets a random code for this file only, and all of a patient&apos;s dates are moved by the same random 1 to 30
              days, so the time between their scores stays true. Untick to include names and ids.
            </p>
          </div>
        </div>
        <div>
          <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Download CSV</button>
        </div>
      </form>
    </>
  );
}
