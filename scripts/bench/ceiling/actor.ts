// Who is asking, as lib/auth/session.ts getActor() decides it: the next-auth session cookie
// decrypted with the app's secret (the same JWE the app reads, once per distinct cookie), the idle/absolute session limits,
// then the user re-checked in the database (active, role, session version, clinic) with the
// statements the app sends for it.
import type { IncomingMessage } from "node:http";
import { normalizeIp } from "../../../lib/auth/client-ip";
import { nowInSeconds, sessionEnd } from "../../../lib/auth/session-timing";
import { decodeSessionToken } from "../../../lib/auth/session-token";
import { db, rows } from "./db";

export type Actor = {
  userId: string;
  role: "ADMIN" | "CLINICIAN" | "PATIENT";
  clinicId: string;
  name: string;
  timeZone: string;
  patientId: string | null;
  mustChangePassword: boolean;
  origin: string;
};

const COOKIE = "next-auth.session-token";

function sessionToken(request: IncomingMessage): string | null {
  for (const part of (request.headers.cookie ?? "").split(";")) {
    const [name, ...value] = part.trim().split("=");
    if (name === COOKIE) return value.join("=");
  }
  return null;
}

export async function actorOf(request: IncomingMessage): Promise<Actor | null> {
  const token = sessionToken(request);
  const secret = process.env.NEXTAUTH_SECRET;
  if (!token || !secret) return null;
  // The app's decryption, kept per cookie as the app keeps it (lib/auth/session-token.ts).
  const claims = await decodeSessionToken(token, secret);
  if (!claims?.sub) return null;
  if (sessionEnd(claims, nowInSeconds())) return null;

  // The app's getActor(): one statement for the user, the open session row, the clinic's time zone
  // and the patient record.
  if (typeof claims.sid !== "string" || !claims.sid) return null;
  const [user] = await rows<{
    id: string;
    role: Actor["role"];
    clinicId: string;
    name: string;
    active: boolean;
    sessionVersion: number;
    mustChangePassword: boolean;
    timeZone: string;
    patientId: string | null;
  }>(
    db(),
    `SELECT u.id, u.role::text AS role, u."clinicId", u.name, u.active, u."sessionVersion", u."mustChangePassword", c.timezone AS "timeZone", p.id AS "patientId"
       FROM "User" u
       JOIN "UserSession" s ON s.id = $2 AND s."userId" = u.id AND s."endedAt" IS NULL AND s."expiresAt" > ($3::timestamptz AT TIME ZONE 'UTC')
       JOIN "Clinic" c ON c.id = u."clinicId" LEFT JOIN "Patient" p ON p."userId" = u.id
      WHERE u.id = $1`,
    [claims.sub, claims.sid, new Date().toISOString()],
  );
  if (!user || !user.active || user.sessionVersion !== claims.sv || user.role !== claims.role || user.clinicId !== claims.clinicId) return null;
  return {
    userId: user.id,
    role: user.role,
    clinicId: user.clinicId,
    name: user.name,
    timeZone: user.timeZone,
    patientId: user.patientId,
    mustChangePassword: user.mustChangePassword,
    origin: normalizeIp(request.socket.remoteAddress ?? "") ?? "web",
  };
}
