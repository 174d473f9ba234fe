// Who is asking, as lib/auth/session.ts getActor() and requireActor() decide it: the next-auth
// session cookie decrypted with the app's secret (the same JWE the app reads, once per distinct
// cookie), the idle/absolute session limits, then the app's statement re-checking the user in the
// database (active, role, session version, clinic, the open session row, the second step).
import type { IncomingMessage } from "node:http";
import { normalizeIp } from "../../../lib/auth/client-ip";
import { nowInSeconds, sessionEnd } from "../../../lib/auth/session-timing";
import { decodeSessionToken } from "../../../lib/auth/session-token";
import { actorBySession } from "../../../lib/db/statements/session";
import { db, first } from "./db";

export type Actor = {
  userId: string;
  role: "ADMIN" | "CLINICIAN" | "PATIENT";
  clinicId: string;
  name: string;
  timeZone: string;
  patientId: string | null;
  mustChangePassword: boolean;
  /** Staff always pass a second step; a patient once they have a passkey (ADR 022). */
  secondFactorPending: boolean;
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
  if (typeof claims.sid !== "string" || !claims.sid) return null;
  const user = await first(db(), actorBySession({ userId: claims.sub, sessionId: claims.sid, now: new Date() }));
  if (!user || !user.active || user.sessionVersion !== claims.sv || user.role !== claims.role || user.clinicId !== claims.clinicId) return null;
  return {
    userId: user.id,
    role: user.role,
    clinicId: user.clinicId,
    name: user.name,
    timeZone: user.timeZone,
    patientId: user.patientId,
    mustChangePassword: user.mustChangePassword,
    secondFactorPending: !user.secondFactorDone && (user.hasSecondFactor || user.role !== "PATIENT"),
    origin: normalizeIp(request.socket.remoteAddress ?? "") ?? "web",
  };
}
