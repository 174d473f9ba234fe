import Link from "next/link";
import type { SessionRow } from "@/lib/domain/sessions/list-sessions";
import { addDays, utcToZoned, type IsoDate } from "@/lib/domain/schedule/dates";
import { NoteStatusBadge, SessionStatusBadge } from "./session-badges";
import { formatDay, formatTimeRange } from "./week-dates";

function SessionCard({ session, timeZone, highlighted }: { session: SessionRow; timeZone: string; highlighted: boolean }) {
  const inactive = session.status === "CANCELLED" || session.status === "NO_SHOW";
  return (
    <Link
      href={`/clinic/sessions/${session.id}`}
      className={`block rounded-md border p-2 text-sm hover:border-brand-600 hover:bg-brand-50 ${highlighted ? "border-brand-600 ring-2 ring-brand-600" : "border-slate-200"} ${inactive ? "bg-slate-50 text-slate-600" : "bg-white"}`}
    >
      <span className="block font-semibold tabular-nums">{formatTimeRange(session.startsAt, session.durationMin, timeZone)}</span>
      <span className={`block font-medium ${inactive ? "line-through" : ""}`}>{session.patientName}</span>
      <span className="block break-words text-slate-600">{session.planTitle}</span>
      <span className="mt-1 flex flex-wrap gap-1">
        <SessionStatusBadge status={session.status} />
        <NoteStatusBadge status={session.status} noteStatus={session.noteStatus} />
      </span>
    </Link>
  );
}

/**
 * Seven days from Monday: one column per day from the `lg` breakpoint, a stacked list of days
 * below it (empty days stay short so a phone shows the busy ones without scrolling past blanks).
 */
export function WeekView({ week, today, sessions, timeZone, highlightId }: { week: IsoDate; today: IsoDate; sessions: SessionRow[]; timeZone: string; highlightId?: string }) {
  const days = Array.from({ length: 7 }, (_, i) => addDays(week, i));
  const byDay = new Map<IsoDate, SessionRow[]>(days.map((d) => [d, []]));
  for (const s of sessions) byDay.get(utcToZoned(new Date(s.startsAt), timeZone).date)?.push(s);
  return (
    <ol className="grid gap-2 lg:grid-cols-7" aria-label="Days of the week">
      {days.map((day) => {
        const list = byDay.get(day) ?? [];
        const isToday = day === today;
        const headingId = `day-${day}`;
        return (
          <li key={day} aria-labelledby={headingId} aria-current={isToday ? "date" : undefined} className={`rounded-lg border p-2 lg:min-h-40 ${isToday ? "border-brand-600 bg-brand-50" : "border-slate-200 bg-white"}`}>
            <h2 id={headingId} className="flex items-baseline justify-between gap-2 text-sm font-semibold">
              <span>{formatDay(day)}</span>
              {isToday && <span className="text-xs font-medium text-brand-800">Today</span>}
            </h2>
            {list.length === 0 ? (
              <p className="mt-1 text-xs text-slate-500">No sessions</p>
            ) : (
              <ul className="mt-2 space-y-2">
                {list.map((s) => (
                  <li key={s.id}>
                    <SessionCard session={s} timeZone={timeZone} highlighted={s.id === highlightId} />
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
