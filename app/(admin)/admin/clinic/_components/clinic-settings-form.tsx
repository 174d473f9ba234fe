"use client";

import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { useFocusFirstError } from "@/app/_components/form/use-focus-first-error";
import type { ClinicSettings } from "@/lib/domain/clinic/settings";
import { CLINIC_ADDRESS_MAX, CLINIC_NAME_MAX, CLINIC_PHONE_MAX, MAX_LOGO_BYTES, ZClinicSettings } from "@/lib/validation/clinic";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { removeClinicLogoAction, updateClinicSettingsAction } from "../actions";

type Errors = Record<string, string[]>;
type Status = { tone: "error" | "success"; message: string; action?: React.ReactNode } | null;

// The time zone is checked against the server's list only: a browser's list can differ.
const ZClientSettings = ZClinicSettings.omit({ timeZone: true });

function readForm(form: HTMLFormElement) {
  const d = new FormData(form);
  const text = (key: string) => String(d.get(key) ?? "");
  return { name: text("name"), address: text("address"), phone: text("phone"), timeZone: text("timeZone") };
}

const reloadButton = (
  <button type="button" className="ml-1 font-medium underline" onClick={() => window.location.reload()}>
    Reload
  </button>
);

/** The clinic's name, contact details and time zone, and its logo; one version guards them all. */
export function ClinicSettingsForm({ settings, timeZones }: { settings: ClinicSettings; timeZones: string[] }) {
  const [version, setVersion] = useState(settings.version);
  const [hasLogo, setHasLogo] = useState(settings.hasLogo);
  const [errors, setErrors] = useState<Errors>({});
  const [status, setStatus] = useState<Status>(null);
  const [logoStatus, setLogoStatus] = useState<Status>(null);
  const [logoBusy, setLogoBusy] = useState(false);
  const [pending, startTransition] = useTransition();
  const { ref: formRef, focusFirstError } = useFocusFirstError();
  const zones = timeZones.includes(settings.timeZone) ? timeZones : [settings.timeZone, ...timeZones];

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const input = { ...readForm(event.currentTarget), version };
    const parsed = ZClientSettings.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrorsOf(parsed.error));
      setStatus({ tone: "error", message: "Please correct the highlighted fields. Nothing was saved." });
      focusFirstError();
      return;
    }
    setErrors({});
    setStatus(null);
    startTransition(async () => {
      const result = await updateClinicSettingsAction(input);
      if (!result.ok) {
        setErrors(result.fieldErrors ?? {});
        if (result.fieldErrors) focusFirstError();
        setStatus({ tone: "error", message: result.message, action: result.code === "CONFLICT" ? reloadButton : undefined });
        return;
      }
      setVersion(result.data.version);
      setStatus({ tone: "success", message: "Clinic settings saved." });
    });
  }

  async function uploadLogo(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const file = new FormData(event.currentTarget).get("logo");
    if (!(file instanceof File) || file.size === 0) {
      setLogoStatus({ tone: "error", message: "Choose a PNG, JPEG or WebP picture first." });
      return;
    }
    if (file.size > MAX_LOGO_BYTES) {
      setLogoStatus({ tone: "error", message: "A logo can be at most 2 MB. Nothing was saved." });
      return;
    }
    const form = event.currentTarget;
    setLogoBusy(true);
    setLogoStatus(null);
    try {
      const res = await fetch(`/api/v1/uploads/clinic-logo?version=${version}`, { method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file });
      const body = (await res.json().catch(() => null)) as { version?: number; error?: { code?: string; message?: string } } | null;
      if (res.status === 201 && body?.version) {
        setVersion(body.version);
        setHasLogo(true);
        form.reset();
        setLogoStatus({ tone: "success", message: hasLogo ? "Logo replaced." : "Logo uploaded." });
      } else {
        setLogoStatus({ tone: "error", message: body?.error?.message ?? "The logo could not be uploaded. Nothing was saved.", action: res.status === 409 ? reloadButton : undefined });
      }
    } catch {
      setLogoStatus({ tone: "error", message: "The upload was interrupted. Nothing was saved." });
    } finally {
      setLogoBusy(false);
    }
  }

  async function removeLogo() {
    setLogoBusy(true);
    setLogoStatus(null);
    const result = await removeClinicLogoAction({ version, confirm: true });
    setLogoBusy(false);
    if (!result.ok) {
      setLogoStatus({ tone: "error", message: result.message, action: result.code === "CONFLICT" ? reloadButton : undefined });
      return;
    }
    setVersion(result.data.version);
    setHasLogo(false);
    setLogoStatus({ tone: "success", message: "Logo removed." });
  }

  const errorFor = (key: string) => errors[key];

  return (
    <div className="mt-6 space-y-8">
      <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5 rounded-lg border border-slate-200 bg-white p-4" aria-label="Clinic details">
        <FormStatus status={status} />
        <Field label="Clinic name" error={errorFor("name")}>
          {(p) => <input {...p} name="name" defaultValue={settings.name} maxLength={CLINIC_NAME_MAX} className={inputClass} autoComplete="organization" />}
        </Field>
        <Field label="Address" hint={`One line per line of the address, up to ${CLINIC_ADDRESS_MAX} characters. Printed on plans and put in calendar files.`} error={errorFor("address")}>
          {(p) => <textarea {...p} name="address" rows={4} defaultValue={settings.address ?? ""} className={inputClass} autoComplete="street-address" />}
        </Field>
        <Field label="Phone" hint="The number patients call, e.g. 020 7946 0321 or +44 20 7946 0321." error={errorFor("phone")}>
          {(p) => <input {...p} name="phone" type="tel" defaultValue={settings.phone ?? ""} maxLength={CLINIC_PHONE_MAX} className={inputClass} autoComplete="tel" />}
        </Field>
        <Field
          label="Time zone"
          hint="Appointments, daily logs and dates are shown in this time zone. Changing it keeps every appointment at the same moment, so existing appointments show at a different clock time."
          error={errorFor("timeZone")}
        >
          {(p) => (
            <select {...p} name="timeZone" defaultValue={settings.timeZone} className={inputClass}>
              {zones.map((z) => (
                <option key={z} value={z}>
                  {z.replaceAll("_", " ")}
                </option>
              ))}
            </select>
          )}
        </Field>
        <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save settings"}
        </button>
      </form>

      <section aria-labelledby="logo-heading" className="rounded-lg border border-slate-200 bg-white p-4">
        <h2 id="logo-heading" className="text-lg font-semibold">
          Logo
        </h2>
        <p className="text-sm text-slate-600">Heads the printable plan. PNG, JPEG or WebP up to 2 MB; stored as a PNG at most 600 pixels wide, without the picture&apos;s metadata.</p>
        <FormStatus status={logoStatus} />
        {hasLogo ? (
          <div className="mt-3 flex flex-wrap items-end gap-4">
            {/* eslint-disable-next-line @next/next/no-img-element -- served per request to signed-in users only */}
            <img src={`/api/v1/clinic/logo?v=${version}`} alt="The clinic's current logo" className="max-h-24 w-auto max-w-xs rounded border border-slate-200 bg-white p-2" />
            <ConfirmButton
              label="Remove logo"
              title="Remove the clinic's logo?"
              body="Printable plans will show the clinic's name and contact details without a logo. You can upload a logo again at any time."
              confirmLabel="Remove logo"
              onConfirm={removeLogo}
              disabled={logoBusy}
            />
          </div>
        ) : (
          <p className="mt-3 text-slate-600">No logo yet.</p>
        )}
        <form onSubmit={uploadLogo} className="mt-4 flex flex-wrap items-end gap-3" aria-label={hasLogo ? "Replace logo" : "Upload logo"}>
          <div>
            <label htmlFor="clinic-logo-file" className="block text-sm font-medium text-slate-800">
              {hasLogo ? "New logo file" : "Logo file"}
            </label>
            <input id="clinic-logo-file" name="logo" type="file" accept="image/png,image/jpeg,image/webp" className="mt-1 block min-h-11 text-sm" />
          </div>
          <button type="submit" disabled={logoBusy} className="min-h-11 rounded-md border border-slate-300 px-4 py-2 text-sm font-medium hover:bg-slate-50 disabled:opacity-60">
            {logoBusy ? "Working…" : hasLogo ? "Replace logo" : "Upload logo"}
          </button>
        </form>
      </section>
    </div>
  );
}
