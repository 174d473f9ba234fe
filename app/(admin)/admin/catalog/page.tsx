import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/app/_components/format";
import { listCatalogItems } from "@/lib/domain/catalog/list-catalog-items";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZPage } from "@/lib/validation/common";

export const metadata: Metadata = { title: "Treatment catalog" };

const STATUS_TONE = { DRAFT: "bg-slate-100 text-slate-800", ACTIVE: "bg-emerald-100 text-emerald-900", RETIRED: "bg-red-100 text-red-900" } as const;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("ADMIN", "/admin/catalog");
  const parsed = ZPage.safeParse(await searchParams);
  const { page, q } = parsed.success ? parsed.data : { page: 1, q: undefined };
  const { rows, total, pageSize } = await loadForPage(() => listCatalogItems(actor, { page, q }));
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <>
      <div className="mb-4 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Treatment catalog</h1>
          <p className="text-slate-600">{total} treatments clinicians build plans from.</p>
        </div>
        <form role="search" className="flex gap-2">
          <label htmlFor="q" className="sr-only">Search treatments</label>
          <input id="q" name="q" defaultValue={q} placeholder="Search name or description" className="min-h-11 rounded-md border border-slate-300 px-3" />
          <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Search</button>
        </form>
      </div>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {q ? `No treatments match “${q}”.` : "The catalog is empty."}
        </p>
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
                <th scope="col" className="px-4 py-3 font-medium">Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rows.map((item) => (
                <tr key={item.id}>
                  <th scope="row" className="px-4 py-3 font-medium">{item.name}</th>
                  <td className="px-4 py-3">{label(item.kind)}</td>
                  <td className="px-4 py-3">{label(item.category)}</td>
                  <td className="px-4 py-3">{label(item.setting)}</td>
                  <td className="px-4 py-3 text-slate-700">{item.contraindications.map(label).join(", ") || "—"}</td>
                  <td className="px-4 py-3">
                    <span className={`rounded px-1.5 py-0.5 text-xs ${STATUS_TONE[item.status]}`}>{label(item.status)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {pages > 1 && (
        <nav aria-label="Pagination" className="mt-4 flex items-center gap-3 text-sm">
          {page > 1 && <Link className="text-brand-700 underline" href={{ query: { ...(q ? { q } : {}), page: page - 1 } }}>Previous</Link>}
          <span>Page {page} of {pages}</span>
          {page < pages && <Link className="text-brand-700 underline" href={{ query: { ...(q ? { q } : {}), page: page + 1 } }}>Next</Link>}
        </nav>
      )}
    </>
  );
}
