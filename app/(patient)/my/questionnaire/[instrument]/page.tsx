import type { Metadata } from "next";
import Link from "next/link";
import { getMyQuestionnaire } from "@/lib/domain/portal/questionnaires";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { OdiForm } from "../odi-form";
import { PsfsForm } from "../psfs-form";

export const metadata: Metadata = { title: "Questionnaire" };

const HEADINGS: Record<string, string> = { ODI: "How your back affects daily life", PSFS: "Activities that are hard for you", RMDQ: "How your back affects you today" };

/** One questionnaire the plan asks for (issue 16): /my/questionnaire/odi, /rmdq or /psfs. */
export default async function QuestionnairePage({ params }: { params: Promise<{ instrument: string }> }) {
  const { instrument } = await params;
  const actor = await requirePageActor("PATIENT", `/my/questionnaire/${encodeURIComponent(instrument)}`);
  const { ask, definition, previousActivities } = await loadForPage(() => getMyQuestionnaire(actor, instrument));
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">{HEADINGS[definition.code] ?? definition.name}</h1>
      {!ask ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          <p>There is no {definition.label} for you to fill in right now. Your clinician will ask when they need one.</p>
          <Link href="/my" className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline">
            Back to today
          </Link>
        </div>
      ) : definition.code === "ODI" ? (
        <OdiForm planId={ask.planId} clinicianName={ask.clinicianName} definition={definition} />
      ) : definition.code === "PSFS" ? (
        <PsfsForm planId={ask.planId} clinicianName={ask.clinicianName} definition={definition} previousActivities={previousActivities} />
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white p-6 text-slate-700">
          <p>
            {ask.clinicianName} asked you to fill in the {definition.name}. Its statements are the authors&apos; wording and this app does not show them: please fill it in on the paper form at your next visit, and your
            clinician will record it.
          </p>
          <Link href="/my" className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline">
            Back to today
          </Link>
        </div>
      )}
    </div>
  );
}
