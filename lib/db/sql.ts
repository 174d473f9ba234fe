import "server-only";
import { Prisma } from "./generated/client";

/**
 * A Date as a `timestamp(3)` value in UTC, the way Prisma stores DateTime columns, for raw SQL
 * (explicit, so the session's TimeZone setting can never shift it).
 */
export const utcTimestamp = (date: Date) => Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
