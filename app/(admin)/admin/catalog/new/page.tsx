import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/server/page";
import { CatalogItemForm } from "../_components/catalog-item-form";

export const metadata: Metadata = { title: "New treatment" };

export default async function NewCatalogItemPage() {
  await requirePageActor("ADMIN", "/admin/catalog/new");
  return (
    <div className="mx-auto max-w-3xl">
      <Link href="/admin/catalog" className="text-sm text-brand-700 underline">← Treatment catalog</Link>
      <h1 className="mt-2 text-2xl font-semibold">New treatment</h1>
      <p className="mb-6 text-slate-600">It starts as a draft; activate it when clinicians may use it.</p>
      <CatalogItemForm />
    </div>
  );
}
