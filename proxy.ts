// Runs before every request. It is convenience and hardening, never the security boundary:
// getActor() and the domain layer check everything again. Forwarding headers the client may have
// forged are dropped unless TRUST_PROXY says a reverse proxy sets them; Next.js then records the
// socket address in X-Forwarded-For, which the per-address sign-in limit counts.
import { NextResponse, type NextRequest } from "next/server";
import { trustedProxyHops } from "@/lib/security/deployment";

const FORWARDING_HEADERS = ["x-forwarded-for", "x-forwarded-host", "x-forwarded-port", "x-forwarded-proto", "x-real-ip", "forwarded"];

export function proxy(request: NextRequest) {
  if (trustedProxyHops() > 0) return NextResponse.next();
  const forwarded = new Headers(request.headers);
  for (const name of FORWARDING_HEADERS) forwarded.delete(name);
  return NextResponse.next({ request: { headers: forwarded } });
}
