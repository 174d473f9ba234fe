import type { Metadata } from "next";
import Link from "next/link";
import { formatDate, formatDateTime } from "@/app/_components/format";
import { ActivityPictures } from "@/app/_components/activity-pictures";
import { ActivityVideos } from "@/app/_components/activity-videos";
import { listPlanActivityMedia } from "@/lib/domain/media/list-plan-pictures";
import { describeDose } from "@/lib/domain/plans/dto";
import { getPatientHome } from "@/lib/domain/portal/get-patient-home";
import { MEASURE_NAME, questionnaireHref } from "@/lib/domain/measures/labels";
import { listMyAsks } from "@/lib/domain/measures/my-asks";
import { dateTimeFormat } from "@/lib/intl/date-time-format";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZPortalDay } from "@/lib/validation/portal";
import { LogActivity } from "./_components/log-activity";
import { PainCheckIn } from "./_components/pain-check-in";

export const metadata: Metadata = { title: "Today" };

const card = "rounded-lg border border-slate-200 bg-white p-4";

function dayName(day: string, today: string, yesterday: string | undefined): string {
  if (day === today) return "Today";
  if (day === yesterday) return "Yesterday";
  return dateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${day}T00:00:00Z`));
}

export default async function PatientHomePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("PATIENT", "/my");
  const { day: requested } = ZPortalDay.parse(await searchParams);
  const [home, asks] = await loadForPage(() => Promise.all([getPatientHome(actor, requested), listMyAsks(actor)]));
  const plan = home.plan;
  const { pictures, videos } = plan ? await loadForPage(() => listPlanActivityMedia(actor, plan.id)) : { pictures: {}, videos: {} };
  const isToday = home.day === home.today;
  const yesterday = home.loggableDays[1];
  const shownDay = dayName(home.day, home.today, yesterday);

  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <div>
        <h1 className="text-2xl font-semibold">Hello, {home.firstName}</h1>
        <p className="text-slate-600">Today is {formatDate(home.today)}.</p>
      </div>

      {home.nextSession && (
        <p className="rounded-lg border border-brand-100 bg-brand-50 p-4 text-brand-800">
          Next visit: <strong>{formatDateTime(home.nextSession.startsAt, actor.timeZone)}</strong> with {home.nextSession.clinicianName} ({home.nextSession.durationMin} min).{" "}
          <Link href="/my/sessions" className="inline-flex min-h-11 items-center underline">
            All your sessions
          </Link>
        </p>
      )}

      {asks && asks.asks.length > 0 && (
        <section aria-labelledby="asks-heading" className="rounded-lg border border-amber-300 bg-amber-50 p-4">
          <h2 id="asks-heading" className="text-lg font-semibold">
            Your clinician asks you to fill in
          </h2>
          <p className="mt-1 text-slate-800">{asks.clinicianName} uses your answers to follow your progress. Each takes a few minutes.</p>
          <ul className="mt-2 space-y-2">
            {asks.asks.map((a) => (
              <li key={a.instrument}>
                <Link
                  href={questionnaireHref(a.instrument)}
                  className="flex min-h-11 flex-wrap items-center gap-x-2 rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700"
                >
                  <span>{MEASURE_NAME[a.instrument]}</span>
                  <span className="font-normal">— {a.overdue ? `due since ${formatDate(a.dueDate)}` : `due ${a.dueDate === home.today ? "today" : formatDate(a.dueDate)}`}</span>
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {!plan ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          You don&apos;t have an active plan right now. Your clinician will set one up with you.
        </p>
      ) : (
        <>
          <section aria-labelledby="today-heading" className={card}>
            <h2 id="today-heading" className="text-lg font-semibold">
              {isToday ? "Your home routine today" : `Your home routine · ${shownDay}`}
            </h2>
            <p className="mb-3 text-sm text-slate-600">
              From{" "}
              <Link className="text-brand-700 underline" href={`/my/plans/${plan.id}`}>
                {plan.title}
              </Link>{" "}
              · {plan.clinicianName}
            </p>
            <nav aria-label="Choose a day to log" className="mb-3">
              <p className="mb-1 text-sm text-slate-700">Forgot to log? You can fill in the past 7 days.</p>
              <ul className="flex gap-1 overflow-x-auto pb-1">
                {home.loggableDays.map((d) => (
                  <li key={d} className="shrink-0">
                    <Link
                      href={d === home.today ? "/my" : `/my?day=${d}`}
                      aria-current={d === home.day ? "date" : undefined}
                      className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50 aria-[current=date]:border-brand-700 aria-[current=date]:bg-brand-700 aria-[current=date]:text-white"
                    >
                      {dayName(d, home.today, yesterday)}
                    </Link>
                  </li>
                ))}
              </ul>
            </nav>
            {plan.due.length === 0 ? (
              <p className="text-slate-600">Nothing was due {isToday ? "today" : `on ${shownDay}`}: a rest day. Gentle walking is still good for your back.</p>
            ) : (
              <ul className="space-y-3">
                {plan.due.map((a) => (
                  <li key={a.id} className="rounded-md border border-slate-200 p-3">
                    <article aria-labelledby={`activity-${a.id}`}>
                      <div className="flex flex-wrap items-baseline justify-between gap-x-2">
                        <h3 id={`activity-${a.id}`} className="text-base font-semibold">
                          {a.name}
                        </h3>
                        <span className={(a.timesOnDay > 1 ? a.slotsDone >= a.timesOnDay : a.log?.done) ? "text-sm font-medium text-emerald-800" : "text-sm text-slate-600"}>
                          {a.timesOnDay > 1
                            ? `${a.timesOnDay} times ${isToday ? "today" : "that day"}`
                            : a.log?.done
                              ? isToday
                                ? "Done today"
                                : "Done"
                              : isToday
                                ? "Due today"
                                : "Was due"}
                        </span>
                      </div>
                      {describeDose(a.dose) && <p className="font-medium text-slate-800">{describeDose(a.dose)}</p>}
                      <ActivityPictures media={pictures[a.id]} />
                      <ActivityVideos media={videos[a.id]} />
                      <details className="mt-1">
                        <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium text-brand-700">How to do it</summary>
                        <p className="whitespace-pre-line text-sm text-slate-700">{a.instructions}</p>
                      </details>
                      <LogActivity
                        key={`${a.id}-${home.day}`}
                        activityId={a.id}
                        activityName={a.name}
                        day={home.day}
                        log={a.log}
                        times={a.timesOnDay}
                        slotsDone={a.slotsDone}
                        lastSlot={a.lastSlot}
                        isToday={isToday}
                      />
                    </article>
                  </li>
                ))}
              </ul>
            )}
            {plan.notDue.length > 0 && (
              <p className="mt-3 text-sm text-slate-600">
                Not due {isToday ? "today" : `on ${shownDay}`}: {plan.notDue.map((a) => a.name).join(", ")}.
              </p>
            )}
          </section>

          <section aria-labelledby="pain-heading" className={card}>
            <h2 id="pain-heading" className="mb-2 text-lg font-semibold">
              Your pain today
            </h2>
            <PainCheckIn reported={home.painToday} />
          </section>

          {plan.inClinic.length > 0 && (
            <section aria-labelledby="clinic-heading" className={card}>
              <h2 id="clinic-heading" className="text-lg font-semibold">
                Treatments at the clinic
              </h2>
              <ul className="mt-1 divide-y divide-slate-100">
                {plan.inClinic.map((a) => (
                  <li key={a.id} className="py-2">
                    <span className="font-medium">{a.name}</span>
                    {describeDose(a.dose) && <span className="text-sm text-slate-700"> · {describeDose(a.dose)}</span>}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </div>
  );
}
