// When a signed-in session ends, as pure rules over the two times the JWT carries (seconds since
// the epoch): `authTime`, when the password was checked, and `lastActivity`, the last request the
// proxy saw. getActor() refuses a session these rules end; the proxy only ever moves
// `lastActivity` forward for a session they still accept. No "server-only": the proxy uses it.

/** A session ends after 30 minutes without a request… */
export const IDLE_TIMEOUT_SECONDS = 30 * 60;
/** …and 12 hours after sign-in, however active (also the JWT's and the cookie's maxAge). */
export const ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60;
/** Clocks of app instances may disagree a little; a time further ahead than this is refused. */
const CLOCK_SKEW_SECONDS = 60;
/** The proxy rewrites the cookie at most once a minute, not on every request. */
export const ACTIVITY_RESOLUTION_SECONDS = 60;

export type SessionTimes = { authTime?: unknown; lastActivity?: unknown; [claim: string]: unknown };
export type SessionEnd = "missing-times" | "expired" | "idle" | "from-the-future";

export const nowInSeconds = (now: Date = new Date()) => Math.floor(now.getTime() / 1000);

const isTime = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value) && value > 0;

/** Why the session has ended at `now` (seconds), or null while it is still valid. */
export function sessionEnd(times: SessionTimes, now: number): SessionEnd | null {
  const { authTime, lastActivity } = times;
  // A token without the times (issued before they existed, or forged without them) never passes.
  if (!isTime(authTime) || !isTime(lastActivity)) return "missing-times";
  if (authTime > now + CLOCK_SKEW_SECONDS || lastActivity > now + CLOCK_SKEW_SECONDS) return "from-the-future";
  if (now - authTime >= ABSOLUTE_LIFETIME_SECONDS) return "expired";
  if (now - lastActivity >= IDLE_TIMEOUT_SECONDS) return "idle";
  return null;
}

/**
 * The `lastActivity` to write for a request at `now`, or null when the cookie should be left as it
 * is: the session has ended (it is never revived) or it was refreshed less than a minute ago.
 */
export function slidLastActivity(times: SessionTimes, now: number): number | null {
  if (sessionEnd(times, now)) return null;
  if (now - (times.lastActivity as number) < ACTIVITY_RESOLUTION_SECONDS) return null;
  return now;
}

/** Seconds the session may still live however active it is (for the cookie's and JWT's expiry). */
export function remainingLifetime(times: SessionTimes, now: number): number {
  return isTime(times.authTime) ? Math.max(0, times.authTime + ABSOLUTE_LIFETIME_SECONDS - now) : 0;
}
