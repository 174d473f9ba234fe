// Runs before every request (pages, route handlers, server actions, static files, 404s). It is
// convenience and hardening, never the security boundary: getActor() and the domain layer check
// everything again. Three jobs:
//  1. security headers on every response, with a fresh CSP nonce that Next.js puts on its scripts;
//  2. forwarding headers the client may have forged are dropped unless TRUST_PROXY says a reverse
//     proxy sets them (Next.js then records the socket address in X-Forwarded-For);
//  3. the session's `lastActivity` slides forward. If this proxy is skipped the session merely
//     ends sooner, because getActor() enforces the idle and absolute limits itself.
import { NextResponse, type NextRequest } from "next/server";
import { sessionCookie, slideSessionToken } from "@/lib/auth/session-cookie";
import { isHttpsDeployment, trustedProxyHops } from "@/lib/security/deployment";
import { REQUEST_PATH_HEADER, requestPathOf } from "@/lib/auth/return-path";
import { contentSecurityPolicy, createNonce, staticSecurityHeaders } from "@/lib/security/headers";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-real-ip", "forwarded"];

/**
 * Requests that are not a user's activity, or whose session cookie next-auth itself manages. A
 * server action does not slide the session either: a cookie set on an action's response makes
 * Next.js re-render the whole page into it (a second, unasked-for read of the record); the page
 * load before the action and the refresh after it slide it instead.
 */
function slidesSession(request: NextRequest): boolean {
  const { pathname } = request.nextUrl;
  if (pathname.startsWith("/_next/") || pathname.startsWith("/api/auth/")) return false;
  if (request.headers.has("next-action")) return false;
  return !request.headers.has("next-router-prefetch") && request.headers.get("purpose") !== "prefetch";
}

/**
 * Route handlers and static files render no page, so Next.js needs no nonce in their request
 * headers. Rewriting a request's headers is most of this proxy's cost (Next.js carries every
 * header over to the route in extra headers and parses them back): about 1 ms of CPU per request
 * to the plan API under load, where the whole request costs 3–4 ms. Only paths that a route
 * handler answers are listed: any other path, /api/… included, may render the not-found page,
 * whose scripts need the nonce. A new route handler belongs here.
 */
const NO_PAGE = [
  /^\/_next\/static\//,
  /^\/api\/auth\//,
  /^\/api\/v1\/plans\/[^/]+$/,
  /^\/api\/v1\/media\/[^/]+$/,
  // Push notifications (decision 036): the key, the subscriptions and the service worker's script.
  /^\/api\/v1\/push\/(key|subscriptions)$/,
  /^\/sw\.js$/,
  // One-click unsubscribe (decision 035).
  /^\/api\/v1\/unsubscribe\/[^/]+$/,
  // The audit log's CSV export (decision 041).
  /^\/api\/v1\/audit\/export$/,
  // The API's lists, the outcome scores' CSV and the OpenAPI document (decision 048).
  /^\/api\/v1\/(patients|plans|sessions|outcomes|outcomes\/export|openapi\.json)$/,
];

function rendersNoPage(pathname: string): boolean {
  return NO_PAGE.some((pattern) => pattern.test(pathname));
}

export async function proxy(request: NextRequest) {
  const https = isHttpsDeployment();
  const nonce = createNonce();
  const csp = contentSecurityPolicy({ nonce, dev: process.env.NODE_ENV === "development", https });

  const untrustedForwarding = trustedProxyHops() === 0 && FORWARDING_HEADERS.some((name) => request.headers.has(name));
  let response: NextResponse;
  if (rendersNoPage(request.nextUrl.pathname) && !untrustedForwarding) {
    response = NextResponse.next();
  } else {
    const forwarded = new Headers(request.headers);
    if (untrustedForwarding) for (const name of FORWARDING_HEADERS) forwarded.delete(name);
    // Next.js reads the nonce from the request's CSP header while rendering.
    forwarded.set("content-security-policy", csp);
    forwarded.set("x-nonce", nonce);
    // The page asked for, so a layout that sends an anonymous visitor to sign-in can come back to
    // it (decision 042). Always set here: a value the client sent is overwritten.
    forwarded.set(REQUEST_PATH_HEADER, requestPathOf(request.nextUrl));
    response = NextResponse.next({ request: { headers: forwarded } });
  }
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(staticSecurityHeaders({ https }))) response.headers.set(name, value);

  const secret = process.env.NEXTAUTH_SECRET;
  const cookie = sessionCookie(https);
  const token = request.cookies.get(cookie.name)?.value;
  if (token && secret && slidesSession(request)) {
    const slid = await slideSessionToken(token, secret, new Date());
    if (slid) response.cookies.set(cookie.name, slid.value, { ...cookie.options, expires: slid.expires });
  }
  return response;
}

// Uploads (/api/v1/uploads/…) skip this proxy: for a request the proxy sees, Next.js copies the
// body into memory (and cuts it at 10 MB), which a 200 MB streamed upload must not go through.
// Their route wrapper (lib/server/with-upload-route.ts) sets the security headers itself.
export const config = { matcher: ["/((?!api/v1/uploads/).*)"] };
