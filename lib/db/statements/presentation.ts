// How timestamp(3) and date columns come back, as Prisma presents them (its adapter for pg):
// timestamp(3) columns hold UTC wall-clock times, dates are UTC midnight. Shared by the app's
// runner (lib/db/run.ts) and the benchmark's ceiling (scripts/bench/ceiling/db.ts), which must
// read rows alike (decisions 054, 055). No "server-only" and no Prisma import: the ceiling
// imports it.

/** PostgreSQL's type OIDs of the columns concerned. */
export const TIMESTAMP_OID = 1114;
export const DATE_OID = 1082;

export const parseUtcTimestamp = (value: string): Date => new Date(`${value.replace(" ", "T")}Z`);
export const parseUtcDate = (value: string): Date => new Date(`${value}T00:00:00.000Z`);
