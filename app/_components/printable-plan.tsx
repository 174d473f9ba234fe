import Link from "next/link";
import { formatDate } from "@/app/_components/format";
import { PrintButton } from "@/app/_components/print-button";
import { describeDose, type ActivityDto } from "@/lib/domain/plans/dto";
import type { ClinicContact } from "@/lib/domain/clinic/settings";
import type { PlanDto } from "@/lib/domain/plans/get-plan";
import { dateTimeFormat } from "@/lib/intl/date-time-format";

// A4 with the app's chrome gone: the layout header is `no-print`; the page margin and print
// layout come from `.printable-plan` in app/globals.css (no inline <style>: the CSP has no unsafe-inline for styles).

function Activity({ activity, note }: { activity: ActivityDto; note?: string }) {
  const dose = describeDose(activity.dose);
  return (
    <li className="break-inside-avoid py-3 print:py-2">
      <h3 className="font-semibold">{activity.name}</h3>
      {dose && <p className="font-medium text-slate-800">{dose}</p>}
      {activity.status === "ON_HOLD" && <p className="text-sm font-medium text-amber-900 print:text-black">Paused for now: wait until your clinician tells you to start again.</p>}
      {note && <p className="text-sm text-slate-600 print:text-black">{note}</p>}
      <p className="mt-1 whitespace-pre-line text-slate-800 print:text-black">{activity.instructions}</p>
    </li>
  );
}

function Group({ id, title, intro, children }: { id: string; title: string; intro: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6 print:mt-4">
      <h2 id={id} className="border-b-2 border-slate-800 pb-1 text-xl font-semibold">
        {title}
      </h2>
      <p className="mt-1 text-sm text-slate-600 print:text-black">{intro}</p>
      <ol className="divide-y divide-slate-200">{children}</ol>
    </section>
  );
}

/** The clinic's letterhead: logo, name, address and phone (decision 030). */
function Letterhead({ clinic }: { clinic: ClinicContact }) {
  return (
    <section aria-label="Clinic" className="mb-4 flex flex-wrap items-start justify-between gap-4 border-b border-slate-300 pb-4 print:mb-3 print:pb-3">
      <div>
        <p className="text-lg font-semibold">{clinic.name}</p>
        {clinic.address && <p className="whitespace-pre-line text-sm text-slate-700 print:text-black">{clinic.address}</p>}
        {clinic.phone && (
          <p className="text-sm text-slate-700 print:text-black">
            Phone: <a href={`tel:${clinic.phone.replace(/[^+\d]/g, "")}`} className="underline print:no-underline">{clinic.phone}</a>
          </p>
        )}
      </div>
      {clinic.hasLogo && (
        // eslint-disable-next-line @next/next/no-img-element -- served per request to signed-in users of the clinic only
        <img src="/api/v1/clinic/logo" alt={`${clinic.name} logo`} className="max-h-20 w-auto max-w-[12rem] print:max-h-[2.5cm]" />
      )}
    </section>
  );
}

/** The plan as the patient takes it home: goals, then current activities at home and in the clinic, on A4. */
export function PrintablePlan({ plan, backHref, timeZone, clinic: contact }: { plan: PlanDto; backHref: string; timeZone: string; clinic: ClinicContact }) {
  // What the patient is to do now: removed and completed activities are left out.
  const current = plan.activities.filter((a) => a.status === "ACTIVE" || a.status === "ON_HOLD");
  const home = current.filter((a) => a.setting !== "IN_CLINIC");
  const clinic = current.filter((a) => a.setting === "IN_CLINIC");
  const printed = dateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone }).format(new Date());

  return (
    <div className="printable-plan mx-auto max-w-3xl print:max-w-none">
      <div className="no-print mb-4 flex flex-wrap items-center justify-between gap-3">
        <Link href={backHref} className="text-sm text-brand-700 underline">
          ← Back to the plan
        </Link>
        <PrintButton />
      </div>
      <article className="rounded-lg border border-slate-200 bg-white p-6 print:rounded-none print:border-0 print:p-0 print:text-[11pt] print:text-black">
        <Letterhead clinic={contact} />
        <header className="border-b border-slate-300 pb-4">
          <p className="text-sm text-slate-600 print:text-black">Treatment plan for</p>
          <p className="text-lg font-semibold">{plan.patientName}</p>
          <h1 className="mt-2 text-2xl font-semibold">{plan.title}</h1>
          <p className="mt-1 text-slate-700 print:text-black">
            With {plan.clinicianName} · started {formatDate(plan.startDate)}
            {plan.reviewDate && ` · next review ${formatDate(plan.reviewDate)}`}
          </p>
        </header>
        <section aria-labelledby="print-goals" className="mt-4 break-inside-avoid">
          <h2 id="print-goals" className="text-lg font-semibold">
            Goals
          </h2>
          <p className="whitespace-pre-line">{plan.goals}</p>
        </section>
        {current.length === 0 && <p className="mt-6">There are no activities in this plan yet.</p>}
        {home.length > 0 && (
          <Group id="print-home" title="At home" intro="Do these on your own, as often as shown. Stop and contact the clinic if an activity causes sharp or increasing pain.">
            {home.map((a) => (
              <Activity key={a.id} activity={a} note={a.setting === "BOTH" ? "We also practise this together at the clinic." : undefined} />
            ))}
          </Group>
        )}
        {clinic.length > 0 && (
          <Group id="print-clinic" title="In the clinic" intro="Your clinician gives these treatments during your sessions.">
            {clinic.map((a) => (
              <Activity key={a.id} activity={a} />
            ))}
          </Group>
        )}
        <footer className="mt-8 border-t border-slate-300 pt-2 text-xs text-slate-600 print:text-black">Printed {printed}. Bring this sheet to your sessions.</footer>
      </article>
    </div>
  );
}
