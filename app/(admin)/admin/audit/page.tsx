import type { Metadata } from "next";
import Link from "next/link";
import { formatTimestamp, label, plural } from "@/app/_components/format";
import { Pagination } from "@/app/_components/pagination";
import { auditActionName, isSecurityEvent } from "@/lib/audit/action-names";
import { listAuditEvents, listAuditFilterOptions } from "@/lib/domain/audit/list-audit-events";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZAuditFilters, type TAuditFilters } from "@/lib/validation/audit";

export const metadata: Metadata = { title: "Audit log" };

const control = "min-h-11 rounded-md border border-slate-300 bg-white px-2";

/** The audit log's URL with some filters changed (page back to 1). */
function withFilters(filters: TAuditFilters, changes: Partial<Record<"actorId" | "patientId", string | undefined>>): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, page: undefined, ...changes })) if (v !== undefined && v !== "") query.set(k, String(v));
  const text = query.toString();
  return text ? `/admin/audit?${text}` : "/admin/audit";
}

/** The CSV export of the events the filters select (every page, not only this one). */
function exportHref(filters: TAuditFilters): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...filters, page: undefined })) if (v !== undefined && v !== "") query.set(k, String(v));
  const text = query.toString();
  return text ? `/api/v1/audit/export?${text}` : "/api/v1/audit/export";
}

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("ADMIN", "/admin/audit");
  const filters = ZAuditFilters.parse(await searchParams);
  const [{ rows, total, page, pageSize }, options] = await loadForPage(() =>
    Promise.all([listAuditEvents(actor, filters), listAuditFilterOptions(actor, { actorId: filters.actorId, patientId: filters.patientId })]),
  );
  const filtered = Boolean(filters.actorId || filters.patientId || filters.action || filters.from || filters.to);
  return (
    <>
      <h1 className="text-2xl font-semibold">Audit log</h1>
      <div className="mb-4 flex flex-wrap items-baseline justify-between gap-2">
        <p className="text-slate-600">Who did what to which record, and when. {plural(total, filtered ? "matching event" : "event")}.</p>
        {total > 0 && (
          <a href={exportHref(filters)} download className="inline-flex min-h-11 items-center text-brand-700 underline">
            Download {filtered ? "these events" : "all events"} (CSV)
          </a>
        )}
      </div>
      <form aria-label="Filter audit events" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div>
          <label htmlFor="actorId" className="block text-xs font-medium text-slate-700">Who</label>
          <select id="actorId" name="actorId" defaultValue={filters.actorId ?? ""} className={control}>
            <option value="">Anyone</option>
            {options.actors.map((a) => <option key={a.id} value={a.id}>{a.name} ({label(a.role)})</option>)}
          </select>
        </div>
        <div>
          <span className="block text-xs font-medium text-slate-700">Patient</span>
          {options.patient ? (
            <span className="inline-flex min-h-11 items-center gap-2">
              <input type="hidden" name="patientId" value={options.patient.id} />
              <span>{options.patient.name}</span>
              <Link href={withFilters(filters, { patientId: undefined })} className="text-sm text-brand-700 underline">
                Any patient<span className="sr-only"> (remove the patient filter)</span>
              </Link>
            </span>
          ) : (
            <span className="inline-flex min-h-11 items-center text-sm text-slate-600">Any: select a name in the log</span>
          )}
        </div>
        <div>
          <label htmlFor="action" className="block text-xs font-medium text-slate-700">Event type</label>
          <select id="action" name="action" defaultValue={filters.action ?? ""} className={`${control} max-w-full`}>
            <option value="">Any event type</option>
            {options.actions.map((a) => <option key={a} value={a}>{auditActionName(a)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="from" className="block text-xs font-medium text-slate-700">From</label>
          <input id="from" name="from" type="date" defaultValue={filters.from} className={control} />
        </div>
        <div>
          <label htmlFor="to" className="block text-xs font-medium text-slate-700">To</label>
          <input id="to" name="to" type="date" defaultValue={filters.to} className={control} />
        </div>
        <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Filter</button>
        {filtered && <Link href="/admin/audit" className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700 underline">Clear</Link>}
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? "No events match these filters." : "Nothing has been recorded yet."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Audit events, newest first</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">When</th>
                <th scope="col" className="px-4 py-3 font-medium">Who</th>
                <th scope="col" className="px-4 py-3 font-medium">What happened</th>
                <th scope="col" className="px-4 py-3 font-medium">Patient</th>
                <th scope="col" className="px-4 py-3 font-medium">Origin</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((e) => (
                <tr key={e.id}>
                  <td className="whitespace-nowrap px-4 py-2">{formatTimestamp(e.at, actor.timeZone)}</td>
                  <td className="px-4 py-2">
                    {e.actorName && e.actorId ? <Link href={withFilters(filters, { actorId: e.actorId })} className="text-brand-700 underline">{e.actorName}</Link> : (e.actorName ?? <span className="text-slate-600">Not signed in</span>)}
                    {e.actorRole && <span className="text-slate-500"> · {label(e.actorRole)}</span>}
                  </td>
                  <td className="px-4 py-2">
                    <span className={isSecurityEvent(e.action) ? "font-medium text-red-800" : undefined}>{e.sentence}</span>
                    {e.overrideReason && <span className="mt-1 block text-slate-700">Override reason: {e.overrideReason}</span>}
                  </td>
                  <td className="px-4 py-2">
                    {e.patientName && e.patientId ? <Link href={withFilters(filters, { patientId: e.patientId })} className="text-brand-700 underline">{e.patientName}</Link> : "—"}
                  </td>
                  <td className="px-4 py-2 text-slate-600">{e.origin ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} total={total} pageSize={pageSize} params={filters} />
    </>
  );
}
