import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { listMyQuestionnaires } from "@/lib/domain/portal/questionnaires";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "Questionnaires" };

/** The questionnaires the plan asks for now: straight to the one when there is one, a list when several. */
export default async function QuestionnairesPage() {
  const actor = await requirePageActor("PATIENT", "/my/questionnaire");
  const asks = await loadForPage(() => listMyQuestionnaires(actor));
  if (asks.length === 1) redirect(`/my/questionnaire/${asks[0]!.code.toLowerCase()}`);
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">Questionnaires</h1>
      {asks.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          <p>There is no questionnaire for you to fill in right now. Your clinician will ask when they need one.</p>
          <Link href="/my" className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline">
            Back to today
          </Link>
        </div>
      ) : (
        <ul className="space-y-2">
          {asks.map((a) => (
            <li key={`${a.planId}-${a.code}`}>
              <Link href={`/my/questionnaire/${a.code.toLowerCase()}`} className="flex min-h-11 items-center justify-between rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-600">
                <span className="font-medium">{a.label}</span>
                <span className="text-sm text-slate-600">asked by {a.clinicianName}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
