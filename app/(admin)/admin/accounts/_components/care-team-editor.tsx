"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import type { ClinicianOption, PatientAccountDto } from "@/lib/domain/accounts/dto";
import { ZCareTeamMembers, type TCareTeamMember } from "@/lib/validation/accounts";
import { assignCareTeamAction } from "../actions";
import { CareTeamPicker, type PickerClinician } from "./care-team-picker";

type Status = { tone: "error" | "success"; message: string; action?: React.ReactNode } | null;

const membersOf = (patient: PatientAccountDto): TCareTeamMember[] => patient.careTeam.map((m) => ({ clinicianId: m.clinicianId, isPrimary: m.isPrimary }));

/** Edit a patient's care team; a save from a stale version is refused with a reload offer. */
export function CareTeamEditor({ patient, clinicians }: { patient: PatientAccountDto; clinicians: ClinicianOption[] }) {
  const router = useRouter();
  // The version this editor saves from: the one loaded, then the one each save returns.
  const [version, setVersion] = useState(patient.version);
  const [members, setMembers] = useState<TCareTeamMember[]>(() => membersOf(patient));
  const [error, setError] = useState<string[]>([]);
  const [status, setStatus] = useState<Status>(null);
  const [loadedVersion, setLoadedVersion] = useState(patient.version);
  // Fresh data arrived (Reload after a conflict): start again from it. After our own save the
  // page comes back with the version we already hold, and the editor keeps its message.
  if (patient.version !== loadedVersion) {
    setLoadedVersion(patient.version);
    if (patient.version !== version) {
      setVersion(patient.version);
      setMembers(membersOf(patient));
      setError([]);
      setStatus(null);
    }
  }
  const [pending, startTransition] = useTransition();
  const section = useRef<HTMLElement>(null);

  // Active clinicians, plus current members who can no longer be assigned (so they can be removed).
  const options: PickerClinician[] = [
    ...clinicians.map((c) => ({ ...c, assignable: true })),
    ...patient.careTeam.filter((m) => !m.assignable).map((m) => ({ id: m.clinicianId, name: m.name, assignable: false })),
  ];

  function focusError() {
    requestAnimationFrame(() => section.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
  }

  function save() {
    const parsed = ZCareTeamMembers.safeParse(members);
    if (!parsed.success) {
      setError(parsed.error.issues.map((i) => i.message));
      setStatus({ tone: "error", message: "Please correct the care team. Nothing was saved." });
      return focusError();
    }
    setError([]);
    setStatus(null);
    startTransition(async () => {
      const result = await assignCareTeamAction({ patientId: patient.id, version, members: parsed.data });
      if (!result.ok) {
        setError(Object.values(result.fieldErrors ?? {}).flat());
        setStatus({
          tone: "error",
          message: result.message,
          action:
            result.code === "CONFLICT" ? (
              <button type="button" className="ml-1 font-medium underline" onClick={() => router.refresh()}>
                Reload
              </button>
            ) : undefined,
        });
        return focusError();
      }
      // Saving again continues from the version just written.
      setVersion(result.data.version);
      setStatus({ tone: "success", message: "Care team saved." });
    });
  }

  return (
    <section ref={section} aria-labelledby="care-team-heading" className="rounded-lg border border-slate-200 bg-white p-5">
      <h2 id="care-team-heading" className="text-lg font-semibold">Care team</h2>
      <p className="mb-3 text-sm text-slate-600">Only clinicians on the care team can see this patient&apos;s record and plans.</p>
      <div className="space-y-3">
        <FormStatus status={status} />
        <CareTeamPicker legend={`Clinicians for ${patient.firstName} ${patient.lastName}`} clinicians={options} members={members} onChange={setMembers} error={error} disabled={pending} />
        <button type="button" onClick={save} disabled={pending} className="min-h-11 rounded-md bg-brand-600 px-5 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
          {pending ? "Saving…" : "Save care team"}
        </button>
      </div>
    </section>
  );
}
