import type { Metadata } from "next";
import { formatDateTime } from "@/app/_components/format";
import { Pagination } from "@/app/_components/pagination";
import type { SessionStatus } from "@/lib/enums";
import { listMySessions, PAST_PAGE_SIZE, type MySession } from "@/lib/domain/portal/my-sessions";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZPage } from "@/lib/validation/common";

export const metadata: Metadata = { title: "My sessions" };

const STATUS: Record<SessionStatus, { text: string; tone: string }> = {
  SCHEDULED: { text: "Booked", tone: "bg-sky-100 text-sky-900" },
  COMPLETED: { text: "Attended", tone: "bg-emerald-100 text-emerald-900" },
  CANCELLED: { text: "Cancelled", tone: "bg-slate-200 text-slate-800" },
  NO_SHOW: { text: "Missed", tone: "bg-amber-100 text-amber-900" },
};

function SessionItem({ session, timeZone, upcoming }: { session: MySession; timeZone: string; upcoming: boolean }) {
  const status = STATUS[session.status];
  return (
    <li className="rounded-lg border border-slate-200 bg-white p-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-semibold">{formatDateTime(session.startsAt, timeZone)}</h3>
        <span className={`rounded px-2 py-0.5 text-sm font-medium ${status.tone}`}>{status.text}</span>
      </div>
      <p className="text-slate-700">
        With {session.clinicianName} · {session.durationMin} min
        {session.planTitle && <> · {session.planTitle}</>}
      </p>
      {session.summary && (
        <div className="mt-2 rounded-md bg-slate-50 p-3">
          <p className="text-sm font-medium text-slate-800">What your clinician wrote for you</p>
          <p className="whitespace-pre-line text-slate-800">{session.summary}</p>
        </div>
      )}
      {upcoming && session.status === "SCHEDULED" && (
        <a
          href={`/my/sessions/${session.id}/calendar.ics`}
          aria-label={`Add to my calendar: ${formatDateTime(session.startsAt, timeZone)}`}
          className="mt-1 inline-flex min-h-11 items-center text-brand-700 underline"
        >
          Add to my calendar
        </a>
      )}
    </li>
  );
}

export default async function MySessionsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("PATIENT", "/my/sessions");
  const { page } = ZPage.catch({ page: 1 }).parse(await searchParams);
  const sessions = await loadForPage(() => listMySessions(actor, page));
  return (
    <div className="mx-auto max-w-2xl space-y-5">
      <h1 className="text-2xl font-semibold">My sessions</h1>
      <section aria-labelledby="upcoming-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="upcoming-heading" className="text-lg font-semibold">
            Coming up
          </h2>
          {sessions.upcoming.some((s) => s.status === "SCHEDULED") && (
            <a href="/my/sessions/calendar.ics" className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 font-medium hover:bg-slate-50">
              Add all to my calendar
            </a>
          )}
        </div>
        {sessions.upcoming.length === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-600">No sessions booked. The clinic will book your next visit with you.</p>
        ) : (
          <ul className="space-y-3">
            {sessions.upcoming.map((s) => (
              <SessionItem key={s.id} session={s} timeZone={actor.timeZone} upcoming />
            ))}
          </ul>
        )}
        {sessions.upcoming.length > 0 && (
          <p className="text-sm text-slate-600">The calendar file works with Apple, Google and Outlook calendars. It holds only the time, the clinic and the clinician, never anything about your health.</p>
        )}
      </section>
      <section aria-labelledby="past-heading" className="space-y-3">
        <h2 id="past-heading" className="text-lg font-semibold">
          Past sessions
        </h2>
        {sessions.pastTotal === 0 ? (
          <p className="rounded-lg border border-dashed border-slate-300 bg-white p-4 text-slate-600">No past sessions yet.</p>
        ) : (
          <ul className="space-y-3">
            {sessions.past.map((s) => (
              <SessionItem key={s.id} session={s} timeZone={actor.timeZone} upcoming={false} />
            ))}
          </ul>
        )}
        <Pagination page={sessions.page} total={sessions.pastTotal} pageSize={PAST_PAGE_SIZE} params={{}} />
      </section>
    </div>
  );
}
