import Link from "next/link";
import { label } from "@/app/_components/format";
import type { PlanStatus } from "@/lib/enums";
import type { PlanFlagConflict } from "@/lib/domain/patients/flag-conflicts";

const PLAN_WORD: Partial<Record<PlanStatus, string>> = { ACTIVE: "the current plan", ON_HOLD: "the plan on hold", DRAFT: "the draft plan" };

/**
 * Activities in force that the patient's flags now contraindicate, grouped by plan with a link to
 * each plan, where the clinician stops them or overrides them with a reason.
 */
export function FlagConflictsPanel({ conflicts, id = "flag-conflicts", heading = 2 }: { conflicts: PlanFlagConflict[]; id?: string; heading?: 2 | 3 }) {
  if (conflicts.length === 0) return null;
  const plans = [...new Map(conflicts.map((c) => [c.plan.id, c.plan])).values()];
  const Heading = heading === 2 ? "h2" : "h3";
  return (
    <section aria-labelledby={id} tabIndex={-1} className="rounded-lg border-2 border-red-300 bg-red-50 p-4 text-red-950 focus:outline-none focus-visible:ring-2 focus-visible:ring-red-600">
      <Heading id={id} className="text-lg font-semibold">
        Contraindicated treatments in this patient&apos;s plan
      </Heading>
      {plans.map((plan) => (
        <div key={plan.id} className="mt-2">
          <p>
            These activities of {PLAN_WORD[plan.status] ?? "the plan"} <span className="font-medium">{plan.title}</span> are now contraindicated:
          </p>
          <ul className="mt-1 list-disc pl-6">
            {conflicts
              .filter((c) => c.plan.id === plan.id)
              .map((c) => (
                <li key={c.activityId}>
                  <span className="font-medium">{c.activityName}</span> ({c.flags.map((f) => label(f).toLowerCase()).join(", ")})
                </li>
              ))}
          </ul>
          <p className="mt-2">
            <Link href={`/clinic/plans/${plan.id}`} className="inline-flex min-h-11 items-center font-medium text-red-900 underline">
              Review the plan<span className="sr-only">: {plan.title}</span>
            </Link>
            <span className="text-sm"> — stop each activity, or override it there with a written reason.</span>
          </p>
        </div>
      ))}
    </section>
  );
}
