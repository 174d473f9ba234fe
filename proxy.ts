// Runs before every request. It is convenience and hardening, never the security boundary:
// getActor() and the domain layer check everything again. Two jobs:
//  1. forwarding headers the client may have forged are dropped unless TRUST_PROXY says a reverse
//     proxy sets them (Next.js then records the socket address in X-Forwarded-For);
//  2. the session's `lastActivity` slides forward. If this proxy is skipped the session merely
//     ends sooner, because getActor() enforces the idle and absolute limits itself.
import { NextResponse, type NextRequest } from "next/server";
import { sessionCookie, slideSessionToken } from "@/lib/auth/session-cookie";
import { isHttpsDeployment, trustedProxyHops } from "@/lib/security/deployment";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-real-ip", "forwarded"];

/** Requests that are not a user's activity, or whose session cookie next-auth itself manages. */
function slidesSession(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/_next/") || pathname.startsWith("/api/auth/")) return false;
  return !request.headers.has("next-router-prefetch") && request.headers.get("purpose") !== "prefetch";
}

export async function proxy(request: NextRequest) {
  const forwarded = new Headers(request.headers);
  if (trustedProxyHops() === 0) for (const name of FORWARDING_HEADERS) forwarded.delete(name);
  const response = NextResponse.next({ request: { headers: forwarded } });

  const secret = process.env.NEXTAUTH_SECRET;
  const cookie = sessionCookie(isHttpsDeployment());
  const token = request.cookies.get(cookie.name)?.value;
  if (token && secret && slidesSession(request)) {
    const slid = await slideSessionToken(token, secret, new Date());
    if (slid) response.cookies.set(cookie.name, slid.value, { ...cookie.options, expires: slid.expires });
  }
  return response;
}
