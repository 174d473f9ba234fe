import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/app/_components/format";
import { WEEK_SESSIONS_LIMIT, listWeekSessions } from "@/lib/domain/sessions/list-sessions";
import { addDays, todayIn } from "@/lib/domain/schedule/dates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZWeekQuery } from "@/lib/validation/sessions";
import { formatDay, mondayOf } from "./_components/week-dates";
import { WeekView } from "./_components/week-view";

export const metadata: Metadata = { title: "My sessions" };

const navLink = "inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50";

export default async function WeekPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const query = await searchParams;
  const returnTo = `/clinic/sessions${typeof query.week === "string" ? `?week=${encodeURIComponent(query.week)}` : ""}`;
  const actor = await requirePageActor("CLINICIAN", returnTo);
  const today = todayIn(actor.timeZone);
  // Any day of the app's range shows the week that contains it; anything else shows this week.
  const requested = ZWeekQuery.parse(query).week;
  const week = mondayOf(requested ?? today);
  const sessions = await loadForPage(() => listWeekSessions(actor, week));
  const booked = typeof query.booked === "string" ? sessions.find((s) => s.id === query.booked) : undefined;
  const open = sessions.filter((s) => s.status !== "CANCELLED").length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">My sessions</h1>
          <p className="text-slate-600">
            Week of {formatDay(week, { year: true })} · {open === 0 ? "nothing booked" : `${open} ${open === 1 ? "session" : "sessions"}`} · times in {actor.timeZone}
          </p>
        </div>
        <Link href="/clinic/sessions/new" className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 font-medium text-white hover:bg-brand-700">
          Schedule a session
        </Link>
      </div>

      <nav aria-label="Weeks" className="flex flex-wrap gap-2">
        <Link href={`/clinic/sessions?week=${addDays(week, -7)}`} className={navLink} rel="prev">
          ← Previous week
        </Link>
        {week !== mondayOf(today) && (
          <Link href="/clinic/sessions" className={navLink}>
            This week
          </Link>
        )}
        <Link href={`/clinic/sessions?week=${addDays(week, 7)}`} className={navLink} rel="next">
          Next week →
        </Link>
      </nav>

      <div aria-live="polite">
        {booked && (
          <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
            Booked: {booked.patientName}, {formatDateTime(booked.startsAt, actor.timeZone)}.
          </p>
        )}
      </div>

      {sessions.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
          You have no sessions this week. Use <strong>Schedule a session</strong> to book one for a patient&apos;s plan, or look at another week.
        </p>
      ) : (
        <WeekView week={week} today={today} sessions={sessions} timeZone={actor.timeZone} highlightId={booked?.id} />
      )}
      {sessions.length === WEEK_SESSIONS_LIMIT && <p className="text-sm text-slate-600">Showing the first {WEEK_SESSIONS_LIMIT} sessions of this week.</p>}
    </div>
  );
}
