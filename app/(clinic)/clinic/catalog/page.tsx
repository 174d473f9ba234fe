import type { Metadata } from "next";
import Link from "next/link";
import { label, plural } from "@/app/_components/format";
import { Pagination } from "@/app/_components/pagination";
import { listCatalogItems } from "@/lib/domain/catalog/list-catalog-items";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZCatalogFilters } from "@/lib/validation/catalog";

export const metadata: Metadata = { title: "Treatment catalog" };

export default async function ClinicCatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("CLINICIAN", "/clinic/catalog");
  const filters = ZCatalogFilters.parse(await searchParams);
  const { rows, total, page, pageSize } = await loadForPage(() => listCatalogItems(actor, filters));
  return (
    <>
      <h1 className="text-2xl font-semibold">Treatment catalog</h1>
      <p className="mb-4 text-slate-600">The {plural(total, "active treatment")} you can add to a plan.</p>
      <form role="search" className="mb-4 flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="q" className="block text-xs font-medium text-slate-700">Search treatments</label>
          <input id="q" name="q" defaultValue={filters.q} className="min-h-11 rounded-md border border-slate-300 px-3" />
        </div>
        <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Search</button>
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filters.q ? `No active treatments match “${filters.q}”.` : "No treatments are active yet. Ask an administrator to activate the catalog."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {rows.map((item) => (
            <li key={item.id} className="flex flex-wrap items-baseline justify-between gap-2 px-4 py-3">
              <Link href={`/clinic/catalog/${item.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{item.name}</Link>
              <span className="text-sm text-slate-600">
                {label(item.kind)} · {label(item.category)} · {label(item.setting)}
                {item.contraindications.length > 0 && <> · contraindicated with {item.contraindications.map(label).join(", ")}</>}
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} total={total} pageSize={pageSize} params={filters} />
    </>
  );
}
