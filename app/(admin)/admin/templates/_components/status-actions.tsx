"use client";

import { useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { label } from "@/app/_components/format";
import type { CatalogStatus } from "@/lib/enums";
import { nextTemplateStatuses } from "@/lib/domain/templates/rules";
import { changeTemplateStatusAction } from "../actions";

type Props = {
  template: { id: string; name: string; status: CatalogStatus };
  /** The version the edit form holds, so a status change and an edit never overwrite each other. */
  version: number;
  disabled?: boolean;
  onChanged: (next: { version: number; status: CatalogStatus }) => void;
  onError: (error: { message: string; conflict: boolean }) => void;
};

/** Retire or reinstate a template, each after a confirmation. */
export function TemplateStatusActions({ template, version, disabled, onChanged, onError }: Props) {
  const [pending, startTransition] = useTransition();
  const change = (to: "ACTIVE" | "RETIRED") =>
    startTransition(async () => {
      const result = await changeTemplateStatusAction({ id: template.id, version, status: to });
      if (result.ok) onChanged({ version: result.data.version, status: to });
      else onError({ message: result.message, conflict: result.code === "CONFLICT" });
    });

  return (
    <div className="flex flex-wrap items-center justify-between gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <p className="text-sm">
        Status: <span className="font-medium">{label(template.status)}</span>
        <span className="text-slate-600">
          {template.status === "ACTIVE" ? " · clinicians can open this template" : " · hidden from clinicians"}
        </span>
      </p>
      <div className="flex gap-2">
        {nextTemplateStatuses(template.status).map((to) =>
          to === "RETIRED" ? (
            <ConfirmButton
              key={to}
              label="Retire template"
              title={`Retire ${template.name}?`}
              body="Clinicians will no longer see this protocol. Plans already started from it are not changed. You can activate it again later."
              confirmLabel="Retire"
              disabled={disabled || pending}
              onConfirm={() => change("RETIRED")}
            />
          ) : (
            <ConfirmButton
              key={to}
              label="Activate template"
              title={`Activate ${template.name}?`}
              body="Clinicians will see this protocol again, with the treatments that are active in the catalog."
              confirmLabel="Activate"
              tone="default"
              disabled={disabled || pending}
              onConfirm={() => change("ACTIVE")}
            />
          ),
        )}
      </div>
    </div>
  );
}
