"use client";

import { useId, useRef, useState, useSyncExternalStore } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import { inputClass } from "@/app/_components/form/field";
import type { ReminderPreferences } from "@/lib/domain/notifications/preferences";
import type { TNotificationPreferences } from "@/lib/validation/notifications";
import { REMINDER_TIME } from "@/lib/validation/reminder-time-format";
import { updateMyPreferencesAction } from "../actions";

type Values = Omit<TNotificationPreferences, "version">;
type Status = { tone: "error" | "success"; message: string; action?: React.ReactNode } | null;

const reloadButton = (
  <button type="button" className="ml-1 font-medium underline" onClick={() => window.location.reload()}>
    Reload
  </button>
);

function valuesOf(p: ReminderPreferences): Values {
  return {
    dailyReminder: p.dailyReminder,
    dailyReminderTime: p.dailyReminderTime,
    appointmentReminders: p.appointmentReminders,
    questionnaireReminders: p.questionnaireReminders,
    emailEnabled: p.emailEnabled,
    pushEnabled: p.pushEnabled,
    timeZone: p.timeZone,
  };
}

const zoneName = (zone: string) => zone.replaceAll("_", " ");
const noSubscription = () => () => {};
const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone ?? null;

/** One on/off setting: a native checkbox exposed as a switch, the whole row a 44 px tap target. */
function Toggle({ label, hint, checked, onChange }: { label: string; hint?: string; checked: boolean; onChange: (on: boolean) => void }) {
  const id = useId();
  return (
    <div className="flex min-h-11 items-start justify-between gap-4 py-3">
      <div className="min-w-0">
        <label htmlFor={id} className="font-medium text-slate-900">
          {label}
        </label>
        {hint && (
          <p id={`${id}-hint`} className="text-sm text-slate-600">
            {hint}
          </p>
        )}
      </div>
      <input
        id={id}
        type="checkbox"
        role="switch"
        checked={checked}
        aria-describedby={hint ? `${id}-hint` : undefined}
        onChange={(event) => onChange(event.currentTarget.checked)}
        className="mt-0.5 h-7 w-7 shrink-0 cursor-pointer accent-brand-600"
      />
    </div>
  );
}

/**
 * The patient's reminder settings. Every change saves at once ("one tap to change", decision 035):
 * saves run one after another, each sending the whole form with the version the last one returned,
 * so quick taps never conflict with each other; a change made elsewhere meanwhile answers 409.
 * `device` is where the push-subscription controls for this device go ("This device").
 */
export function ReminderSettingsForm({ preferences, timeZones, device }: { preferences: ReminderPreferences; timeZones: string[]; device?: React.ReactNode }) {
  const [values, setValues] = useState<Values>(() => valuesOf(preferences));
  const [timeDraft, setTimeDraft] = useState(preferences.dailyReminderTime);
  const [status, setStatus] = useState<Status>(null);
  const [timeError, setTimeError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  // Known only in the browser (null while rendering on the server): offered when it differs from the zone in use.
  const browserZone = useSyncExternalStore(noSubscription, browserTimeZone, () => null);
  const latest = useRef(values);
  const version = useRef(preferences.version);
  const running = useRef(false);
  const again = useRef(false);
  const timeId = useId();
  const zoneId = useId();

  async function flush() {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    setSaving(true);
    try {
      do {
        again.current = false;
        const result = await updateMyPreferencesAction({ ...latest.current, version: version.current });
        if (!result.ok) {
          again.current = false;
          const fieldMessage = result.fieldErrors?.dailyReminderTime?.[0] ?? null;
          setTimeError(fieldMessage);
          setStatus({
            tone: "error",
            message: result.code === "CONFLICT" ? "Your settings were changed somewhere else (another device or an email link). Reload to see them, then make your change again." : `${result.message} Nothing was saved.`,
            action: result.code === "CONFLICT" ? reloadButton : undefined,
          });
          return;
        }
        version.current = result.data.version;
        setTimeError(null);
        setStatus({ tone: "success", message: "Saved." });
      } while (again.current);
    } finally {
      running.current = false;
      setSaving(false);
    }
  }

  function change(patch: Partial<Values>) {
    const next = { ...latest.current, ...patch };
    latest.current = next;
    setValues(next);
    void flush();
  }

  function saveTime(value: string) {
    if (!REMINDER_TIME.test(value)) {
      setTimeError("Enter a time between 00:00 and 23:59, such as 18:00.");
      return;
    }
    setTimeError(null);
    if (value !== latest.current.dailyReminderTime) change({ dailyReminderTime: value });
  }

  const zoneInUse = values.timeZone ?? preferences.clinicTimeZone;
  const zones = values.timeZone && !timeZones.includes(values.timeZone) ? [values.timeZone, ...timeZones] : timeZones;
  const offerBrowserZone = browserZone && browserZone !== zoneInUse && timeZones.includes(browserZone);

  return (
    <div className="mt-6 space-y-6">
      <div className="sticky top-0 z-10">
        <FormStatus status={saving && !status ? { tone: "success", message: "Saving…" } : status} />
      </div>

      <section aria-labelledby="reminders-heading" className="rounded-lg border border-slate-200 bg-white px-4 py-2">
        <h2 id="reminders-heading" className="pt-2 text-lg font-semibold">
          What to remind me of
        </h2>
        <div className="divide-y divide-slate-100">
          <div>
            <Toggle
              label="Home exercises"
              hint="Once a day, only on days when something on your routine is still to do."
              checked={values.dailyReminder}
              onChange={(on) => change({ dailyReminder: on })}
            />
            <div className="pb-3">
              <label htmlFor={timeId} className="block text-sm font-medium text-slate-800">
                Time of the daily reminder
              </label>
              <p id={`${timeId}-hint`} className="text-xs text-slate-600">
                In your time zone ({zoneName(zoneInUse)}). Saved when you leave the field.
              </p>
              <input
                id={timeId}
                type="time"
                name="dailyReminderTime"
                value={timeDraft}
                onChange={(event) => setTimeDraft(event.currentTarget.value)}
                onBlur={(event) => saveTime(event.currentTarget.value)}
                onKeyDown={(event) => {
                  if (event.key === "Enter") {
                    event.preventDefault();
                    saveTime(event.currentTarget.value);
                  }
                }}
                aria-invalid={Boolean(timeError)}
                aria-describedby={[`${timeId}-hint`, timeError ? `${timeId}-error` : null].filter(Boolean).join(" ")}
                className={`${inputClass} mt-1 max-w-40`}
              />
              {timeError && (
                <p id={`${timeId}-error`} className="mt-1 text-sm text-red-700">
                  {timeError}
                </p>
              )}
            </div>
          </div>
          <Toggle
            label="Appointments"
            hint="The day before, and whenever the clinic moves or cancels one."
            checked={values.appointmentReminders}
            onChange={(on) => change({ appointmentReminders: on })}
          />
          <Toggle
            label="Questionnaires"
            hint="When your clinician asks you to fill one in."
            checked={values.questionnaireReminders}
            onChange={(on) => change({ questionnaireReminders: on })}
          />
        </div>
      </section>

      <section aria-labelledby="channels-heading" className="rounded-lg border border-slate-200 bg-white px-4 py-2">
        <h2 id="channels-heading" className="pt-2 text-lg font-semibold">
          How to reach me
        </h2>
        <div className="divide-y divide-slate-100">
          <Toggle label="Email" hint={`To ${preferences.email}.`} checked={values.emailEnabled} onChange={(on) => change({ emailEnabled: on })} />
          <Toggle
            label="Push notifications"
            hint={
              preferences.pushDevices === 0
                ? "On the devices where you turn them on. None yet."
                : `On ${preferences.pushDevices === 1 ? "1 device" : `${preferences.pushDevices} devices`} where you turned them on.`
            }
            checked={values.pushEnabled}
            onChange={(on) => change({ pushEnabled: on })}
          />
        </div>
        {!values.emailEnabled && !values.pushEnabled && (
          <p className="pb-3 text-sm text-amber-800">With email and push notifications both off you will not get any reminders.</p>
        )}
      </section>

      {/* The push controls for this device bring their own section and heading (decision 036). */}
      {device}

      <section aria-labelledby="zone-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="zone-heading" className="text-lg font-semibold">
          Time zone
        </h2>
        <label htmlFor={zoneId} className="mt-2 block text-sm font-medium text-slate-800">
          Reminder times and appointment times in messages use
        </label>
        <select
          id={zoneId}
          name="timeZone"
          value={values.timeZone ?? ""}
          onChange={(event) => change({ timeZone: event.currentTarget.value || null })}
          className={`${inputClass} mt-1`}
        >
          <option value="">The clinic&apos;s time zone ({zoneName(preferences.clinicTimeZone)})</option>
          {zones.map((z) => (
            <option key={z} value={z}>
              {zoneName(z)}
            </option>
          ))}
        </select>
        {offerBrowserZone && (
          <button
            type="button"
            onClick={() => change({ timeZone: browserZone })}
            className="mt-3 min-h-11 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50"
          >
            Use this device&apos;s time zone ({zoneName(browserZone)})
          </button>
        )}
      </section>
    </div>
  );
}
