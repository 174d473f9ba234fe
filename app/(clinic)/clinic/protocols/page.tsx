import type { Metadata } from "next";
import Link from "next/link";
import { BODY_REGION_CHOICES, FacetSummary } from "@/app/_components/facets";
import { FilterSelect } from "@/app/_components/filter-select";
import { Pagination } from "@/app/_components/pagination";
import { listTemplates } from "@/lib/domain/templates/list-templates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZTemplateFilters } from "@/lib/validation/templates";
import { OwnProtocolNote } from "./_components/own-protocol-note";

export const metadata: Metadata = { title: "Protocols" };

export default async function ProtocolsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("CLINICIAN", "/clinic/protocols");
  // Clinicians only ever get ACTIVE templates; a status in the URL is ignored by the domain.
  const { q, region, tag, page: requested } = ZTemplateFilters.parse(await searchParams);
  const { rows, total, page, pageSize } = await loadForPage(() => listTemplates(actor, { q, region, tag, page: requested }));
  const filtered = Boolean(q || region || tag);
  return (
    <>
      <div className="mb-4">
        <h1 className="text-2xl font-semibold">Protocols</h1>
        <p className="text-slate-600">The clinic&apos;s treatment protocols, phase by phase.</p>
      </div>
      <form role="search" aria-label="Filter protocols" className="mb-4 flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="grow">
          <label htmlFor="q" className="block text-xs font-medium text-slate-700">Search protocols</label>
          <input id="q" name="q" defaultValue={q} placeholder="Name, condition, ICD-10 code or tag" className="min-h-11 w-full rounded-md border border-slate-300 px-3" />
        </div>
        <FilterSelect name="region" text="Body region" options={BODY_REGION_CHOICES} value={region} />
        {tag && <input type="hidden" name="tag" value={tag} />}
        <button className="min-h-11 rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">Search</button>
        {filtered && <Link href="/clinic/protocols" className="inline-flex min-h-11 items-center px-2 text-sm text-brand-700 underline">Clear</Link>}
      </form>
      {rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
          {filtered ? "No protocols match this search." : "No protocols yet. An administrator creates them."}
        </p>
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2" aria-label="Protocols">
          {rows.map((t) => (
            <li key={t.id} className="rounded-lg border border-slate-200 bg-white p-4">
              <Link href={`/clinic/protocols/${t.id}`} className="font-medium text-brand-700 underline-offset-2 hover:underline">{t.name}</Link>
              <p className="text-sm text-slate-700">
                {t.condition}
                {t.icd10Code && <> · ICD-10 <span className="font-mono">{t.icd10Code}</span></>}
              </p>
              <p className="text-sm text-slate-600">{t.itemCount} {t.itemCount === 1 ? "treatment" : "treatments"}</p>
              {t.bodyRegions.length + t.tags.length > 0 && (
                <p className="mt-1 text-sm">
                  <FacetSummary regions={t.bodyRegions} tags={t.tags} tagHref={(value) => `/clinic/protocols?${new URLSearchParams({ tag: value })}`} />
                </p>
              )}
              {t.mine && <OwnProtocolNote proposalStatus={t.proposalStatus} proposalNote={t.proposalNote} />}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} total={total} pageSize={pageSize} params={{ q, region, tag }} />
    </>
  );
}
