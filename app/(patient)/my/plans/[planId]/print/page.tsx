import type { Metadata } from "next";
import { PrintablePlan } from "@/app/_components/printable-plan";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "Print my plan" };

export default async function MyPrintablePlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const actor = await requirePageActor("PATIENT", `/my/plans/${planId}/print`);
  const plan = await loadForPage(() => getPlan(actor, planId));
  return <PrintablePlan plan={plan} backHref={`/my/plans/${plan.id}`} timeZone={actor.timeZone} />;
}
