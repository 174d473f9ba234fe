import "server-only";
import { Prisma } from "@/lib/db/generated/client";

/**
 * The columns of "PlanActivity" a (aliased `a`) that make an ActivityRow, for reads written in
 * SQL: only what the DTO shows, enums and the flag array as text.
 */
export const ACTIVITY_ROW_COLUMNS = Prisma.sql`a."id", a."nameSnapshot", a."instructionsSnapshot", a."kindSnapshot"::text AS "kindSnapshot",
  a."setting"::text AS "setting", a."phase"::text AS "phase", a."status"::text AS "status", a."durationMin", a."sets", a."reps",
  a."holdSec", a."timesPerDay", a."daysPerWeek", a."overriddenFlags"::text[] AS "overriddenFlags", a."overrideReason",
  a."catalogItemId", a."guidelineOverrideReason", a."guidelineStatementIds", a."guidelineOverriddenAt",
  (SELECT gu."name" FROM "User" gu WHERE gu."id" = a."guidelineOverriddenById") AS "guidelineOverriddenByName"`;
