import { formatTimestamp } from "@/app/_components/format";
import type { SessionDetail } from "@/lib/domain/sessions/get-session";
import { describeParameters } from "./parameter-fields";

function Text({ term, value, empty = "Not recorded" }: { term: string; value: string | null; empty?: string }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{term}</dt>
      <dd className={value ? "whitespace-pre-line break-words" : "text-slate-500"}>{value ?? empty}</dd>
    </div>
  );
}

/** A signed note, read-only: nothing here can be edited; corrections go in addenda. */
export function SignedNote({ session, timeZone }: { session: SessionDetail; timeZone: string }) {
  return (
    <ReadOnlyNote session={session}>
      <p className="rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900">
        Signed by <strong>{session.signedByName ?? "an unknown clinician"}</strong>
        {session.signedAt && <> on {formatTimestamp(session.signedAt, timeZone)}</>}. The note is locked; add an addendum to correct it.
      </p>
    </ReadOnlyNote>
  );
}

/** Another clinician's draft, as the rest of the care team sees it: read-only until its author signs it. */
export function OthersDraftNote({ session }: { session: SessionDetail }) {
  return (
    <ReadOnlyNote session={session}>
      <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
        Draft by <strong>{session.noteAuthorName ?? "another clinician"}</strong>. Only they can edit and sign it; once it is signed, you can add an addendum.
      </p>
    </ReadOnlyNote>
  );
}

function ReadOnlyNote({ session, children }: { session: SessionDetail; children: React.ReactNode }) {
  const names = new Map(session.inClinicActivities.map((a) => [a.id, a.name]));
  const pain = (v: number | null) => (v === null ? null : `${v}/10`);
  return (
    <div className="space-y-4">
      {children}
      <dl className="grid gap-3 sm:grid-cols-2">
        <Text term="Pain before" value={pain(session.painBefore)} />
        <Text term="Pain after" value={pain(session.painAfter)} />
      </dl>
      <div>
        <h3 className="font-semibold">Treatments</h3>
        {session.performed.length === 0 ? (
          <p className="text-sm text-slate-600">No treatment recorded.</p>
        ) : (
          <ul className="mt-2 space-y-2" aria-label="Treatments recorded">
            {session.performed.map((p) => (
              <li key={p.planActivityId} className="rounded-md border border-slate-200 p-3 text-sm">
                <p className="font-medium">
                  {names.get(p.planActivityId) ?? "Treatment"} ·{" "}
                  {p.status === "COMPLETED" ? `Performed${p.durationMin ? `, ${p.durationMin} min` : ""}` : "Not done"}
                </p>
                {p.status === "NOT_DONE" ? (
                  <p className="text-slate-700">Reason: {p.notDoneReason}</p>
                ) : (
                  <dl className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-slate-700">
                    {describeParameters(p.parameters).map((d) => (
                      <div key={d.label} className="flex gap-1">
                        <dt>{d.label}:</dt> <dd>{d.value}</dd>
                      </div>
                    ))}
                  </dl>
                )}
              </li>
            ))}
          </ul>
        )}
      </div>
      <dl className="space-y-3">
        <Text term="Subjective" value={session.subjective} />
        <Text term="Objective" value={session.objective} />
        <Text term="Assessment" value={session.assessment} />
        <Text term="Plan" value={session.planNote} />
        <Text term="Adverse event" value={session.adverseEvent} empty="None recorded" />
        <Text term="Summary for the patient" value={session.patientSummary} empty="None written" />
      </dl>
    </div>
  );
}
