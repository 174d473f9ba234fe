// Who is asking, as lib/auth/session.ts getActor() decides it: the next-auth session cookie
// decrypted with the app's secret (the same JWE the app reads), the idle/absolute session limits,
// then the user re-checked in the database (active, role, session version, clinic) with the
// statements the app sends for it.
import type { IncomingMessage } from "node:http";
import { decode } from "next-auth/jwt";
import { normalizeIp } from "../../../lib/auth/client-ip";
import { nowInSeconds, sessionEnd } from "../../../lib/auth/session-timing";
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
  const claims = await decode({ token, secret }).catch(() => null);
  if (!claims?.sub) return null;
  if (sessionEnd(claims, nowInSeconds())) return null;

  // The app's getActor(): the user, then (Prisma loads relations one query each) the patient
  // record and the clinic.
  const [user] = await rows<{ id: string; role: Actor["role"]; clinicId: string; name: string; active: boolean; sessionVersion: number; mustChangePassword: boolean }>(
    db(),
    `SELECT "id", "role"::text, "clinicId", "name", "active", "sessionVersion", "mustChangePassword" FROM "User" WHERE "id" = $1 LIMIT 1`,
    [claims.sub],
  );
  if (!user) return null;
  const [patient] = await rows<{ id: string }>(db(), `SELECT "id", "userId" FROM "Patient" WHERE "userId" = $1`, [user.id]);
  const [clinic] = await rows<{ timezone: string }>(db(), `SELECT "id", "timezone" FROM "Clinic" WHERE "id" = $1`, [user.clinicId]);
  if (!user.active || user.sessionVersion !== claims.sv || user.role !== claims.role || user.clinicId !== claims.clinicId) return null;
  return {
    userId: user.id,
    role: user.role,
    clinicId: user.clinicId,
    name: user.name,
    timeZone: clinic!.timezone,
    patientId: patient?.id ?? null,
    mustChangePassword: user.mustChangePassword,
    origin: normalizeIp(request.socket.remoteAddress ?? "") ?? "web",
  };
}
