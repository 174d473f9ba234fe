import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { CatalogCategory, CatalogKind, Setting } from "@/lib/db/generated/enums";
import type { Dose } from "@/lib/domain/plans/dto";

export type AssignableCatalogItem = {
  id: string;
  name: string;
  kind: CatalogKind;
  category: CatalogCategory;
  setting: Setting;
  defaultDose: Dose;
};

// A clinic's catalog is tens of treatments; the cap only guards the form against a runaway list.
const LIMIT = 1000;

/** The ACTIVE treatments an admin may add to a protocol template, by name. */
export async function listAssignableCatalogItems(actor: Actor): Promise<AssignableCatalogItem[]> {
  assertCan(actor, "template:manage");
  const rows = await db().catalogItem.findMany({
    where: { clinicId: actor.clinicId, status: "ACTIVE" },
    orderBy: { name: "asc" },
    take: LIMIT,
    select: {
      id: true,
      name: true,
      kind: true,
      category: true,
      setting: true,
      defaultDurationMin: true,
      defaultSets: true,
      defaultReps: true,
      defaultHoldSec: true,
      defaultTimesPerDay: true,
      defaultDaysPerWeek: true,
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    category: r.category,
    setting: r.setting,
    defaultDose: {
      durationMin: r.defaultDurationMin,
      sets: r.defaultSets,
      reps: r.defaultReps,
      holdSec: r.defaultHoldSec,
      timesPerDay: r.defaultTimesPerDay,
      daysPerWeek: r.defaultDaysPerWeek,
    },
  }));
}
