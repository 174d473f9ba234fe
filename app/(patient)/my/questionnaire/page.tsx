import type { Metadata } from "next";
import { getOdiRequest } from "@/lib/domain/portal/self-report";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { OdiForm } from "./odi-form";

export const metadata: Metadata = { title: "Questionnaire" };

export default async function QuestionnairePage() {
  const actor = await requirePageActor("PATIENT", "/my/questionnaire");
  const request = await loadForPage(() => getOdiRequest(actor));
  // The form stays mounted when the request closes (the action revalidates this page), so its thank-you survives.
  return (
    <div className="mx-auto max-w-2xl space-y-4">
      <h1 className="text-2xl font-semibold">How your back affects daily life</h1>
      <OdiForm request={request && { planId: request.planId, clinicianName: request.clinicianName }} />
    </div>
  );
}
