// The session cookie: its name and attributes (shared by next-auth's options and the proxy) and the
// sliding of its `lastActivity` claim. No "server-only": proxy.ts uses it.
import { encode } from "next-auth/jwt";
import { remainingLifetime, slidLastActivity } from "./session-timing";
import { decodeSessionToken } from "./session-token";

/**
 * HttpOnly (no script reads it), SameSite=Lax (not sent on cross-site subrequests or POSTs) and,
 * over HTTPS, Secure with the `__Secure-` prefix, as next-auth does by default; written out so
 * the proxy rewrites exactly the cookie next-auth set.
 */
export function sessionCookie(https: boolean) {
  return {
    name: `${https ? "__Secure-" : ""}next-auth.session-token`,
    options: { httpOnly: true, sameSite: "lax" as const, path: "/", secure: https },
  };
}

export type SlidCookie = { value: string; expires: Date };

/**
 * The session cookie re-encoded with `lastActivity` moved to `now`, or null when it must be left
 * alone: undecodable, ended (idle or past 12 hours: never revived) or refreshed under a minute ago.
 * Its expiry stays at sign-in + 12 hours however often it slides.
 */
export async function slideSessionToken(token: string, secret: string, now: Date): Promise<SlidCookie | null> {
  const seconds = Math.floor(now.getTime() / 1000);
  const claims = await decodeSessionToken(token, secret, seconds);
  if (!claims) return null;
  const lastActivity = slidLastActivity(claims, seconds);
  if (lastActivity === null) return null;
  const maxAge = remainingLifetime(claims, seconds);
  if (maxAge <= 0) return null;
  // encode() sets iat, exp and jti afresh; the rest of the claims are carried over unchanged.
  const next: Record<string, unknown> = { ...claims, lastActivity };
  for (const claim of ["iat", "exp", "jti"]) delete next[claim];
  const value = await encode({ token: next, secret, maxAge });
  return { value, expires: new Date((seconds + maxAge) * 1000) };
}
