import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { label } from "@/app/_components/format";
import { Pagination } from "@/app/_components/pagination";
import { listCareTeamPatients } from "@/lib/domain/patients/list-care-team-patients";
import { getPlan } from "@/lib/domain/plans/get-plan";
import { todayIn } from "@/lib/domain/schedule/dates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZId } from "@/lib/validation/common";
import { ZRosterFilters } from "@/lib/validation/patients";
import { ScheduleForm } from "./_components/schedule-form";

export const metadata: Metadata = { title: "Schedule a session" };

const BOOKABLE = new Set(["DRAFT", "ACTIVE", "ON_HOLD"]);

/** Without a plan: the care-team patients with a plan open for booking, to pick from, a roster page at a time. */
async function PlanPicker({ q, page }: { q?: string; page: number }) {
  const actor = await requirePageActor("CLINICIAN", "/clinic/sessions/new");
  const { rows, total, pageSize } = await loadForPage(() => listCareTeamPatients(actor, { q, page }));
  const withPlan = rows.filter((r) => r.activePlan);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href="/clinic/sessions" className="text-sm text-brand-700 underline">
        ← My sessions
      </Link>
      <h1 className="text-2xl font-semibold">Schedule a session</h1>
      <p className="text-slate-600">A session is booked for a patient&apos;s plan. Choose the plan.</p>
      <form role="search" aria-label="Find a patient" className="flex flex-wrap items-end gap-2">
        <div className="grow">
          <label htmlFor="q" className="block text-sm font-medium text-slate-800">Patient name</label>
          <input id="q" name="q" defaultValue={q} className="block min-h-11 w-full rounded-md border border-slate-300 bg-white px-3" />
        </div>
        <button className="min-h-11 rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">Search</button>
      </form>
      {withPlan.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          {total > pageSize
            ? "No patient on this page has an open plan: try another page, or search by name."
            : q
              ? "No patient of yours with an open plan matches that name."
              : "None of your patients has an open plan. Create a plan from the patient's page first."}
        </p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white" aria-label="Plans open for booking">
          {withPlan.map((r) => (
            <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 p-3">
              <span>
                <span className="block font-medium">{r.name}</span>
                <span className="block text-sm text-slate-600">
                  {r.activePlan!.title} · {label(r.activePlan!.status)}
                </span>
              </span>
              <Link href={`/clinic/sessions/new?planId=${r.activePlan!.id}`} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
                Book for {r.name}
              </Link>
            </li>
          ))}
        </ul>
      )}
      <Pagination page={page} total={total} pageSize={pageSize} params={{ q }} />
    </div>
  );
}

export default async function NewSessionPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const planId = typeof query.planId === "string" ? query.planId : undefined;
  if (!planId) {
    const { q, page } = ZRosterFilters.pick({ q: true, page: true }).parse(query);
    return <PlanPicker q={q} page={page} />;
  }

  const actor = await requirePageActor("CLINICIAN", `/clinic/sessions/new?planId=${encodeURIComponent(planId)}`);
  // A malformed id is answered like one that does not exist.
  if (!ZId.safeParse(planId).success) notFound();
  const plan = await loadForPage(() => getPlan(actor, planId));
  const bookable = BOOKABLE.has(plan.status);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <Link href={`/clinic/plans/${plan.id}`} className="text-sm text-brand-700 underline">
        ← {plan.title}
      </Link>
      <div>
        <h1 className="text-2xl font-semibold">Schedule a session</h1>
        <p className="text-slate-600">
          For{" "}
          <Link href={`/clinic/patients/${plan.patientId}`} className="text-brand-700 underline">
            {plan.patientName}
          </Link>{" "}
          · plan “{plan.title}” · {label(plan.status)}
        </p>
      </div>
      {bookable ? (
        <ScheduleForm planId={plan.id} timeZone={actor.timeZone} today={todayIn(actor.timeZone)} />
      ) : (
        <p className="rounded-md border border-slate-200 bg-slate-100 px-3 py-2 text-sm text-slate-700">
          This plan is {label(plan.status).toLowerCase()}: sessions can only be booked for an open plan.
        </p>
      )}
    </div>
  );
}
