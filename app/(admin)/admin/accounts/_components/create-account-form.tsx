"use client";

import Link from "next/link";
import { useEffect, useRef, useState, useTransition } from "react";
import { Field, inputClass } from "@/app/_components/form/field";
import { FormStatus } from "@/app/_components/form/form-status";
import { label } from "@/app/_components/format";
import { Contraindication } from "@/lib/enums";
import type { ClinicianOption } from "@/lib/domain/accounts/dto";
import { ZCreateAccount, type TCareTeamMember } from "@/lib/validation/accounts";
import { fieldErrorsOf } from "@/lib/validation/fields";
import { createAccountAction } from "../actions";
import { CareTeamPicker } from "./care-team-picker";

type Role = "CLINICIAN" | "PATIENT" | "ADMIN";
type Errors = Record<string, string[]>;
type Created = { name: string; href: string; email: string | null; invitationExpiresAt: string | null };

const ROLES: { value: Role; text: string; hint: string }[] = [
  { value: "CLINICIAN", text: "Clinician", hint: "Builds plans and records sessions for their care-team patients." },
  { value: "PATIENT", text: "Patient", hint: "A patient record with a care team, with or without portal sign-in." },
  { value: "ADMIN", text: "Admin", hint: "Keeps the catalog, protocols and accounts. Sees no clinical records." },
];

function readForm(form: HTMLFormElement, role: Role, careTeam: TCareTeamMember[]): unknown {
  const d = new FormData(form);
  const text = (key: string) => String(d.get(key) ?? "");
  if (role !== "PATIENT") return { role, name: text("name"), email: text("email") };
  return {
    role,
    firstName: text("firstName"),
    lastName: text("lastName"),
    dateOfBirth: text("dateOfBirth"),
    email: text("email"),
    phone: text("phone"),
    portalAccess: d.get("portalAccess") === "on",
    contraindications: d.getAll("contraindications").map(String),
    careTeam,
  };
}

/** New admin, clinician or patient; a sign-in account gets an emailed invitation (decision 034). */
export function CreateAccountForm({ clinicians }: { clinicians: ClinicianOption[] }) {
  const [role, setRole] = useState<Role>("CLINICIAN");
  const [careTeam, setCareTeam] = useState<TCareTeamMember[]>([]);
  const [errors, setErrors] = useState<Errors>({});
  const [attempt, setAttempt] = useState(0);
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);
  const [created, setCreated] = useState<Created | null>(null);
  const [pending, startTransition] = useTransition();
  const formRef = useRef<HTMLFormElement>(null);
  const errorFor = (key: string) => Object.entries(errors).filter(([k]) => k === key || k.startsWith(`${key}.`)).flatMap(([, v]) => v);

  // After a failed submit, focus the first field with an error (once the errors are rendered).
  useEffect(() => {
    if (attempt > 0) formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [attempt]);

  function fail(fieldErrors: Errors, message: string) {
    setErrors(fieldErrors);
    setStatus({ tone: "error", message });
    setAttempt((n) => n + 1);
  }

  function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = ZCreateAccount.safeParse(readForm(event.currentTarget, role, careTeam));
    if (!parsed.success) return fail(fieldErrorsOf(parsed.error), "Please correct the highlighted fields. Nothing was saved.");
    setErrors({});
    setStatus(null);
    const input = parsed.data;
    startTransition(async () => {
      const result = await createAccountAction(input);
      if (!result.ok) return fail(result.fieldErrors ?? {}, result.message);
      const { userId, patientId, invitationExpiresAt } = result.data;
      const name = input.role === "PATIENT" ? `${input.firstName} ${input.lastName}` : input.name;
      setCreated({ name, email: input.email ?? null, invitationExpiresAt, href: userId ? `/admin/accounts/${userId}` : `/admin/accounts/patients/${patientId}` });
    });
  }

  if (created) {
    const links = (
      <div className="flex flex-wrap gap-4 text-sm">
        <Link href={created.href} className="font-medium text-brand-700 underline">Open {created.name}&apos;s account</Link>
        <button type="button" className="font-medium text-brand-700 underline" onClick={() => { setCreated(null); setCareTeam([]); }}>
          Create another account
        </button>
      </div>
    );
    const message = created.invitationExpiresAt
      ? `${created.name}'s account was created. An invitation was emailed to ${created.email}: they choose their own password with it (the link works once, until ${new Date(created.invitationExpiresAt).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" })}).`
      : `${created.name}'s patient record was created, without portal access.`;
    return (
      <div className="space-y-3">
        <FormStatus status={{ tone: "success", message }} />
        {links}
      </div>
    );
  }

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="space-y-5" aria-label="New account">
      <FormStatus status={status} />
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Kind of account</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-3">
          {ROLES.map((r) => (
            <label key={r.value} className="flex min-h-11 cursor-pointer gap-2 rounded-md border border-slate-300 bg-white p-3 text-sm has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50">
              <input type="radio" name="role" value={r.value} checked={role === r.value} onChange={() => { setRole(r.value); setErrors({}); setStatus(null); }} className="mt-0.5 h-5 w-5" />
              <span>
                <span className="block font-medium">{r.text}</span>
                <span className="block text-xs text-slate-600">{r.hint}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>

      {role === "PATIENT" ? (
        <PatientFields clinicians={clinicians} careTeam={careTeam} setCareTeam={setCareTeam} errorFor={errorFor} />
      ) : (
        <div key={role} className="grid gap-4 sm:grid-cols-2">
          <Field label="Full name" hint="As colleagues and patients will see it, e.g. Dr Maya Chen." error={errorFor("name")}>
            {(p) => <input {...p} name="name" className={inputClass} autoComplete="off" />}
          </Field>
          <Field label="Email" hint="They sign in with it." error={errorFor("email")}>
            {(p) => <input {...p} name="email" type="email" className={inputClass} autoComplete="off" />}
          </Field>
        </div>
      )}

      <button type="submit" disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {pending ? "Creating…" : role === "PATIENT" ? "Create account" : "Create and send invitation"}
      </button>
    </form>
  );
}

function PatientFields({
  clinicians,
  careTeam,
  setCareTeam,
  errorFor,
}: {
  clinicians: ClinicianOption[];
  careTeam: TCareTeamMember[];
  setCareTeam: (members: TCareTeamMember[]) => void;
  errorFor: (key: string) => string[];
}) {
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="First name" error={errorFor("firstName")}>
          {(p) => <input {...p} name="firstName" className={inputClass} autoComplete="off" />}
        </Field>
        <Field label="Last name" error={errorFor("lastName")}>
          {(p) => <input {...p} name="lastName" className={inputClass} autoComplete="off" />}
        </Field>
        <Field label="Date of birth" error={errorFor("dateOfBirth")}>
          {(p) => <input {...p} name="dateOfBirth" type="date" min="1900-01-02" className={inputClass} />}
        </Field>
        <Field label="Phone (optional)" error={errorFor("phone")}>
          {(p) => <input {...p} name="phone" type="tel" className={inputClass} autoComplete="off" />}
        </Field>
        <Field label="Email" hint="Needed for portal access; otherwise optional, as a contact address." error={errorFor("email")}>
          {(p) => <input {...p} name="email" type="email" className={inputClass} autoComplete="off" />}
        </Field>
        <div className="self-end">
          <label className="flex min-h-11 items-center gap-2 text-sm">
            <input type="checkbox" name="portalAccess" defaultChecked className="h-5 w-5" />
            Portal access: send the patient an invitation to sign in, see their plan and log home exercises
          </label>
        </div>
      </div>
      <fieldset>
        <legend className="text-sm font-medium text-slate-800">Contraindications</legend>
        <p className="text-xs text-slate-600">Clinicians are warned when they assign a treatment contraindicated by a ticked flag.</p>
        <div className="mt-2 grid gap-1 sm:grid-cols-2">
          {Object.values(Contraindication).map((flag) => (
            <label key={flag} className="flex min-h-11 items-center gap-2 text-sm">
              <input type="checkbox" name="contraindications" value={flag} className="h-5 w-5" />
              {label(flag)}
            </label>
          ))}
        </div>
      </fieldset>
      <CareTeamPicker
        legend="Care team"
        clinicians={clinicians.map((c) => ({ ...c, assignable: true }))}
        members={careTeam}
        onChange={setCareTeam}
        error={errorFor("careTeam")}
      />
    </>
  );
}
