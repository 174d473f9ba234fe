"use client";

import { useEffect, useRef, useState } from "react";
import { FormStatus } from "@/app/_components/form/form-status";
import type { PlanFlagConflict } from "@/lib/domain/patients/flag-conflicts";
import type { PatientDetails } from "@/lib/domain/patients/get-patient-details";
import { FlagConflictsPanel } from "./flag-conflicts-panel";
import { PatientForm } from "./patient-form";

/**
 * The edit page's form plus what a save leaves behind. The form is keyed by version: a save or a
 * reload after a conflict brings the latest version from the server and the form starts over
 * from it, while the conflicts the save reported stay listed here.
 */
export function PatientEditor({ patient, today }: { patient: PatientDetails; today: string }) {
  const [conflicts, setConflicts] = useState<PlanFlagConflict[] | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (conflicts?.length) panel.current?.querySelector<HTMLElement>("section")?.focus();
  }, [conflicts]);
  return (
    <div className="space-y-5">
      {conflicts && (
        <div ref={panel} className="space-y-3">
          <FormStatus status={{ tone: "success", message: "Saved." }} />
          <FlagConflictsPanel conflicts={conflicts} id="saved-flag-conflicts" />
        </div>
      )}
      <PatientForm
        key={patient.version}
        patient={patient}
        today={today}
        saved={conflicts !== null}
        onSaving={() => setConflicts(null)}
        onSavedWithConflicts={setConflicts}
      />
    </div>
  );
}
