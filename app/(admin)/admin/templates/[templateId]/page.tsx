import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/app/_components/format";
import { TemplatePreview } from "@/app/_components/template-preview";
import { getTemplate } from "@/lib/domain/templates/get-template";
import { listAssignableCatalogItems } from "@/lib/domain/templates/list-assignable-catalog-items";
import { isVisibleToClinicians } from "@/lib/domain/templates/rules";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { TemplateForm } from "../_components/template-form";
import { listGuidelineStancesForCondition } from "@/lib/domain/guidelines/list-guideline-statements";

export const metadata: Metadata = { title: "Edit protocol template" };

export default async function TemplatePage({
  params,
  searchParams,
}: {
  params: Promise<{ templateId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { templateId } = await params;
  const actor = await requirePageActor("ADMIN", `/admin/templates/${templateId}`);
  const template = await loadForPage(() => getTemplate(actor, templateId));
  const catalog = await loadForPage(() => listAssignableCatalogItems(actor));
  // What the guidelines say for the protocol's condition, beside each treatment (decision 044).
  const guidance = await loadForPage(() => listGuidelineStancesForCondition(actor, { condition: template.condition, icd10Code: template.icd10Code }));
  const created = (await searchParams).created === "1";
  const visible = template.items.filter(isVisibleToClinicians);
  const hidden = template.items.filter((i) => !isVisibleToClinicians(i));
  return (
    <div className="mx-auto max-w-4xl">
      <Link href="/admin/templates" className="text-sm text-brand-700 underline">← Protocol templates</Link>
      <h1 className="mt-2 text-2xl font-semibold">{template.name}</h1>
      <p className="text-slate-600">
        {label(template.status)} · version {template.version} · {template.items.length} {template.items.length === 1 ? "treatment" : "treatments"} · used by{" "}
        {template.usedByPlans} {template.usedByPlans === 1 ? "plan" : "plans"}
      </p>
      {/* FHIR protocol exchange (decision 051): the file another clinic imports. */}
      <p className="mt-2 text-sm">
        <a href={`/api/fhir/PlanDefinition/${template.id}`} download className="text-brand-700 underline">Download as FHIR</a>
        <span className="text-slate-600"> (R4 PlanDefinition with its treatments, for another clinic to import)</span>
      </p>
      {created && <p className="mt-3 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">Created. Clinicians can open it under Protocols.</p>}
      {guidance.conditions.length > 0 && (
        <p className="mt-3 text-sm text-slate-700">
          Guideline statements are shown beside each treatment for: {guidance.conditions.join(", ")} (matched from the protocol&apos;s saved condition).
        </p>
      )}
      <div className="mt-6">
        <TemplateForm template={template} catalog={catalog} stances={guidance.byItem} />
      </div>
      <section aria-labelledby="preview-heading" className="mt-10 space-y-3 border-t border-slate-200 pt-6">
        <div>
          <h2 id="preview-heading" className="text-xl font-semibold">Clinician preview</h2>
          <p className="text-sm text-slate-600">The last saved version, exactly as clinicians see it under Protocols.</p>
        </div>
        {template.status !== "ACTIVE" && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">This template is {label(template.status).toLowerCase()}: clinicians don&apos;t see it at all until it is activated.</p>
        )}
        {hidden.length > 0 && (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
            Not shown to clinicians because the treatment is no longer active in the catalog: {hidden.map((i) => i.name).join(", ")}.
          </p>
        )}
        <div className="rounded-lg bg-slate-100 p-4">
          <TemplatePreview template={{ ...template, items: visible }} level={3} />
        </div>
      </section>
    </div>
  );
}
