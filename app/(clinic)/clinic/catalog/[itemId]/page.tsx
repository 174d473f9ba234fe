import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/app/_components/format";
import { getCatalogItem } from "@/lib/domain/catalog/get-catalog-item";
import { describeDose } from "@/lib/domain/plans/dto";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "Treatment" };

export default async function ClinicCatalogItemPage({ params }: { params: Promise<{ itemId: string }> }) {
  const { itemId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/catalog/${itemId}`);
  const item = await loadForPage(() => getCatalogItem(actor, itemId));
  const dose = describeDose(item.dose);
  return (
    <article className="mx-auto max-w-3xl space-y-4">
      <Link href="/clinic/catalog" className="text-sm text-brand-700 underline">← Treatment catalog</Link>
      <header>
        <h1 className="text-2xl font-semibold">{item.name}</h1>
        <p className="text-slate-600">{label(item.kind)} · {label(item.category)} · {label(item.setting)}</p>
      </header>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="about">
        <h2 id="about" className="font-semibold">About</h2>
        <p className="mt-1">{item.description}</p>
        {dose && <p className="mt-2 text-sm"><span className="font-medium">Default dose:</span> {dose}</p>}
        {item.equipment.length > 0 && <p className="mt-1 text-sm"><span className="font-medium">Equipment:</span> {item.equipment.join(", ")}</p>}
      </section>
      <section className="rounded-lg border border-amber-200 bg-amber-50 p-4" aria-labelledby="contra">
        <h2 id="contra" className="font-semibold text-amber-900">Contraindicated with</h2>
        <p className="mt-1 text-amber-900">{item.contraindications.length ? item.contraindications.map(label).join(", ") : "No flags recorded."}</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="instructions">
        <h2 id="instructions" className="font-semibold">What the patient reads</h2>
        <p className="mt-1 whitespace-pre-line">{item.patientInstructions}</p>
      </section>
    </article>
  );
}
