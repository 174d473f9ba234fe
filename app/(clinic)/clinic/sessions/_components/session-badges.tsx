import type { NoteStatus, SessionStatus } from "@/lib/enums";

const STATUS: Record<SessionStatus, { text: string; tone: string }> = {
  SCHEDULED: { text: "Scheduled", tone: "bg-sky-100 text-sky-900" },
  COMPLETED: { text: "Completed", tone: "bg-emerald-100 text-emerald-900" },
  CANCELLED: { text: "Cancelled", tone: "bg-slate-200 text-slate-700" },
  NO_SHOW: { text: "No-show", tone: "bg-amber-100 text-amber-900" },
};

/** The session's status in words (colour only repeats it). */
export function SessionStatusBadge({ status }: { status: SessionStatus }) {
  const s = STATUS[status];
  return <span className={`inline-block rounded px-2 py-0.5 text-xs font-medium ${s.tone}`}>{s.text}</span>;
}

/** Whether the note is signed; a cancelled or missed session has no note to show. */
export function NoteStatusBadge({ status, noteStatus }: { status: SessionStatus; noteStatus: NoteStatus }) {
  if (status === "CANCELLED" || status === "NO_SHOW") return null;
  return noteStatus === "SIGNED" ? (
    <span className="inline-block rounded border border-emerald-300 px-2 py-0.5 text-xs font-medium text-emerald-900">Note signed</span>
  ) : (
    <span className="inline-block rounded border border-amber-300 px-2 py-0.5 text-xs font-medium text-amber-900">Note not signed</span>
  );
}
