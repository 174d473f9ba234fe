import type { Metadata } from "next";
import Link from "next/link";
import { listAssignableCatalogItems } from "@/lib/domain/templates/list-assignable-catalog-items";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { TemplateForm } from "../_components/template-form";

export const metadata: Metadata = { title: "New protocol template" };

export default async function NewTemplatePage() {
  const actor = await requirePageActor("ADMIN", "/admin/templates/new");
  const catalog = await loadForPage(() => listAssignableCatalogItems(actor));
  return (
    <div className="mx-auto max-w-4xl">
      <Link href="/admin/templates" className="text-sm text-brand-700 underline">← Protocol templates</Link>
      <h1 className="mt-2 text-2xl font-semibold">New protocol template</h1>
      <p className="mb-6 text-slate-600">It is active as soon as it is created: clinicians can open it under Protocols.</p>
      <TemplateForm catalog={catalog} />
    </div>
  );
}
