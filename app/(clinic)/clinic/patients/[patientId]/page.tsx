import type { Metadata } from "next";
import Link from "next/link";
import { ActivityList } from "@/app/_components/activity-list";
import { formatDate, formatDateTime, label } from "@/app/_components/format";
import type { ChangeMeaning } from "@/lib/domain/outcomes/rules";
import { getPatientOverview } from "@/lib/domain/patients/get-patient-overview";
import { getProgress } from "@/lib/domain/progress/get-progress";
import { ProgressView } from "@/app/_components/progress/progress-view";
import type { SessionSummary } from "@/lib/domain/patients/dto";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { InvitePatient } from "@/app/_components/invite-patient";
import { getPortalAccess } from "@/lib/domain/accounts/get-portal-access";
import { invitePatientAction } from "../actions";
import { FlagConflictsPanel } from "../_components/flag-conflicts-panel";
import { listOverdueMeasures } from "@/lib/domain/measures/list-overdue-measures";
import { OverdueMeasures } from "../../_components/overdue-measures";

export const metadata: Metadata = { title: "Patient" };

const MEANING: Record<ChangeMeaning, { text: string; tone: string }> = {
  "meaningful-improvement": { text: "meaningful improvement", tone: "bg-emerald-100 text-emerald-900" },
  "no-meaningful-change": { text: "no meaningful change", tone: "bg-slate-100 text-slate-800" },
  worse: { text: "worse", tone: "bg-red-100 text-red-900" },
};

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  const id = `section-${title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}`;
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="mb-3 text-lg font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function Sessions({ sessions, empty, timeZone }: { sessions: SessionSummary[]; empty: string; timeZone: string }) {
  if (sessions.length === 0) return <p className="text-slate-600">{empty}</p>;
  return (
    <ul className="divide-y divide-slate-100 text-sm">
      {sessions.map((s) => (
        <li key={s.id} className="flex flex-wrap justify-between gap-2 py-2">
          <span>{formatDateTime(s.startsAt, timeZone)} · {s.durationMin} min · {s.clinicianName}</span>
          <span className="text-slate-600">
            {label(s.status)}
            {s.painBefore !== null && s.painAfter !== null && ` · pain ${s.painBefore} → ${s.painAfter}`}
          </span>
        </li>
      ))}
    </ul>
  );
}

const NOTICES = {
  created: "Patient registered. You are their primary clinician.",
  saved: "Details saved.",
} as const;

export default async function PatientOverviewPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { patientId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/patients/${patientId}`);
  const p = await loadForPage(() => getPatientOverview(actor, patientId));
  const progress = await loadForPage(() => getProgress(actor, patientId));
  const portal = await loadForPage(() => getPortalAccess(actor, patientId));
  const overdueMeasures = await loadForPage(() => listOverdueMeasures(actor, { patientId }));
  const query = await searchParams;
  const notice = query.created === "1" ? NOTICES.created : query.saved === "1" ? NOTICES.saved : null;
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">{p.name}</h1>
          <p className="text-slate-600">
            Born {formatDate(p.dateOfBirth)}
            {p.phone && ` · ${p.phone}`}
            {p.email && ` · ${p.email}`}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            Care team: {p.careTeam.map((m) => `${m.name}${m.isPrimary ? " (primary)" : ""}`).join(", ")}
          </p>
        </div>
        <div className="no-print flex flex-wrap gap-2">
          <Link href={`/clinic/patients/${p.id}/edit`} className="inline-flex min-h-11 items-center rounded-md border border-slate-300 bg-white px-4 text-sm font-medium hover:bg-slate-50">
            Edit details
          </Link>
          <Link href={`/clinic/patients/${p.id}/plans/new`} className="inline-flex min-h-11 items-center rounded-md bg-brand-600 px-4 text-sm font-medium text-white hover:bg-brand-700">
            New plan
          </Link>
        </div>
      </div>

      {notice && <p role="status" className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">{notice}</p>}

      <FlagConflictsPanel conflicts={p.flagConflicts} />
      {overdueMeasures.length > 0 && <OverdueMeasures rows={overdueMeasures} showPatient={false} />}

      <div className="no-print">
        <InvitePatient patientId={p.id} defaultEmail={p.email} status={portal} timeZone={actor.timeZone} invite={invitePatientAction} />
      </div>

      <Section title="Contraindication flags">
        {p.flags.length === 0 ? (
          <p className="text-slate-600">No contraindications recorded.</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {p.flags.map((f) => (
              <li key={f} className="rounded bg-amber-100 px-2 py-1 text-sm font-medium text-amber-900">{label(f)}</li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Progress">
        {p.outcomes.length === 0 ? (
          <p className="text-slate-600">No pain or disability scores recorded yet.</p>
        ) : (
          <dl className="grid gap-4 sm:grid-cols-2">
            {p.outcomes.map((o) => (
              <div key={o.instrument} className="rounded-md bg-slate-50 p-3">
                <dt className="text-sm text-slate-600">{o.instrument === "NPRS" ? "Pain (NPRS 0–10)" : "Disability (ODI %)"}</dt>
                <dd className="mt-1">
                  <span className="text-2xl font-semibold">{o.latest.score}</span>
                  {o.latest.band && <span className="ml-2 text-slate-600">{o.latest.band}</span>}
                  {o.baseline && o.change !== null && o.meaning && (
                    <p className="mt-1 text-sm">
                      {o.change <= 0 ? "Down" : "Up"} {Math.abs(Math.round(o.change * 10) / 10)} from baseline {o.baseline.score}:{" "}
                      <span className={`rounded px-1.5 py-0.5 ${MEANING[o.meaning].tone}`}>{MEANING[o.meaning].text}</span>
                    </p>
                  )}
                </dd>
              </div>
            ))}
          </dl>
        )}
      </Section>

      <Section title="Progress over time">
        <p className="no-print mb-3">
          <Link href={`/clinic/progress/${p.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline">
            Open the progress page
          </Link>
        </p>
        <ProgressView progress={progress} audience="clinician" headingLevel={3} patientName={p.name} />
      </Section>

      <Section title="Active plan">
        {p.activePlan ? (
          <>
            <p className="font-medium">
              <Link href={`/clinic/plans/${p.activePlan.id}`} className="text-brand-700 underline-offset-2 hover:underline">{p.activePlan.title}</Link>{" "}
              <span className="font-normal text-slate-600">({label(p.activePlan.status)})</span>
            </p>
            <p className="text-sm text-slate-600">
              {p.activePlan.condition} · started {formatDate(p.activePlan.startDate)}
              {p.activePlan.reviewDate && ` · review ${formatDate(p.activePlan.reviewDate)}`} · in-clinic sessions {p.activePlan.completedSessions} of {p.activePlan.plannedSessions}
            </p>
            <p className="mt-2 text-sm"><span className="font-medium">Goals:</span> {p.activePlan.goals}</p>
            <div className="mt-2"><ActivityList activities={p.activePlan.activities} /></div>
          </>
        ) : (
          <p className="text-slate-600">
            No active plan.{" "}
            <Link href={`/clinic/patients/${p.id}/plans/new`} className="text-brand-700 underline">Start one from a protocol or blank</Link>
          </p>
        )}
      </Section>

      <div className="grid gap-4 md:grid-cols-2">
        <Section title="Upcoming sessions">
          <Sessions sessions={p.upcomingSessions} empty="Nothing booked." timeZone={actor.timeZone} />
        </Section>
        <Section title="Past sessions">
          <Sessions sessions={p.pastSessions} empty="No sessions yet." timeZone={actor.timeZone} />
        </Section>
      </div>

      <Section title="Plan history">
        {p.planHistory.length === 0 ? (
          <p className="text-slate-600">No plans yet.</p>
        ) : (
          <ul className="text-sm">
            {p.planHistory.map((h) => (
              <li key={h.id} className="py-1">
                <Link href={`/clinic/plans/${h.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline-offset-2 hover:underline sm:min-h-0">{h.title}</Link>
                {" "}· {label(h.status)} · from {formatDate(h.startDate)}
              </li>
            ))}
          </ul>
        )}
      </Section>
    </div>
  );
}
