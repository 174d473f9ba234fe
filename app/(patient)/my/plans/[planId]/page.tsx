import type { Metadata } from "next";
import { ActivityList } from "@/app/_components/activity-list";
import { formatDate, label } from "@/app/_components/format";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "My plan" };

export default async function PatientPlanPage({ params }: { params: Promise<{ planId: string }> }) {
  const { planId } = await params;
  const actor = await requirePageActor("PATIENT", `/my/plans/${planId}`);
  const plan = await loadForPage(() => getPlan(actor, planId));
  return (
    <article className="mx-auto max-w-2xl space-y-4">
      <header>
        <h1 className="text-2xl font-semibold">{plan.title}</h1>
        <p className="text-slate-600">
          {label(plan.status)} · with {plan.clinicianName} · started {formatDate(plan.startDate)}
          {plan.reviewDate && ` · review ${formatDate(plan.reviewDate)}`}
        </p>
      </header>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="goals">
        <h2 id="goals" className="text-lg font-semibold">Goals</h2>
        <p className="mt-1">{plan.goals}</p>
      </section>
      <section className="rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="activities">
        <h2 id="activities" className="text-lg font-semibold">What the plan includes</h2>
        <ActivityList activities={plan.activities} showInstructions />
      </section>
    </article>
  );
}
