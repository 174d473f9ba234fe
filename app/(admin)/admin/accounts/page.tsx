import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/app/_components/filter-select";
import { formatDateTime, label } from "@/app/_components/format";
import { Pagination } from "@/app/_components/pagination";
import { listAccounts } from "@/lib/domain/accounts/list-accounts";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ACCOUNT_STATUSES, ZAccountFilters } from "@/lib/validation/accounts";
import { StatusBadge, statusText } from "./_components/badges";

export const metadata: Metadata = { title: "Accounts" };

const selectClass = "min-h-11 rounded-md border border-slate-300 bg-white px-2";

export default async function AccountsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("ADMIN", "/admin/accounts");
  const filters = ZAccountFilters.parse(await searchParams);
  const { rows, total, page, pageSize } = await loadForPage(() => listAccounts(actor, filters));
  const filtered = Boolean(filters.q || filters.role || filters.status);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Accounts</h1>
          <p className="text-slate-600">{total} {filtered ? "matching" : ""} staff and patients of the clinic.</p>
        </div>
        <Link href="/admin/accounts/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
          New account
        </Link>
      </div>
      <form role="search" aria-label="Filter accounts" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="grow">
          <label htmlFor="q" className="block text-xs font-medium text-slate-700">Search accounts</label>
          <input id="q" name="q" defaultValue={filters.q} placeholder="Name or email" className="min-h-11 w-full rounded-md border border-slate-300 px-3" />
        </div>
        <FilterSelect name="role" text="Role" options={(["ADMIN", "CLINICIAN", "PATIENT"] as const).map((r) => [r, label(r)] as const)} value={filters.role} className={selectClass} />
        <FilterSelect name="status" text="Status" options={ACCOUNT_STATUSES.map((v) => [v, statusText(v)] as const)} value={filters.status} className={selectClass} />
        <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Search</button>
        {filtered && <Link href="/admin/accounts" className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700 underline">Clear</Link>}
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? "No accounts match these filters." : "No accounts yet."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Accounts of the clinic</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Name</th>
                <th scope="col" className="px-4 py-3 font-medium">Email</th>
                <th scope="col" className="px-4 py-3 font-medium">Role</th>
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
                <th scope="col" className="px-4 py-3 font-medium">Last sign-in</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((row) => (
                <tr key={row.href}>
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link href={row.href} className="text-brand-700 underline-offset-2 hover:underline">{row.name}</Link>
                  </th>
                  <td className="px-4 py-3 text-slate-700">{row.email ?? "—"}</td>
                  <td className="px-4 py-3">{label(row.role)}</td>
                  <td className="px-4 py-3">
                    <StatusBadge status={row.status} />
                    {row.mustChangePassword && row.status === "ACTIVE" && <span className="ml-2 text-xs text-amber-800">Initial password not yet changed</span>}
                  </td>
                  <td className="px-4 py-3 text-slate-700">{row.lastLoginAt ? formatDateTime(row.lastLoginAt, actor.timeZone) : "Never"}</td>
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
