import "server-only";
import { cookies, headers } from "next/headers";
import { cache } from "react";
import { db } from "@/lib/db";
import { queryFirst } from "@/lib/db/run";
import type { RowOf } from "@/lib/db/statements/define";
import { actorBySession } from "@/lib/db/statements/session";
import { unauthenticated } from "@/lib/errors";
import { isHttpsDeployment } from "@/lib/security/deployment";
import { BearerTokenError } from "./api-client-auth";
import { bearerCredential } from "./api-token";
import { PasswordChangeRequiredError, SecondFactorRequiredError, secondFactorPending, type SecondFactorState, type SessionActor } from "./actor";
import { clientIp } from "./client-ip";
import { sessionCookie } from "./session-cookie";
import { decodeSessionToken } from "./session-token";
import { nowInSeconds, sessionEnd } from "./session-timing";

type ActorRow = RowOf<typeof actorBySession>;

type SessionClaims = { userId?: string; role?: string; clinicId?: string; sv?: number; sid?: string; authTime?: unknown; lastActivity?: unknown };

/**
 * The claims of this request's session cookie (lib/auth/options.ts puts them there), or null when
 * there is no cookie or it does not decrypt with NEXTAUTH_SECRET or has expired. The cookie is
 * read and decrypted directly, as proxy.ts does: next-auth's getServerSession() would run its
 * whole session endpoint for this, including re-encrypting a fresh token that a server component
 * cannot even send back (twice the key derivation and encryption work of every request). A
 * cookie seen before is not decrypted again (lib/auth/session-token.ts).
 */
async function sessionClaims(): Promise<SessionClaims | null> {
  const secret = process.env.NEXTAUTH_SECRET;
  const token = (await cookies()).get(sessionCookie(isHttpsDeployment()).name)?.value;
  if (!secret || !token) return null;
  const claims = await decodeSessionToken(token, secret);
  if (!claims) return null;
  return {
    userId: claims.sub,
    role: claims.role as string | undefined,
    clinicId: claims.clinicId as string | undefined,
    sv: claims.sv as number | undefined,
    sid: typeof claims.sid === "string" ? claims.sid : undefined,
    authTime: claims.authTime,
    lastActivity: claims.lastActivity,
  };
}

/**
 * The signed-in user of this request, re-validated against the database: a session idle for 30
 * minutes or older than 12 hours, a deactivated account, a changed role or a bumped session
 * version ends the session here (whatever the proxy did or did not do).
 */
/**
 * Staff always need a second step (AAL2); a patient only once they have added a passkey (ADR 022).
 * "enrol": staff without any factor, who must set one up before anything else.
 */
function secondFactorState(user: Pick<ActorRow, "role" | "secondFactorDone" | "hasSecondFactor">): SecondFactorState {
  if (user.secondFactorDone) return "done";
  if (user.hasSecondFactor) return "pending";
  return user.role === "PATIENT" ? "done" : "enrol";
}

export const getActor = cache(async (): Promise<SessionActor | null> => {
  // A request with an API client's bearer token is never a session's, whatever cookie it carries
  // (ADR 047): only routes declaring `api` (lib/server/with-route.ts) take it, as the client.
  if (await hasBearerCredential()) return null;
  const session = await sessionClaims();
  if (!session?.userId || !session.sid) return null;
  if (sessionEnd(session, nowInSeconds())) return null;
  // One statement for the user, their open session row, their clinic's time zone and their patient
  // record (lib/db/statements/session.ts): this runs on every request, and Prisma's findUnique with
  // two relations sent three queries and cost ~4× the CPU of this raw one (query compilation per call).
  const user = await queryFirst(db(), actorBySession({ userId: session.userId, sessionId: session.sid, now: new Date() }));
  if (!user || !user.active || user.sessionVersion !== session.sv || user.role !== session.role) return null;
  if (user.clinicId !== session.clinicId) return null;
  const h = await headers();
  return {
    userId: user.id,
    role: user.role,
    clinicId: user.clinicId,
    name: user.name,
    timeZone: user.timeZone,
    patientId: user.patientId,
    mustChangePassword: user.mustChangePassword,
    secondFactor: secondFactorState(user),
    sessionId: session.sid,
    origin: clientIp(h) ?? "web",
  };
});

export type RequireActorOptions = { allowPendingPasswordChange?: boolean; allowPendingSecondFactor?: boolean };

/**
 * The signed-in actor, or UNAUTHENTICATED. A session that has not passed its second step is
 * refused (403 "Complete the second sign-in step first") unless the caller is that step itself;
 * then an actor who still has to replace an initial password is refused (403 "Change your
 * password first") unless the caller is the password change itself.
 */
export async function requireActor(options: RequireActorOptions = {}): Promise<SessionActor> {
  const actor = await getActor();
  if (!actor) throw (await hasBearerCredential()) ? new BearerTokenError("invalid_token") : unauthenticated();
  if (secondFactorPending(actor) && !options.allowPendingSecondFactor) throw new SecondFactorRequiredError();
  if (actor.mustChangePassword && !options.allowPendingPasswordChange) throw new PasswordChangeRequiredError();
  return actor;
}

async function hasBearerCredential(): Promise<boolean> {
  return bearerCredential((await headers()).get("authorization")) !== undefined;
}
