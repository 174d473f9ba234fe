import "server-only";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { Prisma } from "@/lib/db/generated/client";
import type { Role } from "@/lib/db/generated/enums";
import type { AccountStatus, TAccountFilters } from "@/lib/validation/accounts";
import type { AccountRow } from "./dto";

export const ACCOUNTS_PAGE_SIZE = 25;

type PersonRow = {
  userId: string | null;
  patientId: string | null;
  name: string;
  email: string | null;
  role: Role;
  status: AccountStatus;
  mustChangePassword: boolean;
  passwordSet: boolean;
  lastLoginAt: Date | null;
};

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The clinic's people an admin manages: every sign-in account, and patients without portal
 * access (who have a record and a care team but no account). Searched by name or email,
 * filtered by role and status, by name. One UNION query so that paging spans both kinds.
 */
export async function listAccounts(
  actor: Actor,
  filters: Partial<TAccountFilters> = {},
): Promise<{ rows: AccountRow[]; total: number; page: number; pageSize: number }> {
  assertCan(actor, "account:manage");
  const page = Math.max(1, filters.page ?? 1);
  const conditions: Prisma.Sql[] = [];
  if (filters.q) {
    const pattern = `%${escapeLike(filters.q)}%`;
    conditions.push(Prisma.sql`(people.name ILIKE ${pattern} OR people.email ILIKE ${pattern})`);
  }
  if (filters.role) conditions.push(Prisma.sql`people.role = ${filters.role}`);
  if (filters.status) conditions.push(Prisma.sql`people.status = ${filters.status}`);
  const where = conditions.length > 0 ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  // Scoped to the clinic in both halves; archived patients are not managed here.
  const people = Prisma.sql`(
    SELECT u.id AS "userId", p.id AS "patientId", u.name, u.email, u.role::text AS role,
           CASE WHEN u.active THEN 'ACTIVE' ELSE 'INACTIVE' END AS status,
           u."mustChangePassword",
           -- Decision 034: an invited account's hash has an "unset-" salt until its owner chooses a password.
           split_part(u."passwordHash", '$', 5) NOT LIKE 'unset-%' AS "passwordSet", u."lastLoginAt"
      FROM "User" u LEFT JOIN "Patient" p ON p."userId" = u.id AND p."clinicId" = u."clinicId"
     WHERE u."clinicId" = ${actor.clinicId}
    UNION ALL
    SELECT NULL, p.id, p."firstName" || ' ' || p."lastName", p.email, 'PATIENT', 'NO_PORTAL', false, true, NULL
      FROM "Patient" p
     WHERE p."clinicId" = ${actor.clinicId} AND p."userId" IS NULL AND p."archivedAt" IS NULL
  ) AS people`;

  const [found, counted] = await Promise.all([
    db().$queryRaw<PersonRow[]>`
      SELECT * FROM ${people} ${where}
       ORDER BY lower(people.name), coalesce(people."userId", people."patientId")
       LIMIT ${ACCOUNTS_PAGE_SIZE} OFFSET ${(page - 1) * ACCOUNTS_PAGE_SIZE}`,
    db().$queryRaw<{ total: bigint }[]>`SELECT count(*) AS total FROM ${people} ${where}`,
  ]);
  const rows = found.map((r) => ({
    href: r.userId ? `/admin/accounts/${r.userId}` : `/admin/accounts/patients/${r.patientId}`,
    userId: r.userId,
    patientId: r.patientId,
    name: r.name,
    email: r.email,
    role: r.role,
    status: r.status,
    mustChangePassword: r.mustChangePassword,
    passwordSet: r.passwordSet,
    lastLoginAt: r.lastLoginAt ? new Date(r.lastLoginAt).toISOString() : null,
  }));
  return { rows, total: Number(counted[0]?.total ?? 0), page, pageSize: ACCOUNTS_PAGE_SIZE };
}
