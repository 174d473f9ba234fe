import type { Metadata } from "next";
import { getMyPreferences } from "@/lib/domain/notifications/preferences";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { supportedTimeZones } from "@/lib/validation/clinic";
import { ReminderSettingsForm } from "./_components/reminder-settings-form";
import { PushSettings } from "./push-settings";

export const metadata: Metadata = { title: "Reminder settings" };

export default async function ReminderSettingsPage() {
  const actor = await requirePageActor("PATIENT", "/my/settings");
  const preferences = await loadForPage(() => getMyPreferences(actor));
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-semibold">Reminder settings</h1>
      <p className="mt-1 text-slate-700">Choose which reminders you get and how. Each change is saved as soon as you make it.</p>
      {/* "This device" (decisions 035, 036): turning push notifications on or off for this browser. */}
      <ReminderSettingsForm preferences={preferences} timeZones={supportedTimeZones()} device={<PushSettings />} />
    </div>
  );
}
