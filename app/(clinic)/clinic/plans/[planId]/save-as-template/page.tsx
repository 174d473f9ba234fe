import type { Metadata } from "next";
import Link from "next/link";
import { label } from "@/app/_components/format";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { SaveAsTemplateForm } from "./_components/save-as-template-form";

export const metadata: Metadata = { title: "Save plan as protocol" };

/** "Save as protocol" (decision 039): the clinician's own protocol, or proposed to the clinic's. */
export default async function SaveAsTemplatePage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/plans/${planId}/save-as-template`);
  const plan = await loadForPage(() => getPlan(actor, planId));
  const activities = plan.activities.filter((a) => a.status !== "STOPPED");
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href={`/clinic/plans/${plan.id}`} className="text-sm text-brand-700 underline">
        ← {plan.title}
      </Link>
      <h1 className="text-2xl font-semibold break-words">Save as protocol: {plan.title}</h1>
      <p className="text-slate-600">
        The protocol keeps this plan&apos;s condition and its treatments with their settings, phases and doses, nothing about the patient. Treatments no longer active in
        the catalog are left out.
      </p>
      <section aria-labelledby="protocol-treatments" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="protocol-treatments" className="text-lg font-semibold">Treatments</h2>
        {activities.length === 0 ? (
          <p className="text-sm text-slate-600">This plan has no treatments yet: add some on the plan before saving it as a protocol.</p>
        ) : (
          <ol className="mt-2 list-decimal space-y-1 pl-5 text-sm">
            {activities.map((a) => (
              <li key={a.id}>
                <span className="font-medium">{a.name}</span> · {label(a.setting)} · {label(a.phase)}
              </li>
            ))}
          </ol>
        )}
      </section>
      <SaveAsTemplateForm planId={plan.id} defaultName={plan.title} disabled={activities.length === 0} />
    </div>
  );
}
