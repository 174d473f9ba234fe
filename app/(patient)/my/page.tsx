import type { Metadata } from "next";
import Link from "next/link";
import { ActivityList } from "@/app/_components/activity-list";
import { formatDate, formatDateTime } from "@/app/_components/format";
import { describeDose } from "@/lib/domain/plans/dto";
import { getPatientHome } from "@/lib/domain/portal/get-patient-home";
import { loadForPage, requirePageActor } from "@/lib/server/page";

export const metadata: Metadata = { title: "Today" };

export default async function PatientHomePage() {
  const actor = await requirePageActor("PATIENT", "/my");
  const home = await loadForPage(() => getPatientHome(actor));
  const plan = home.plan;
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Hello, {home.firstName}</h1>
        <p className="text-slate-600">Today is {formatDate(home.today)}.</p>
      </div>

      {home.nextSession && (
        <p className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-800">
          Next visit: <strong>{formatDateTime(home.nextSession.startsAt, actor.timeZone)}</strong> with {home.nextSession.clinicianName} ({home.nextSession.durationMin} min)
        </p>
      )}

      {!plan ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          You don&apos;t have an active plan right now. Your clinician will set one up with you.
        </p>
      ) : (
        <>
          <section aria-labelledby="today-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="today-heading" className="text-lg font-semibold">Your home routine today</h2>
            <p className="mb-3 text-sm text-slate-600">
              From <Link className="text-brand-700 underline" href={`/my/plans/${plan.id}`}>{plan.title}</Link> · {plan.clinicianName}
            </p>
            {plan.dueToday.length === 0 ? (
              <p className="text-slate-600">Nothing is due today: a rest day. Gentle walking is still good for your back.</p>
            ) : (
              <ul className="space-y-3">
                {plan.dueToday.map((a) => (
                  <li key={a.id} className="rounded-md border border-slate-200 p-3">
                    <div className="flex items-baseline justify-between gap-2">
                      <h3 className="font-medium">{a.name}</h3>
                      <span className={a.loggedToday ? "text-sm font-medium text-emerald-700" : "text-sm text-slate-600"}>
                        {a.loggedToday ? "Done today" : a.timesToday > 1 ? `${a.timesToday} times today` : "Due today"}
                      </span>
                    </div>
                    {describeDose(a.dose) && <p className="text-sm text-slate-700">{describeDose(a.dose)}</p>}
                    <p className="mt-1 text-sm text-slate-600">{a.instructions}</p>
                  </li>
                ))}
              </ul>
            )}
            {plan.notDueToday.length > 0 && (
              <p className="mt-3 text-sm text-slate-600">Not due today: {plan.notDueToday.map((a) => a.name).join(", ")}.</p>
            )}
          </section>
          <section aria-labelledby="clinic-heading" className="rounded-lg border border-slate-200 bg-white p-4">
            <h2 id="clinic-heading" className="text-lg font-semibold">Treatments at the clinic</h2>
            <ActivityList activities={plan.inClinic} />
          </section>
        </>
      )}
    </div>
  );
}
