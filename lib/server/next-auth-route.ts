import "server-only";
import { cookies } from "next/headers";
import { isStorableText } from "@/lib/validation/fields";

/**
 * Wraps next-auth's route handler. next-auth copies some query values into response headers
 * (GET /api/auth/error?error=… becomes the Location of its redirect); a value a header cannot
 * carry (NUL, CR, LF) makes the Response constructor throw, which Next.js answers with 500. That
 * is a malformed request: 400, and nothing is echoed back.
 */
export function refuseUnsendableHeaders<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      if (error instanceof TypeError && /invalid header value/i.test(error.message)) {
        return new Response("Bad request", { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
      }
      throw error;
    }
  };
}

/** The cookies next-auth keeps the page to return to after sign-in in (plain and HTTPS names). */
export const CALLBACK_URL_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"] as const;
const MAX_CALLBACK_URL = 2048;

/**
 * Whether a callback-url cookie holds what next-auth itself writes there: an absolute http(s) URL
 * of one of `origins`, or a path on it. next-auth hands the value to its redirect callback on
 * every request (csrf, session, providers, sign-in), which reads it with `new URL` and throws on
 * anything else: one bad cookie made every auth endpoint answer 500 and blocked sign-in in that
 * browser until the cookie expired.
 */
export function isSafeCallbackUrl(value: string, origins: readonly string[]): boolean {
  if (value.length === 0 || value.length > MAX_CALLBACK_URL || !isStorableText(value)) return false;
  // Control characters and backslashes: browsers read "/\\evil.example" as another host.
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return false;
  if (value.startsWith("/")) return !value.startsWith("//");
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && origins.includes(url.origin);
  } catch {
    return false;
  }
}

type CookieStore = { getAll(): { name: string; value: string }[]; delete(name: string): unknown };

/**
 * Deletes callback-url cookies that fail isSafeCallbackUrl from the request's cookies (what
 * next-auth reads) and, through the response, from the browser. Returns the names dropped.
 */
export function dropUnsafeCallbackCookies(store: CookieStore, origins: readonly string[]): string[] {
  const names: readonly string[] = CALLBACK_URL_COOKIES;
  const unsafe = store.getAll().filter((c) => names.includes(c.name) && !isSafeCallbackUrl(c.value, origins));
  for (const c of unsafe) store.delete(c.name);
  return unsafe.map((c) => c.name);
}

/** The origins a callback URL may point to: the one the request came to and NEXTAUTH_URL's. */
function ownOrigins(request: Request): string[] {
  const origins = [new URL(request.url).origin];
  try {
    if (process.env.NEXTAUTH_URL) origins.push(new URL(process.env.NEXTAUTH_URL).origin);
  } catch {
    // A malformed NEXTAUTH_URL is next-auth's configuration error to report, not this one's.
  }
  return origins;
}

/** Wraps next-auth's route handler: unsafe callback-url cookies are dropped before it runs. */
export function dropUnsafeAuthCookies<C>(
  handler: (request: Request, context: C) => Promise<Response>,
  cookieStore: () => Promise<CookieStore> = cookies,
) {
  return async (request: Request, context: C): Promise<Response> => {
    dropUnsafeCallbackCookies(await cookieStore(), ownOrigins(request));
    return handler(request, context);
  };
}
