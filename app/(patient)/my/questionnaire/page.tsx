import type { Metadata } from "next";
import Link from "next/link";
import { getOdiRequest } from "@/lib/domain/portal/self-report";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { OdiForm } from "./odi-form";

export const metadata: Metadata = { title: "Questionnaire" };

export default async function QuestionnairePage() {
  const actor = await requirePageActor("PATIENT", "/my/questionnaire");
  const request = await loadForPage(() => getOdiRequest(actor));
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">How your back affects daily life</h1>
      {!request ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-700">
          <p>There is no questionnaire for you to fill in right now. Your clinician will ask when they need one.</p>
          <Link href="/my" className="mt-2 inline-flex min-h-11 items-center text-brand-700 underline">
            Back to today
          </Link>
        </div>
      ) : (
        <>
          <p className="text-slate-700">
            {request.clinicianName} asked you to answer these ten questions (the Oswestry Disability Index). For each one, choose how much your back or leg pain limits you
            <strong> today</strong>, from 0 (not at all) to 5 (completely). If a question does not apply to you, you may leave one out.
          </p>
          <OdiForm planId={request.planId} />
        </>
      )}
    </div>
  );
}
