// Signing in with email and password from the browser: what next-auth/react's
// `signIn("credentials", { redirect: false })` does (next-auth 4: react/index.js), in two requests
// instead of three (it asks for the provider list first) and without the 8 kB of next-auth/react
// on the sign-in page, every user's first page (issue 18: ≤ 150 kB first-load JavaScript). The
// server side is next-auth's own: the CSRF double-submit token, then the credentials callback in
// its JSON mode, which answers `{ url }` with `?error=` on a refusal.
// No SessionProvider is used in this app, so there is no client session to refresh afterwards:
// both forms that call this navigate with a full page load.

const AUTH_BASE = "/api/auth";

export type CredentialsSignInResult = { ok: true } | { ok: false; error: string };

export async function signInWithCredentials(fields: { email: string; password: string }): Promise<CredentialsSignInResult> {
  try {
    const csrf = await fetch(`${AUTH_BASE}/csrf`, { cache: "no-store", credentials: "same-origin" });
    const { csrfToken } = (await csrf.json()) as { csrfToken?: string };
    if (!csrf.ok || !csrfToken) return { ok: false, error: "Unavailable" };
    const response = await fetch(`${AUTH_BASE}/callback/credentials`, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ ...fields, csrfToken, callbackUrl: window.location.href, json: "true" }),
    });
    const data = (await response.json().catch(() => null)) as { url?: string } | null;
    if (!data?.url) return { ok: false, error: "Unavailable" };
    const error = new URL(data.url, window.location.origin).searchParams.get("error");
    return response.ok && !error ? { ok: true } : { ok: false, error: error ?? "Unavailable" };
  } catch {
    // Offline, or the server did not answer: the form says the sign-in did not happen.
    return { ok: false, error: "Unavailable" };
  }
}
