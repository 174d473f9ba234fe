import { formatTimestamp } from "@/app/_components/format";
import { MAX_DELIVERY_ATTEMPTS } from "@/lib/jobs/delivery-policy";
import type { OutboxRow } from "@/lib/domain/messaging/outbox";

export const KIND_NAMES: Record<string, string> = {
  account_invitation: "Invitation",
  password_reset: "Password reset",
  daily_reminder: "Daily home-routine reminder",
  appointment_reminder: "Appointment reminder (24 h)",
  appointment_changed: "Appointment moved",
  appointment_cancelled: "Appointment cancelled",
  questionnaire_requested: "Questionnaire requested",
};

const TONE: Record<OutboxRow["status"], string> = {
  QUEUED: "bg-slate-100 text-slate-800",
  SENDING: "bg-sky-100 text-sky-900",
  RETRYING: "bg-amber-100 text-amber-900",
  SENT: "bg-emerald-100 text-emerald-900",
  FAILED: "bg-red-100 text-red-900",
  CANCELLED: "bg-slate-100 text-slate-700",
};

const WORDS: Record<OutboxRow["status"], string> = {
  QUEUED: "Queued",
  SENDING: "Sending",
  RETRYING: "Failed, retrying",
  SENT: "Sent",
  FAILED: "Failed",
  CANCELLED: "Not sent",
};

/** A message's delivery state in words: what happened, why, and (while retrying) when it tries again. */
export function OutboxStatus({ row, timeZone }: { row: OutboxRow; timeZone: string }) {
  return (
    <div>
      <span className={`inline-block rounded px-2 py-0.5 text-xs font-semibold ${TONE[row.status]}`}>{WORDS[row.status]}</span>
      {row.status === "SENT" && row.sentAt && <span className="block text-xs text-slate-600">{formatTimestamp(row.sentAt.toISOString(), timeZone)}</span>}
      {row.status === "RETRYING" && (
        <span className="block text-xs text-slate-700">
          Attempt {row.attempts} of {MAX_DELIVERY_ATTEMPTS}
          {row.nextAttemptAt ? `; next try about ${formatTimestamp(row.nextAttemptAt.toISOString(), timeZone)}` : ""}
        </span>
      )}
      {row.lastError && row.status !== "SENT" && <span className="block text-xs text-slate-700">{row.lastError}</span>}
    </div>
  );
}
