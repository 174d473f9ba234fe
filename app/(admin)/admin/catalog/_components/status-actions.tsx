"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { ConfirmButton } from "@/app/_components/form/confirm-button";
import { FormStatus } from "@/app/_components/form/form-status";
import type { CatalogStatus } from "@/lib/enums";
import { nextCatalogStatuses } from "@/lib/domain/catalog/rules";
import { changeCatalogItemStatusAction, deleteCatalogItemAction } from "../actions";

type Item = { id: string; name: string; status: CatalogStatus; version: number; inUse: boolean };

/** What uses the item, as shown before retiring it (see lib/domain/catalog/usage.ts). */
export type RetireUsage = {
  templates: { id: string; name: string; status: CatalogStatus }[];
  activePlans: { total: number; byClinician: { clinicianName: string; plans: number }[] };
  fingerprint: string;
};

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

function UsageList({ usage }: { usage: RetireUsage }) {
  return (
    <div className="mt-3 space-y-3 text-sm text-slate-700" data-testid="retire-usage">
      <section aria-labelledby="retire-usage-protocols">
        <h3 id="retire-usage-protocols" className="font-medium text-slate-900">
          Protocols: {usage.templates.length === 0 ? "none" : plural(usage.templates.length, "protocol uses it", "protocols use it")}
        </h3>
        {usage.templates.length > 0 && (
          <>
            <p>They keep it, marked retired; clinicians starting a plan from them no longer get it.</p>
            <ul className="mt-1 list-disc pl-5">
              {usage.templates.map((t) => (
                <li key={t.id}>
                  <a href={`/admin/templates/${t.id}`} className="text-brand-700 underline">
                    {t.name}
                  </a>
                  {t.status !== "ACTIVE" && <span> ({t.status === "RETIRED" ? "retired protocol" : "draft protocol"})</span>}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      <section aria-labelledby="retire-usage-plans">
        <h3 id="retire-usage-plans" className="font-medium text-slate-900">
          Active plans: {usage.activePlans.total === 0 ? "none" : plural(usage.activePlans.total, "plan uses it", "plans use it")}
        </h3>
        {usage.activePlans.total > 0 && (
          <>
            <p>They keep it: patients go on doing it until their clinician changes the plan.</p>
            <ul className="mt-1 list-disc pl-5">
              {usage.activePlans.byClinician.map((c) => (
                <li key={c.clinicianName}>
                  {c.clinicianName}: {plural(c.plans, "plan", "plans")}
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}

const VERB: Record<CatalogStatus, string> = { ACTIVE: "Activate", RETIRED: "Retire", DRAFT: "Back to draft" };

export function CatalogItemStatusActions({ item, usage }: { item: Item; usage: RetireUsage | null }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [status, setStatus] = useState<{ tone: "error" | "success"; message: string } | null>(null);

  const change = (to: CatalogStatus) =>
    startTransition(async () => {
      const result = await changeCatalogItemStatusAction({ id: item.id, version: item.version, status: to, ...(to === "RETIRED" && usage ? { usage: usage.fingerprint } : {}) });
      if (!result.ok) {
        setStatus({ tone: "error", message: result.message });
        // The usage changed since the page was loaded: fetch the new list for the next confirmation.
        if (result.code === "CONFLICT" && to === "RETIRED") router.refresh();
      } else router.refresh();
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
              body="Clinicians will no longer be able to add it to plans. You can reinstate it later."
              confirmLabel="Retire"
              disabled={pending || !usage}
              onConfirm={() => change(to)}
            >
              {usage && <UsageList usage={usage} />}
            </ConfirmButton>
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
