import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/app/_components/filter-select";
import { EmptyList, ListHeader, SearchForm } from "@/app/_components/list-page";
import { formatDateTime, label, plural } from "@/app/_components/format";
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
      <ListHeader title="Accounts" summary={`${plural(total, filtered ? "matching account" : "account")}: staff and patients of the clinic.`} newHref="/admin/accounts/new" newLabel="New account" />
      <SearchForm label="Filter accounts" searchLabel="Search accounts" placeholder="Name or email" q={filters.q} clearHref="/admin/accounts" filtered={filtered}>
        <FilterSelect name="role" text="Role" options={(["ADMIN", "CLINICIAN", "PATIENT"] as const).map((r) => [r, label(r)] as const)} value={filters.role} className={selectClass} />
        <FilterSelect name="status" text="Status" options={ACCOUNT_STATUSES.map((v) => [v, statusText(v)] as const)} value={filters.status} className={selectClass} />
      </SearchForm>
      {rows.length === 0 ? (
        <EmptyList>{filtered ? "No accounts match these filters." : "No accounts yet."}</EmptyList>
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
                    {!row.passwordSet && row.status === "ACTIVE" && <span className="ml-2 text-xs text-amber-800">Invited: no password chosen yet</span>}
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
