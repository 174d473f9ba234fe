// Where to send a browser after it signs in. Pure (no server-only): the sign-in page and its form
// both use it.
//
// A prefix check ("starts with / but not //") is not enough: browsers drop tab, CR and LF from a
// URL and read a backslash as a slash, so "/\t/evil.example", "/\n/evil.example" and "/\\evil.example"
// all leave the site. The return path is therefore resolved the way a browser resolves it,
// against our own origin, and kept only when the origin it lands on is still ours.

/** A placeholder origin: only the comparison matters, and it never reaches the client. */
const OWN_ORIGIN = "https://riverside.invalid";

/**
 * The same-origin path (path + query + hash) that `value` resolves to, or null when it is absent,
 * absolute, protocol-relative after the browser's clean-up, not a path at all, or too long to be a
 * bookmark of ours.
 */
export function safeReturnPath(value: string | string[] | undefined | null): string | null {
  const raw = Array.isArray(value) ? value[0] : value;
  if (!raw || raw.length > 2048 || !raw.startsWith("/")) return null;
  let resolved: URL;
  try {
    resolved = new URL(raw, OWN_ORIGIN);
  } catch {
    return null;
  }
  if (resolved.origin !== OWN_ORIGIN) return null;
  const path = `${resolved.pathname}${resolved.search}${resolved.hash}`;
  // Sign-in itself and next-auth's endpoints are never a destination.
  if (resolved.pathname === "/sign-in" || resolved.pathname.startsWith("/api/")) return null;
  // What the URL parser hands back is normalised; one more parse must give the same path, or the
  // browser would read it differently from us.
  return new URL(path, OWN_ORIGIN).origin === OWN_ORIGIN && path.startsWith("/") && !path.startsWith("//") ? path : null;
}

/** The areas each role may open (DESIGN, roles table): its own area and its account pages. */
const AREAS_BY_ROLE: Record<"ADMIN" | "CLINICIAN" | "PATIENT", readonly string[]> = {
  ADMIN: ["/admin", "/account"],
  CLINICIAN: ["/clinic", "/account"],
  PATIENT: ["/my", "/account"],
};

/**
 * Where a signed-in `role` goes after sign-in: the same-origin path `value` names when it lies in an
 * area the role may open (a patient's bookmark of a clinic page would only answer 403), else null
 * (the caller sends the role home).
 */
export function returnPathFor(role: "ADMIN" | "CLINICIAN" | "PATIENT", value: string | string[] | undefined | null): string | null {
  const path = safeReturnPath(value);
  if (!path) return null;
  const pathname = new URL(path, OWN_ORIGIN).pathname;
  return AREAS_BY_ROLE[role].some((area) => pathname === area || pathname.startsWith(`${area}/`)) ? path : null;
}

/** The request header proxy.ts sets to the path (and query) a page was asked for. */
export const REQUEST_PATH_HEADER = "x-riverside-request-path";

/** The path and query of a request, without Next.js's own `_rsc` cache-busting parameter. */
export function requestPathOf(url: URL): string {
  const params = new URLSearchParams(url.search);
  params.delete("_rsc");
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ""}`;
}
