import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatDateTime } from "@/app/_components/format";
import { listOfferedNoteTemplates } from "@/lib/domain/note-templates/note-templates";
import { getOutcomeFormContext } from "@/lib/domain/outcomes/outcome-form-context";
import { getSession } from "@/lib/domain/sessions/get-session";
import { utcToZoned } from "@/lib/domain/schedule/dates";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { ZId } from "@/lib/validation/common";
import { NoteStatusBadge, SessionStatusBadge } from "../_components/session-badges";
import { formatDay, formatTimeRange, hasStarted, mondayOf, weekHref } from "../_components/week-dates";
import { Addenda } from "./_components/addenda";
import { NoteEditor } from "./_components/note-editor";
import { OutcomeForm } from "./_components/outcome-form";
import { SchedulingActions } from "./_components/scheduling-actions";
import { OthersDraftNote, SignedNote } from "./_components/signed-note";

export const metadata: Metadata = { title: "Session" };

function Section({ id, title, children, intro }: { id: string; title: string; intro?: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {intro && <p className="text-sm text-slate-600">{intro}</p>}
      <div className="mt-3">{children}</div>
    </section>
  );
}

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className="break-words">{children}</dd>
    </div>
  );
}

export default async function SessionPage({ params }: { params: Promise<{ sessionId: string }> }) {
  const { sessionId } = await params;
  const actor = await requirePageActor("CLINICIAN", `/clinic/sessions/${sessionId}`);
  if (!ZId.safeParse(sessionId).success) notFound();
  const session = await loadForPage(() => getSession(actor, sessionId));
  // Starter texts are offered on a draft its reader may edit (decision 037).
  const templates = session.noteStatus === "DRAFT" && session.canEditNote ? await loadForPage(() => listOfferedNoteTemplates(actor)) : [];
  const tz = actor.timeZone;
  const local = utcToZoned(new Date(session.startsAt), tz);
  // Rendered per request: whether the start time has passed decides what can be done.
  const started = hasStarted(session.startsAt);
  const open = session.status === "SCHEDULED" || session.status === "COMPLETED";
  const signed = session.noteStatus === "SIGNED";
  // The clinic's instrument definitions and last PSFS activities, for the outcome form (issue 16).
  const outcomeContext = open ? await loadForPage(() => getOutcomeFormContext(actor, session.patientId)) : null;

  return (
    <div className="mx-auto max-w-4xl space-y-4">
      <Link href={weekHref(session.startsAt, tz)} className="text-sm text-brand-700 underline">
        ← Week of {formatDay(mondayOf(local.date))}
      </Link>
      <header>
        <h1 className="text-2xl font-semibold break-words">Session with {session.patientName}</h1>
        <p className="mt-1 flex flex-wrap items-center gap-2 text-slate-700">
          <span>
            {formatDay(local.date, { year: true })}, {formatTimeRange(session.startsAt, session.durationMin, tz)}
          </span>
          <SessionStatusBadge status={session.status} />
          <NoteStatusBadge status={session.status} noteStatus={session.noteStatus} />
        </p>
      </header>

      <dl className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3">
        <Fact term="Patient">
          <Link href={`/clinic/patients/${session.patientId}`} className="text-brand-700 underline">
            {session.patientName}
          </Link>
        </Fact>
        <Fact term="Plan">
          <Link href={`/clinic/plans/${session.planId}`} className="text-brand-700 underline">
            {session.planTitle}
          </Link>
        </Fact>
        <Fact term="Clinician">{session.clinicianName}</Fact>
        <Fact term="When">
          {formatDateTime(session.startsAt, tz)} · {session.durationMin} min <span className="text-slate-500">({tz})</span>
        </Fact>
        <Fact term="Status">
          <SessionStatusBadge status={session.status} />
          {session.statusReason && <span className="ml-1">· {session.statusReason}</span>}
        </Fact>
      </dl>

      {session.status === "SCHEDULED" && (
        <Section id="session-scheduling" title="Booking">
          <SchedulingActions
            sessionId={session.id}
            version={session.version}
            timeZone={tz}
            current={{ date: local.date, time: local.time, durationMin: session.durationMin }}
            started={started}
          />
        </Section>
      )}

      {!open ? (
        <p className="rounded-md border border-slate-200 bg-slate-100 px-3 py-2 text-sm text-slate-700">
          This session was {session.status === "CANCELLED" ? "cancelled" : "missed (no-show)"}, so it has no treatment note.
        </p>
      ) : signed ? (
        <>
          <Section id="session-note" title="Treatment note">
            <SignedNote session={session} timeZone={tz} />
          </Section>
          <Section id="session-addenda" title="Addenda" intro="Corrections and additions to the signed note.">
            <Addenda sessionId={session.id} addenda={session.addenda} timeZone={tz} />
          </Section>
        </>
      ) : session.canEditNote ? (
        <Section id="session-note" title="Treatment note" intro="Draft: it saves itself as you type; sign it when it is complete. A signed note is locked.">
          <NoteEditor session={session} canSign={started} startsAtText={formatDateTime(session.startsAt, tz)} timeZone={tz} templates={templates} />
        </Section>
      ) : (
        <Section id="session-note" title="Treatment note">
          <OthersDraftNote session={session} />
        </Section>
      )}

      {open && outcomeContext && (
        <Section id="session-outcomes" title="Outcome measures" intro={`Recorded for ${session.patientName} against this plan and session.`}>
          <OutcomeForm
            patientId={session.patientId}
            planId={session.planId}
            sessionId={session.id}
            scoredInstruments={session.scoredInstruments}
            definitions={outcomeContext.definitions}
            previousPsfsActivities={outcomeContext.previousPsfsActivities}
          />
        </Section>
      )}
    </div>
  );
}
