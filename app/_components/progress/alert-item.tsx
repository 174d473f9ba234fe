import Link from "next/link";
import type { Alert } from "@/lib/domain/progress/rules";
import { ALERT_LABEL } from "./wording";

function WarningIcon() {
  return (
    <svg viewBox="0 0 20 20" width="20" height="20" aria-hidden="true" focusable="false" className="mt-0.5 shrink-0 text-amber-700">
      <path d="M10 2 19 18H1Z" fill="none" stroke="currentColor" strokeWidth="2" strokeLinejoin="round" />
      <path d="M10 8v4.5M10 14.6v.4" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

const linkClass = "inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-2 sm:min-h-0";

/**
 * One clinician alert: an icon, its kind in words and the message, so neither colour nor the icon
 * alone carries it. `patient` adds a link to the patient's record, led by
 * their name when it is given (the dashboard lists alerts of many patients).
 */
export function AlertItem({ alert, patient }: { alert: Alert; patient?: { id: string; name?: string } }) {
  return (
    <li className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-slate-900">
      <WarningIcon />
      <div>
        {patient?.name && (
          <Link href={`/clinic/patients/${patient.id}`} className={linkClass}>
            {patient.name}
          </Link>
        )}
        <p>
          <span className="font-semibold">{ALERT_LABEL[alert.kind]}:</span> {alert.message}
        </p>
        {patient && !patient.name && (
          <Link href={`/clinic/patients/${patient.id}`} className={linkClass}>
            Open the patient&apos;s record
          </Link>
        )}
      </div>
    </li>
  );
}

/**
 * One patient's alerts on the dashboard: their name once, then each alert's kind and message.
 * Listing every alert with its own icon and link repeated the patient up to five times, and the
 * panel was the largest part of the roster's markup and of its server CPU (issue 18).
 */
export function PatientAlerts({ alerts }: { alerts: (Alert & { patientId: string; patientName: string })[] }) {
  const first = alerts[0];
  if (!first) return null;
  return (
    <li className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-slate-900">
      <WarningIcon />
      <div>
        <Link href={`/clinic/patients/${first.patientId}`} className={linkClass}>
          {first.patientName}
        </Link>
        <ul>
          {alerts.map((a) => (
            <li key={a.kind}>
              <span className="font-semibold">{ALERT_LABEL[a.kind]}:</span> {a.message}
            </li>
          ))}
        </ul>
      </div>
    </li>
  );
}
