import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/app/_components/filter-select";
import { Pagination } from "@/app/_components/pagination";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZRosterFilters } from "@/lib/validation/patients";
import { getClinicianDashboard } from "@/lib/domain/sessions/list-sessions";
import { DashboardPanels } from "./_components/dashboard-panels";
import { listOverdueMeasures } from "@/lib/domain/measures/list-overdue-measures";
import { OverdueMeasures } from "./_components/overdue-measures";
import { RosterTable } from "./_components/roster-table";

export const metadata: Metadata = { title: "My patients" };

const PLAN_STATUS_OPTIONS = [
  ["ACTIVE", "Active"],
  ["ON_HOLD", "On hold"],
  ["DRAFT", "Draft"],
  ["NONE", "No open plan"],
] as const;
const ALERT_OPTIONS = [
  ["FLAGGED", "Has contraindication flags"],
  ["REVIEW_DUE", "Review due"],
  ["OVERRIDE", "Has an override"],
] as const;
const selectClass = "min-h-11 w-full rounded-md border border-slate-300 bg-white px-2 sm:w-auto";

/** The clinician's roster: care-team patients, soonest next session first. */
export default async function ClinicianRoster({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("CLINICIAN", "/clinic");
  const filters = ZRosterFilters.parse(await searchParams);
  const { rows, total, page, pageSize } = await loadForPage(() => listCareTeamPatients(actor, filters));
  const dashboard = await loadForPage(() => getClinicianDashboard(actor));
  const overdueMeasures = await loadForPage(() => listOverdueMeasures(actor));
  const filtered = Boolean(filters.q || filters.planStatus || filters.alert);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Good to see you, {actor.name}</h1>
          <p className="mt-1 text-slate-600">
            {filtered
              ? `${total} matching ${total === 1 ? "patient" : "patients"} in your care team.`
              : `${total === 1 ? "1 patient" : `${total} patients`} in your care team, soonest next session first.`}
          </p>
        </div>
        <Link href="/clinic/patients/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
          New patient
        </Link>
      </div>
      <DashboardPanels dashboard={dashboard} timeZone={actor.timeZone} filters={filters} />
      <OverdueMeasures rows={overdueMeasures} />
      <h2 className="mb-2 mt-6 text-lg font-semibold">Your patients</h2>
      <form role="search" aria-label="Filter patients" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="w-full grow sm:w-auto">
          <label htmlFor="q" className="block text-xs font-medium text-slate-700">Search patients</label>
          <p id="q-hint" className="text-xs text-slate-600">Name, or date of birth such as 12/04/1986 or 1986-04-12</p>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={filters.q}
            aria-describedby="q-hint"
            className="min-h-11 w-full rounded-md border border-slate-300 px-3"
          />
        </div>
        <FilterSelect name="planStatus" text="Plan status" options={PLAN_STATUS_OPTIONS} value={filters.planStatus} className={selectClass} />
        <FilterSelect name="alert" text="Alert" options={ALERT_OPTIONS} value={filters.alert} className={selectClass} />
        <div className="flex items-center gap-1">
          <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Search</button>
          {filtered && <Link href="/clinic" className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700 underline">Clear</Link>}
        </div>
      </form>
      {rows.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? (
            <p>
              No patients match these filters.{" "}
              <Link href="/clinic" className="text-brand-700 underline">Show all your patients</Link>
            </p>
          ) : (
            <>
              <p>No patients in your care team yet.</p>
              <p className="mt-1">
                <Link href="/clinic/patients/new" className="text-brand-700 underline">Register a new patient</Link>, or ask an administrator to add you to an
                existing patient&apos;s care team.
              </p>
            </>
          )}
        </div>
      ) : (
        <RosterTable rows={rows} timeZone={actor.timeZone} />
      )}
      <Pagination page={page} total={total} pageSize={pageSize} params={filters} />
    </>
  );
}
