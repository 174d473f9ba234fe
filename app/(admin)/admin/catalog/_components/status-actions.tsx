"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { FormStatus } from "@/app/_components/form/form-status";
import type { CatalogStatus } from "@/lib/enums";
import { nextCatalogStatuses } from "@/lib/domain/catalog/rules";
import { changeCatalogItemStatusAction, deleteCatalogItemAction } from "../actions";

type Item = { id: string; name: string; status: CatalogStatus; version: number; inUse: boolean };

const VERB: Record<CatalogStatus, string> = { ACTIVE: "Activate", RETIRED: "Retire", DRAFT: "Back to draft" };

export function CatalogItemStatusActions({ item }: { item: Item }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);

  const change = (to: CatalogStatus) =>
    startTransition(async () => {
      const result = await changeCatalogItemStatusAction({ id: item.id, version: item.version, status: to });
      if (!result.ok) setStatus({ tone: "error", message: result.message });
      else router.refresh();
    });

  const remove = () =>
    startTransition(async () => {
      const result = await deleteCatalogItemAction({ id: item.id, version: item.version, confirm: true });
      if (!result.ok) setStatus({ tone: "error", message: result.message });
      else router.push("/admin/catalog");
    });

  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex flex-wrap gap-2">
        {nextCatalogStatuses(item.status).map((to) =>
          to === "RETIRED" ? (
            <ConfirmButton
              key={to}
              label="Retire"
              title={`Retire ${item.name}?`}
              body="Clinicians will no longer be able to add it to plans. Plans that already use it keep it. You can reinstate it later."
              confirmLabel="Retire"
              disabled={pending}
              onConfirm={() => change(to)}
            />
          ) : (
            <button
              key={to}
              type="button"
              disabled={pending}
              onClick={() => change(to)}
              className="min-h-11 rounded-md bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50"
            >
              {item.status === "RETIRED" ? "Reinstate" : VERB[to]}
            </button>
          ),
        )}
        {item.status === "DRAFT" && !item.inUse && (
          <ConfirmButton
            label="Delete draft"
            title={`Delete ${item.name}?`}
            body="The draft is removed for good. This cannot be undone."
            confirmLabel="Delete"
            disabled={pending}
            onConfirm={remove}
          />
        )}
      </div>
      <FormStatus status={status} />
    </div>
  );
}
