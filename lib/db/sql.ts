import "server-only";
import type { Prisma } from "./generated/client";
import { toPrismaSql } from "./run";
import { utcTimestamp as utcPiece } from "./statements/sql";

/**
 * A Date as a `timestamp(3)` value in UTC, the way Prisma stores DateTime columns, for raw SQL
 * (explicit, so the session's TimeZone setting can never shift it). The hot statements' own
 * piece (lib/db/statements/sql.ts), as a Prisma.Sql.
 */
export const utcTimestamp = (date: Date): Prisma.Sql => toPrismaSql(utcPiece(date));
