import type { Metadata } from "next";
import { getClinicSettings } from "@/lib/domain/clinic/settings";
import { loadForPage, requirePageActor } from "@/lib/server/page";
import { supportedTimeZones } from "@/lib/validation/clinic";
import { ClinicSettingsForm } from "./_components/clinic-settings-form";

export const metadata: Metadata = { title: "Clinic settings" };

export default async function ClinicSettingsPage() {
  const actor = await requirePageActor("ADMIN", "/admin/clinic");
  const settings = await loadForPage(() => getClinicSettings(actor));
  return (
    <div className="max-w-2xl">
      <h1 className="text-2xl font-semibold">Clinic settings</h1>
      <p className="mt-1 text-slate-700">
        The clinic&apos;s name, address, phone and logo head every printable plan, and calendar files patients download carry the address and phone.
      </p>
      <ClinicSettingsForm settings={settings} timeZones={supportedTimeZones()} />
    </div>
  );
}
