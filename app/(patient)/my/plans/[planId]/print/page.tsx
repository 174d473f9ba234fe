import type { Metadata } from "next";
import { PrintablePlan } from "@/app/_components/printable-plan";
import { getClinicContact } from "@/lib/domain/clinic/settings";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "Print my plan" };

export default async function MyPrintablePlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const actor = await requirePageActor("PATIENT", `/my/plans/${planId}/print`);
  const [plan, clinic] = await loadForPage(() => Promise.all([getPlan(actor, planId), getClinicContact(actor)]));
  return <PrintablePlan plan={plan} backHref={`/my/plans/${plan.id}`} timeZone={actor.timeZone} clinic={clinic} />;
}
