import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/app/_components/filter-select";
import { formatDate, label } from "@/app/_components/format";
import { Pagination } from "@/app/_components/pagination";
import { listTemplates } from "@/lib/domain/templates/list-templates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZTemplateFilters } from "@/lib/validation/templates";

export const metadata: Metadata = { title: "Protocol templates" };

const STATUS_TONE = { DRAFT: "bg-slate-100 text-slate-800", ACTIVE: "bg-emerald-100 text-emerald-900", RETIRED: "bg-red-100 text-red-900" } as const;

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("ADMIN", "/admin/templates");
  const filters = ZTemplateFilters.parse(await searchParams);
  const { rows, total, page, pageSize } = await loadForPage(() => listTemplates(actor, filters));
  const filtered = Boolean(filters.q || filters.status);
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Protocol templates</h1>
          <p className="text-slate-600">{total} {filtered ? "matching" : ""} protocols clinicians start plans from.</p>
        </div>
        <Link href="/admin/templates/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
          New template
        </Link>
      </div>
      <form role="search" aria-label="Filter templates" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="grow">
          <label htmlFor="q" className="block text-xs font-medium text-slate-700">Search templates</label>
          <input id="q" name="q" defaultValue={filters.q} placeholder="Name, condition or ICD-10 code" className="min-h-11 w-full rounded-md border border-slate-300 px-3" />
        </div>
        <FilterSelect name="status" text="Status" options={[["ACTIVE", "Active"], ["RETIRED", "Retired"]]} value={filters.status} />
        <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Search</button>
        {filtered && <Link href="/admin/templates" className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700 underline">Clear</Link>}
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? "No templates match these filters." : "No protocol templates yet. Create the first one."}
        </p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Protocol templates</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Name</th>
                <th scope="col" className="px-4 py-3 font-medium">Condition</th>
                <th scope="col" className="px-4 py-3 font-medium">ICD-10</th>
                <th scope="col" className="px-4 py-3 font-medium">Treatments</th>
                <th scope="col" className="px-4 py-3 font-medium">Updated</th>
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((t) => (
                <tr key={t.id}>
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link href={`/admin/templates/${t.id}`} className="text-brand-700 underline-offset-2 hover:underline">{t.name}</Link>
                  </th>
                  <td className="px-4 py-3">{t.condition}</td>
                  <td className="px-4 py-3 font-mono">{t.icd10Code ?? "—"}</td>
                  <td className="px-4 py-3">{t.itemCount}</td>
                  <td className="px-4 py-3">{formatDate(t.updatedAt)}</td>
                  <td className="px-4 py-3"><span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_TONE[t.status]}`}>{label(t.status)}</span></td>
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
