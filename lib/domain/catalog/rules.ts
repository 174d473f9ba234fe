import type { CatalogStatus } from "@/lib/db/generated/enums";

// DRAFT → ACTIVE → RETIRED, and a retired item may be reinstated (ACTIVE) by an admin.
const TRANSITIONS: Record<CatalogStatus, CatalogStatus[]> = {
  DRAFT: ["ACTIVE"],
  ACTIVE: ["RETIRED"],
  RETIRED: ["ACTIVE"],
};

export function canChangeCatalogStatus(from: CatalogStatus, to: CatalogStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function nextCatalogStatuses(from: CatalogStatus): CatalogStatus[] {
  return TRANSITIONS[from];
}
