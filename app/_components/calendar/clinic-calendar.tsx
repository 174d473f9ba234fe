import Link from "next/link";
import type { CalendarSession, ClinicCalendar } from "@/lib/domain/sessions/calendar";
import { addDays, fromIsoDate, utcToZoned } from "@/lib/domain/schedule/dates";
import { dateTimeFormat } from "@/lib/intl/date-time-format";
import { CalendarKeys } from "./calendar-keys";

// The clinic calendar's day and week views (decision 038), shared by /clinic/calendar and
// /admin/calendar. Day: one column per clinician, sessions placed by time (stacked on a phone).
// Week: one row per clinician, one column per day (stacked on a phone).

type Props = {
  calendar: ClinicCalendar;
  /** /clinic/calendar or /admin/calendar */
  basePath: string;
  today: string;
  timeZone: string;
  /** The page a session links to, when the actor may open it; null: not a link. */
  sessionHref: (session: CalendarSession) => string | null;
};

const HOUR_PX = 64;
const navLink = "inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-3 text-sm font-medium hover:bg-slate-50";
const focusRing = "focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-brand-700";

const longDay = (iso: string) => dateTimeFormat("en-GB", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(fromIsoDate(iso));
const shortDay = (iso: string) => dateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(fromIsoDate(iso));

function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

function clock(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

type Placed = CalendarSession & { date: string; start: number; end: number; range: string };

function place(session: CalendarSession, timeZone: string): Placed {
  const { date, time } = utcToZoned(new Date(session.startsAt), timeZone);
  const start = minutesOf(time);
  const end = start + session.durationMin;
  return { ...session, date, start, end, range: `${clock(start)}–${clock(end)}` };
}

const STATUS_NOTE: Record<CalendarSession["status"], string> = { SCHEDULED: "", COMPLETED: " (completed)", NO_SHOW: " (no-show)" };

/**
 * One session: a link when the actor may open it, otherwise text; either way a stop for the arrow
 * keys. Its name is its text: "10:00–10:45 Jordan Lee with Maya Chen", "10:00–10:45 Busy, Maya Chen".
 */
function SessionItem({ s, clinician, href, col, order, first, className, style }: { s: Placed; clinician: string; href: string | null; col: number; order: number; first: boolean; className: string; style?: React.CSSProperties }) {
  const tone = s.patientName ? "border-brand-600 bg-brand-50 text-slate-900" : "border-slate-400 bg-slate-100 text-slate-800";
  const body = (
    <>
      <span className="block text-xs font-semibold">{s.range}</span>{" "}
      <span className="block truncate text-sm">
        {s.patientName ?? "Busy"}
        <span className="sr-only">{s.patientName ? ` with ${clinician}` : `, ${clinician}`}</span>
        {STATUS_NOTE[s.status]}
      </span>
    </>
  );
  const common = { "data-cal-item": "", "data-cal-col": col, "data-cal-order": order, tabIndex: first ? 0 : -1, style, className: `block overflow-hidden rounded-md border-l-4 px-2 py-1 ${tone} ${focusRing} ${className}` };
  return href ? (
    <Link href={href} {...common}>
      {body}
    </Link>
  ) : (
    <div {...common}>{body}</div>
  );
}

export function ClinicCalendarView({ calendar, basePath, today, timeZone, sessionHref }: Props) {
  const { view, start, days, clinicians } = calendar;
  const step = view === "day" ? 1 : 7;
  const href = (v: "day" | "week", date: string) => `${basePath}?view=${v}&date=${date}`;
  const prevHref = href(view, addDays(start, -step));
  const nextHref = href(view, addDays(start, step));
  const placed = calendar.sessions.map((s) => place(s, timeZone));
  const byClinician = new Map(clinicians.map((c) => [c.id, placed.filter((s) => s.clinicianId === c.id)]));
  const title = view === "day" ? longDay(start) : `Week of ${longDay(start)}`;
  const showsToday = days.includes(today);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Clinic calendar</h1>
        <p className="text-slate-600" aria-live="polite">
          {title} · {placed.length === 0 ? "nothing booked" : `${placed.length} ${placed.length === 1 ? "session" : "sessions"}`} · times in {timeZone}
        </p>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <nav aria-label={view === "day" ? "Days" : "Weeks"} className="flex flex-wrap gap-2">
          <Link href={prevHref} className={navLink} rel="prev">
            ← Previous {view}
          </Link>
          <Link href={href(view, today)} className={navLink} aria-current={showsToday ? "date" : undefined}>
            Today
          </Link>
          <Link href={nextHref} className={navLink} rel="next">
            Next {view} →
          </Link>
        </nav>
        <nav aria-label="View" className="flex gap-2">
          <Link href={href("day", view === "day" ? start : showsToday ? today : start)} className={`${navLink} ${view === "day" ? "border-brand-600 bg-brand-50" : ""}`} aria-current={view === "day" ? "page" : undefined}>
            Day
          </Link>
          <Link href={href("week", start)} className={`${navLink} ${view === "week" ? "border-brand-600 bg-brand-50" : ""}`} aria-current={view === "week" ? "page" : undefined}>
            Week
          </Link>
        </nav>
      </div>
      <p id="calendar-keys-help" className="text-sm text-slate-600">
        Keyboard: Tab to the sessions, then the arrow keys move between them ({view === "day" ? "← → between clinicians" : "← → between days"}, ↑ ↓ by time); Page Up and Page Down show the previous and next {view}.
      </p>
      {calendar.capped && <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">This {view} holds more sessions than one page shows; some are left out.</p>}
      {clinicians.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">No clinician works in this clinic yet.</p>
      ) : (
        <CalendarKeys label={title} describedBy="calendar-keys-help" prevHref={prevHref} nextHref={nextHref}>
          {view === "day" ? <DayGrid placed={placed} clinicians={clinicians} byClinician={byClinician} sessionHref={sessionHref} /> : <WeekGrid days={days} today={today} clinicians={clinicians} byClinician={byClinician} sessionHref={sessionHref} dayHref={(d) => href("day", d)} />}
        </CalendarKeys>
      )}
    </div>
  );
}

type GridProps = { clinicians: ClinicCalendar["clinicians"]; byClinician: Map<string, Placed[]>; sessionHref: Props["sessionHref"] };

function DayGrid({ placed, clinicians, byClinician, sessionHref }: GridProps & { placed: Placed[] }) {
  // The hours shown: 08:00–18:00, widened to every session of the day.
  const from = Math.min(8 * 60, ...placed.map((s) => Math.floor(s.start / 60) * 60));
  const to = Math.max(18 * 60, ...placed.map((s) => Math.min(24 * 60, Math.ceil(s.end / 60) * 60)));
  const hours = Array.from({ length: (to - from) / 60 }, (_, i) => from / 60 + i);
  const height = ((to - from) / 60) * HOUR_PX;
  // Tab enters the calendar at the first clinician's first session.
  const firstId = clinicians.map((c) => byClinician.get(c.id)?.[0]?.id).find(Boolean);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <div className="md:flex md:min-w-max">
        {/* The hour scale, beside the columns from tablet width up. */}
        <div aria-hidden="true" className="hidden w-14 shrink-0 border-r border-slate-200 md:block">
          <div className="h-10 border-b border-slate-200" />
          <div className="relative" style={{ height }}>
            {hours.map((h) => (
              <span key={h} className="absolute right-1 -translate-y-1/2 text-xs text-slate-600" style={{ top: (h * 60 - from) * (HOUR_PX / 60) }}>
                {clock(h * 60)}
              </span>
            ))}
          </div>
        </div>
        {clinicians.map((c, col) => {
          const sessions = byClinician.get(c.id) ?? [];
          return (
            <section key={c.id} aria-label={c.name} className="border-b border-slate-200 md:w-48 md:shrink-0 md:border-r md:border-b-0">
              <h2 className="flex h-10 items-center border-b border-slate-200 bg-slate-50 px-2 text-sm font-semibold">{c.name}</h2>
              <div className="space-y-2 p-2 md:relative md:space-y-0 md:p-0 md:h-[var(--cal-h)]" style={{ "--cal-h": `${height}px` } as React.CSSProperties}>
                {hours.map((h) => (
                  <div key={h} aria-hidden="true" className="hidden border-t border-slate-100 md:absolute md:inset-x-0 md:block" style={{ top: (h * 60 - from) * (HOUR_PX / 60) }} />
                ))}
                {sessions.length === 0 && <p className="text-sm text-slate-600 md:p-2">Nothing booked.</p>}
                {sessions.map((s) => (
                  <SessionItem
                    key={s.id}
                    s={s}
                    clinician={c.name}
                    href={sessionHref(s)}
                    col={col}
                    order={s.start}
                    first={s.id === firstId}
                    className="md:absolute md:inset-x-1 md:top-[var(--cal-top)] md:h-[var(--cal-len)]"
                    style={{ "--cal-top": `${(s.start - from) * (HOUR_PX / 60)}px`, "--cal-len": `${Math.max(24, (Math.min(s.end, to) - s.start) * (HOUR_PX / 60) - 2)}px` } as React.CSSProperties}
                  />
                ))}
              </div>
            </section>
          );
        })}
      </div>
    </div>
  );
}

function WeekGrid({ days, today, clinicians, byClinician, sessionHref, dayHref }: GridProps & { days: string[]; today: string; dayHref: (date: string) => string }) {
  // Tab enters the calendar at the first clinician's earliest session of the week.
  const firstId = clinicians.map((c) => byClinician.get(c.id)?.[0]?.id).find(Boolean);
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <div className="md:grid md:min-w-[56rem] md:grid-cols-[9rem_repeat(7,minmax(0,1fr))]">
        <div className="hidden border-b border-slate-200 bg-slate-50 md:block" />
        {days.map((d) => (
          <div key={d} className={`hidden border-b border-l border-slate-200 px-2 py-1 md:block ${d === today ? "bg-brand-50" : "bg-slate-50"}`}>
            <Link href={dayHref(d)} className="text-sm font-semibold text-brand-700 underline">
              {shortDay(d)}
              <span className="sr-only">: day view</span>
            </Link>
          </div>
        ))}
        {clinicians.map((c, row) => (
          <section key={c.id} aria-label={c.name} className="border-b border-slate-200 md:contents">
            <h2 className="bg-slate-50 px-2 py-2 text-sm font-semibold md:border-b md:border-slate-200">{c.name}</h2>
            {days.map((d, col) => {
              const sessions = (byClinician.get(c.id) ?? []).filter((s) => s.date === d);
              return (
                <div key={d} className={`space-y-1 px-2 py-1 md:min-h-16 md:border-b md:border-l md:border-slate-200 ${d === today ? "md:bg-brand-50/40" : ""} ${sessions.length === 0 ? "hidden md:block" : ""}`}>
                  <p className="text-xs font-medium text-slate-600 md:sr-only">{shortDay(d)}</p>
                  {sessions.map((s) => (
                    <SessionItem key={s.id} s={s} clinician={c.name} href={sessionHref(s)} col={col} order={row * 10_000 + s.start} first={s.id === firstId} className="" />
                  ))}
                </div>
              );
            })}
            {(byClinician.get(c.id) ?? []).length === 0 && <p className="px-2 py-1 text-sm text-slate-600 md:hidden">Nothing booked this week.</p>}
          </section>
        ))}
      </div>
    </div>
  );
}
