import type { Metadata } from "next";
import Link from "next/link";
import { label, plural } from "@/app/_components/format";
import { FilterSelect } from "@/app/_components/filter-select";
import { BODY_REGION_CHOICES, FacetSummary } from "@/app/_components/facets";
import { EmptyList, ListHeader, SearchForm } from "@/app/_components/list-page";
import { Pagination } from "@/app/_components/pagination";
import { CatalogCategory, CatalogKind, CatalogStatus, Setting } from "@/lib/enums";
import { listCatalogItems } from "@/lib/domain/catalog/list-catalog-items";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZCatalogFilters } from "@/lib/validation/catalog";

export const metadata: Metadata = { title: "Treatment catalog" };

const STATUS_TONE = { DRAFT: "bg-slate-100 text-slate-800", ACTIVE: "bg-emerald-100 text-emerald-900", RETIRED: "bg-red-100 text-red-900" } as const;
const choices = (values: string[]) => values.map((v) => [v, label(v)] as const);

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("ADMIN", "/admin/catalog");
  const filters = ZCatalogFilters.parse(await searchParams);
  const { rows, total, page, pageSize } = await loadForPage(() => listCatalogItems(actor, filters));
  const filtered = Boolean(filters.q || filters.kind || filters.category || filters.setting || filters.status || filters.region || filters.tag);
  return (
    <>
      <ListHeader title="Treatment catalog" summary={`${plural(total, filtered ? "matching treatment" : "treatment")} clinicians build plans from.`} newHref="/admin/catalog/new" newLabel="New treatment" />
      <SearchForm label="Filter treatments" searchLabel="Search treatments" placeholder="Name, description, condition or tag" q={filters.q} clearHref="/admin/catalog" filtered={filtered}>
        <FilterSelect name="kind" text="Kind" options={choices(Object.values(CatalogKind))} value={filters.kind} />
        <FilterSelect name="category" text="Category" options={choices(Object.values(CatalogCategory))} value={filters.category} />
        <FilterSelect name="setting" text="Setting" options={choices(Object.values(Setting))} value={filters.setting} />
        <FilterSelect name="status" text="Status" options={choices(Object.values(CatalogStatus))} value={filters.status} />
        <FilterSelect name="region" text="Body region" options={BODY_REGION_CHOICES} value={filters.region} />
        {filters.tag && <input type="hidden" name="tag" value={filters.tag} />}
      </SearchForm>
      {filters.tag && <p className="-mt-2 mb-3 text-sm text-slate-700">Tagged #{filters.tag}</p>}
      {rows.length === 0 ? (
        <EmptyList>{filtered ? "No treatments match these filters." : "The catalog is empty. Create the first treatment."}</EmptyList>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Treatments in the catalog</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Name</th>
                <th scope="col" className="px-4 py-3 font-medium">Kind</th>
                <th scope="col" className="px-4 py-3 font-medium">Category</th>
                <th scope="col" className="px-4 py-3 font-medium">Setting</th>
                <th scope="col" className="px-4 py-3 font-medium">Contraindicated with</th>
                <th scope="col" className="px-4 py-3 font-medium">Regions, conditions, tags</th>
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="px-4 py-3 font-medium">
                    <Link href={`/admin/catalog/${item.id}`} className="text-brand-700 underline-offset-2 hover:underline">{item.name}</Link>
                  </th>
                  <td className="px-4 py-3">{label(item.kind)}</td>
                  <td className="px-4 py-3">{label(item.category)}</td>
                  <td className="px-4 py-3">{label(item.setting)}</td>
                  <td className="px-4 py-3 text-slate-700">{item.contraindications.map(label).join(", ") || "—"}</td>
                  <td className="px-4 py-3">
                    <FacetSummary regions={item.bodyRegions} conditions={item.conditions} tags={item.tags} tagHref={(tag) => `/admin/catalog?${new URLSearchParams({ tag })}`} />
                  </td>
                  <td className="px-4 py-3"><span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_TONE[item.status]}`}>{label(item.status)}</span></td>
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
