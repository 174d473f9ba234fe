import Link from "next/link";
import { formatDate, formatDateTime, label } from "@/app/_components/format";
import { PatientAlerts } from "@/app/_components/progress/alert-item";
import { alertsByUrgency } from "@/lib/domain/progress/rules";
import { ALERT_PATIENTS_LIMIT, TODAY_SESSIONS_LIMIT, type Dashboard, type SessionRow } from "@/lib/domain/sessions/list-sessions";
import { dateTimeFormat } from "@/lib/intl/date-time-format";
import type { TRosterFilters } from "@/lib/validation/patients";

/**
 * Patients whose alerts the panel shows until the clinician asks for all of them: a morning
 * list to act on, not a wall (a clinic-group clinician had 80 alerts of 60 patients, a page of
 * 260 kB that took a server ~50 ms of CPU to render).
 */
export const ALERT_PATIENTS_SHOWN = 10;

/** The roster with its current filters, with or without every alert in the panel. */
function rosterHref(filters: Partial<TRosterFilters>, alerts: "all" | undefined): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, alerts })) if (value !== undefined && value !== "" && !(key === "page" && value === 1)) query.set(key, String(value));
  const search = query.toString();
  return `/clinic${search ? `?${search}` : ""}#dashboard-alerts`;
}

const time = (iso: string, timeZone: string) => dateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));

function Panel({ id, title, count, children }: { id: string; title: string; count: number; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-3 flex items-baseline gap-2 text-lg font-semibold">
        {title}
        <span className="rounded-full bg-slate-100 px-2 text-sm font-medium text-slate-700">
          {count}
          <span className="sr-only"> {count === 1 ? "item" : "items"}</span>
        </span>
      </h2>
      {children}
    </section>
  );
}

const Empty = ({ children }: { children: React.ReactNode }) => <p className="text-slate-600">{children}</p>;
/** Says that a list was cut at its cap (lib/domain/sessions/list-sessions.ts). */
const Capped = ({ children }: { children: React.ReactNode }) => <p className="mt-2 text-sm text-slate-600">{children}</p>;

function sessionStatus(s: SessionRow): string {
  if (s.status === "COMPLETED") return s.noteStatus === "SIGNED" ? "Completed, note signed" : "Completed, note not signed";
  return label(s.status);
}

const rowLink = "block rounded-md px-2 py-2 hover:bg-slate-50";

/**
 * The clinician's dashboard: today's sessions, notes waiting for a signature, and alerts for
 * care-team patients, each linking to the session or the patient.
 */
export function DashboardPanels({ dashboard, timeZone, filters = {} }: { dashboard: Dashboard; timeZone: string; filters?: Partial<TRosterFilters> }) {
  const { todaySessions, unsignedNotes, unsignedTotal, alerts, capped } = dashboard;
  const patients = alertsByUrgency(alerts);
  const showAll = filters.alerts === "all";
  const shown = showAll ? patients : patients.slice(0, ALERT_PATIENTS_SHOWN);
  return (
    <div className="grid gap-4 lg:grid-cols-3">
      <Panel id="dashboard-today" title="Today's sessions" count={todaySessions.length}>
        <p className="-mt-2 mb-2 text-sm text-slate-600">{formatDate(dashboard.today)}</p>
        {todaySessions.length === 0 ? (
          <Empty>No sessions today.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {todaySessions.map((s) => (
              <li key={s.id}>
                <Link href={`/clinic/sessions/${s.id}`} className={rowLink}>
                  <span className="flex flex-wrap items-baseline justify-between gap-x-2">
                    <span className="font-medium text-brand-700 underline-offset-2">
                      <time dateTime={s.startsAt} className="tabular-nums">{time(s.startsAt, timeZone)}</time> {s.patientName}
                    </span>
                    <span className="text-sm text-slate-600">{sessionStatus(s)}</span>
                  </span>
                  <span className="block text-sm text-slate-700">{s.planTitle} · {s.durationMin} min</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {capped.todaySessions && (
          <Capped>
            Showing the first {TODAY_SESSIONS_LIMIT}. <Link href="/clinic/sessions" className="text-brand-700 underline">See the week</Link>
          </Capped>
        )}
      </Panel>

      <Panel id="dashboard-unsigned" title="Unsigned notes" count={unsignedTotal}>
        {unsignedNotes.length === 0 ? (
          <Empty>All notes are signed.</Empty>
        ) : (
          <ul className="divide-y divide-slate-100">
            {unsignedNotes.map((s) => (
              <li key={s.id}>
                <Link href={`/clinic/sessions/${s.id}`} className={rowLink}>
                  <span className="block font-medium text-brand-700">{s.patientName}</span>
                  <span className="block text-sm text-slate-700">
                    <time dateTime={s.startsAt}>{formatDateTime(s.startsAt, timeZone)}</time> · {s.planTitle}
                  </span>
                  <span className="block text-sm text-slate-600">{s.status === "SCHEDULED" ? "Not yet recorded" : "Draft note"}</span>
                </Link>
              </li>
            ))}
          </ul>
        )}
        {unsignedTotal > unsignedNotes.length && <Capped>Showing the oldest {unsignedNotes.length} of {unsignedTotal}.</Capped>}
      </Panel>

      <Panel id="dashboard-alerts" title="Alerts" count={alerts.length}>
        {alerts.length === 0 ? (
          <Empty>No alerts for your patients.</Empty>
        ) : (
          <ul className="space-y-2">
            {shown.map((group) => (
              <PatientAlerts key={group[0]?.patientId} alerts={group} />
            ))}
          </ul>
        )}
        {patients.length > ALERT_PATIENTS_SHOWN && (
          <Capped>
            {showAll ? (
              <>
                All {patients.length} patients with alerts, the most urgent first.{" "}
                <Link href={rosterHref(filters, undefined)} className="text-brand-700 underline">Show the most urgent only</Link>
              </>
            ) : (
              <>
                The {ALERT_PATIENTS_SHOWN} most urgent of {patients.length} patients with alerts.{" "}
                <Link href={rosterHref(filters, "all")} className="text-brand-700 underline">Show all {alerts.length} alerts</Link>
              </>
            )}
          </Capped>
        )}
        {capped.alertPatients && <Capped>Alerts for the first {ALERT_PATIENTS_LIMIT} patients with an active plan, by name.</Capped>}
      </Panel>
    </div>
  );
}
