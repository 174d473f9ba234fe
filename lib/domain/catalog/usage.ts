import "server-only";
import { createHash } from "node:crypto";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db, type Tx } from "@/lib/db";
import type { CatalogStatus } from "@/lib/db/generated/enums";
import { notFound } from "@/lib/errors";
import { ZId } from "@/lib/validation/common";

/**
 * Where a catalog treatment is used, as an admin is shown it before retiring it (decision 040).
 * Protocols are named and linked (they are clinic records an admin manages). Active plans are a
 * patient's clinical record, which an admin may not read: they are counted per responsible
 * clinician (staff names only), never named, so the admin knows whom to tell.
 */
export type CatalogItemUsage = {
  templates: { id: string; name: string; status: CatalogStatus }[];
  activePlans: { total: number; byClinician: { clinicianName: string; plans: number }[] };
  /** Changes whenever a protocol or an active plan starts or stops using the treatment. */
  fingerprint: string;
};

/** The usage of treatment `id` in `clinicId`, read inside the caller's transaction (or not). */
export async function loadCatalogItemUsage(tx: Tx, clinicId: string, id: string): Promise<CatalogItemUsage> {
  const [templates, plans] = await Promise.all([
    tx.planTemplate.findMany({
      where: { clinicId, items: { some: { catalogItemId: id, clinicId } } },
      select: { id: true, name: true, status: true },
      orderBy: { name: "asc" },
    }),
    // A plan still running (active or on hold) whose activity with this treatment is not stopped.
    tx.treatmentPlan.findMany({
      where: { clinicId, status: { in: ["ACTIVE", "ON_HOLD"] }, activities: { some: { catalogItemId: id, clinicId, status: { not: "STOPPED" } } } },
      select: { id: true, clinician: { select: { name: true } } },
      orderBy: { id: "asc" },
    }),
  ]);
  const counts = new Map<string, number>();
  for (const p of plans) counts.set(p.clinician.name, (counts.get(p.clinician.name) ?? 0) + 1);
  const keys = [...templates.map((t) => `t:${t.id}`), ...plans.map((p) => `p:${p.id}`)].sort();
  return {
    templates,
    activePlans: {
      total: plans.length,
      byClinician: [...counts].map(([clinicianName, n]) => ({ clinicianName, plans: n })).sort((a, b) => a.clinicianName.localeCompare(b.clinicianName)),
    },
    fingerprint: createHash("sha256").update(keys.join("\n")).digest("base64url").slice(0, 32),
  };
}

/** The usage shown in the retire dialog: admins only; another clinic's treatment is NOT_FOUND. */
export async function getCatalogItemUsage(actor: Actor, id: string): Promise<CatalogItemUsage> {
  assertCan(actor, "catalog:manage");
  if (!ZId.safeParse(id).success) throw notFound("Catalog item");
  const item = await db().catalogItem.findFirst({ where: { id, clinicId: actor.clinicId }, select: { id: true } });
  if (!item) throw notFound("Catalog item");
  return loadCatalogItemUsage(db(), actor.clinicId, id);
}
