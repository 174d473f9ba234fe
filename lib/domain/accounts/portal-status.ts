// Whether a patient can use the patient app (decision 034), from the row of
// lib/db/statements/patients.ts portalAccess: pure, so get-portal-access.ts and the benchmark's
// ceiling (scripts/bench/ceiling/overview.ts) decide alike (decision 054). No "server-only".
import { isPasswordSet } from "@/lib/auth/password";
import type { RowOf } from "@/lib/db/statements/define";
import type { portalAccess } from "@/lib/db/statements/patients";
import type { PortalAccessStatus } from "./dto";

export function portalStatusFromRow(row: RowOf<typeof portalAccess>, now: Date): PortalAccessStatus {
  if (!row.userId || row.email === null || row.passwordHash === null) return { state: "none" };
  if (!row.active) return { state: "deactivated", email: row.email };
  if (isPasswordSet(row.passwordHash)) return { state: "active", email: row.email };
  if (!row.invitedAt || !row.expiresAt) return { state: "none" };
  const dates = { email: row.email, invitedAt: row.invitedAt.toISOString(), expiresAt: row.expiresAt.toISOString() };
  return row.expiresAt.getTime() > now.getTime() && !row.revokedAt && !row.usedAt ? { state: "invited", ...dates } : { state: "invitation-expired", ...dates };
}
