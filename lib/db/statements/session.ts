// The session check every signed-in request makes (lib/auth/session.ts getActor()).
import type { Role } from "../generated/enums";
import { defineQuery } from "./define";
import { sql, utcTimestamp } from "./sql";

/**
 * One statement for the user, their open session row, their clinic's time zone and their patient
 * record: a session row that has ended (sign-out, "sign out everywhere", an admin ending it)
 * matches nothing. The row also says whether this sign-in passed its second step; only until it
 * has are the account's factors looked up (ADR 022).
 */
export const actorBySession = defineQuery<
  {
    id: string;
    role: Role;
    clinicId: string;
    name: string;
    active: boolean;
    sessionVersion: number;
    mustChangePassword: boolean;
    timeZone: string;
    patientId: string | null;
    secondFactorDone: boolean;
    hasSecondFactor: boolean;
  },
  { userId: string; sessionId: string; now: Date }
>(
  "session check",
  ({ userId, sessionId, now }) => sql`
    SELECT u.id, u.role::text AS role, u."clinicId", u.name, u.active, u."sessionVersion", u."mustChangePassword",
           c.timezone AS "timeZone", p.id AS "patientId",
           (s."secondFactorAt" IS NOT NULL) AS "secondFactorDone",
           CASE WHEN s."secondFactorAt" IS NOT NULL THEN true
                ELSE EXISTS (SELECT 1 FROM "TotpFactor" t WHERE t."userId" = u.id AND t."confirmedAt" IS NOT NULL)
                  OR EXISTS (SELECT 1 FROM "PasskeyCredential" k WHERE k."userId" = u.id) END AS "hasSecondFactor"
      FROM "User" u
      JOIN "UserSession" s ON s.id = ${sessionId} AND s."userId" = u.id AND s."endedAt" IS NULL AND s."expiresAt" > ${utcTimestamp(now)}
      JOIN "Clinic" c ON c.id = u."clinicId"
      LEFT JOIN "Patient" p ON p."userId" = u.id
     WHERE u.id = ${userId}`,
);
