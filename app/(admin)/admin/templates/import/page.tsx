import type { Metadata } from "next";
import Link from "next/link";
import { requirePageActor } from "@/lib/server/page";
import { ImportForm } from "./import-form";

export const metadata: Metadata = { title: "Import a protocol" };

/** Import a protocol another clinic exported as FHIR R4 (ADR 051). */
export default async function ImportTemplatePage() {
  await requirePageActor("ADMIN", "/admin/templates/import");
  return (
    <div className="mx-auto max-w-4xl">
      <Link href="/admin/templates" className="text-sm text-brand-700 underline">← Protocol templates</Link>
      <h1 className="mt-2 text-2xl font-semibold">Import a protocol</h1>
      <p className="mb-6 text-slate-600">From another clinic&rsquo;s FHIR export. Nothing is saved unless the whole file is valid.</p>
      <ImportForm />
    </div>
  );
}
