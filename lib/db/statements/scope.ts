// lib/auth/scope.ts patientScope as an SQL condition, for the hot reads written in SQL (and the
// ceiling, which sends the same text).
import { raw, sql, type Sql } from "./sql";

/** How far a grant reaches (lib/auth/permissions.ts): the whole clinic, the care team, or one's own record. */
export type ScopeKind = "clinic" | "care-team" | "own";
export type ScopeActor = { clinicId: string; userId: string; patientId: string | null };

/**
 * The condition on the "Patient" row aliased `alias` (a constant of the caller's query, never
 * input): the actor's clinic, not archived, then the care team or the actor's own record.
 */
export function patientScopeCondition(scope: ScopeKind, actor: ScopeActor, alias: string): Sql {
  const p = raw(`"${alias}"`);
  const base = sql`${p}."clinicId" = ${actor.clinicId} AND ${p}."archivedAt" IS NULL`;
  switch (scope) {
    case "clinic":
      return base;
    case "care-team":
      return sql`${base} AND EXISTS (SELECT 1 FROM "CareTeamMember" ct WHERE ct."patientId" = ${p}."id" AND ct."clinicianId" = ${actor.userId})`;
    case "own":
      // Without a patient record (never for a patient) `= NULL` matches nothing.
      return sql`${base} AND ${p}."id" = ${actor.patientId}`;
  }
}
