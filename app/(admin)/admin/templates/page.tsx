import type { Metadata } from "next";
import Link from "next/link";
import { FilterSelect } from "@/app/_components/filter-select";
import { BODY_REGION_CHOICES, FacetSummary } from "@/app/_components/facets";
import { EmptyList, ListHeader, SearchForm } from "@/app/_components/list-page";
import { formatDate, label, plural } from "@/app/_components/format";
import { Pagination } from "@/app/_components/pagination";
import { listTemplates } from "@/lib/domain/templates/list-templates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZTemplateFilters } from "@/lib/validation/templates";
import { listTemplateProposals } from "@/lib/domain/templates/own-templates";
import { TemplateProposals } from "./_components/template-proposals";

export const metadata: Metadata = { title: "Protocol templates" };

const STATUS_TONE = { DRAFT: "bg-slate-100 text-slate-800", ACTIVE: "bg-emerald-100 text-emerald-900", RETIRED: "bg-red-100 text-red-900" } as const;

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("ADMIN", "/admin/templates");
  const filters = ZTemplateFilters.parse(await searchParams);
  const { rows, total, page, pageSize } = await loadForPage(() => listTemplates(actor, filters));
  const filtered = Boolean(filters.q || filters.status || filters.region || filters.tag);
  return (
    <>
      <ListHeader title="Protocol templates" summary={`${plural(total, filtered ? "matching protocol" : "protocol")} clinicians start plans from.`} newHref="/admin/templates/new" newLabel="New template" />
      {/* FHIR protocol exchange (decision 051) */}
      <p className="-mt-2 mb-4 text-sm">
        <Link href="/admin/templates/import" className="text-brand-700 underline">Import a protocol from another clinic (FHIR)</Link>
      </p>
      <SearchForm label="Filter templates" searchLabel="Search templates" placeholder="Name, condition, ICD-10 code or tag" q={filters.q} clearHref="/admin/templates" filtered={filtered}>
        <FilterSelect name="status" text="Status" options={[["ACTIVE", "Active"], ["RETIRED", "Retired"]]} value={filters.status} />
        <FilterSelect name="region" text="Body region" options={BODY_REGION_CHOICES} value={filters.region} />
        {filters.tag && <input type="hidden" name="tag" value={filters.tag} />}
      </SearchForm>
      {filters.tag && <p className="-mt-2 mb-3 text-sm text-slate-700">Tagged #{filters.tag}</p>}
      {rows.length === 0 ? (
        <EmptyList>{filtered ? "No templates match these filters." : "No protocol templates yet. Create the first one."}</EmptyList>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Protocol templates</caption>
            <thead className="bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">Name</th>
                <th scope="col" className="px-4 py-3 font-medium">Condition</th>
                <th scope="col" className="px-4 py-3 font-medium">ICD-10</th>
                <th scope="col" className="px-4 py-3 font-medium">Regions and tags</th>
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
                  <td className="px-4 py-3">
                    <FacetSummary regions={t.bodyRegions} tags={t.tags} tagHref={(tag) => `/admin/templates?${new URLSearchParams({ tag })}`} />
                  </td>
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
      <ProposalsSection actor={actor} />
    </>
  );
}

/** Protocols clinicians proposed from their plans (decision 039), awaiting an answer. */
async function ProposalsSection({ actor }: { actor: Awaited<ReturnType<typeof requirePageActor>> }) {
  const proposals = await loadForPage(() => listTemplateProposals(actor));
  return (
    <section aria-labelledby="template-proposals" className="mt-8">
      <h2 id="template-proposals" className="mb-2 text-lg font-semibold">
        Proposals{proposals.length > 0 ? ` (${proposals.length})` : ""}
      </h2>
      <TemplateProposals proposals={proposals} />
    </section>
  );
}
