import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { patientScopeSql } from "@/lib/auth/scope";
import { refusedRecord } from "@/lib/audit/refused-access";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import { utcTimestamp } from "@/lib/db/sql";
import type { Permission } from "@/lib/auth/permissions";
import { decodeCursor, encodeCursor, type CursorList } from "@/lib/validation/cursor";
import type { TListPage } from "@/lib/validation/api-v1";

/**
 * Keyset pagination for the /api/v1 lists (decision 048): rows ordered by (sort column, id)
 * ascending; a page is the rows after the cursor's pair, one more than the limit fetched to know
 * whether another page follows. A row inserted while a client pages appears on a later page or not
 * at all (when it sorts before the cursor), never twice, and no row already there is skipped.
 */
export function afterCursor(list: CursorList, cursorText: string | undefined, sortColumn: Prisma.Sql, idColumn: Prisma.Sql): Prisma.Sql {
  if (!cursorText) return Prisma.empty;
  // The query schema refused a cursor that does not decode; this is the same check, kept local.
  const cursor = decodeCursor(list, cursorText);
  if (!cursor) throw new Error("Unchecked cursor");
  return Prisma.sql`AND (${sortColumn}, ${idColumn}) > (${utcTimestamp(new Date(cursor.sortKey))}, ${cursor.id})`;
}

/** The page out of `limit + 1` rows: its rows, the cursor after its last row and the next page's link. */
export function toPage<R extends { id: string }, T>(
  list: CursorList,
  rows: R[],
  options: { limit: number; sortKey: (row: R) => Date; toItem: (row: R) => T; query: Record<string, string | number | undefined> },
): TListPage<T> {
  const more = rows.length > options.limit;
  const shown = more ? rows.slice(0, options.limit) : rows;
  const last = shown.at(-1);
  const nextCursor = more && last ? encodeCursor(list, { sortKey: options.sortKey(last).toISOString(), id: last.id }) : null;
  let next: string | null = null;
  if (nextCursor) {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(options.query)) if (key !== "cursor" && value !== undefined) params.set(key, String(value));
    params.set("cursor", nextCursor);
    next = `/api/v1/${list}?${params.toString()}`;
  }
  return { data: shown.map(options.toItem), nextCursor, links: { next } };
}

/**
 * A list filtered to one patient that came back empty on its first page: NOT_FOUND (audited as a
 * refused access) when the actor may not see that patient, as a read of their record would
 * answer; an empty list when they may. One statement, only in that case.
 */
export async function assertPatientVisible(actor: Actor, permission: Permission, patientId: string): Promise<void> {
  const scope = patientScopeSql(actor, permission, "p");
  const found = await db().$queryRaw<{ id: string }[]>`SELECT p."id" FROM "Patient" p WHERE p."id" = ${patientId} AND ${scope}`;
  if (found.length === 0) throw await refusedRecord(actor, { entityType: "Patient", entityId: patientId, what: "Patient" });
}
