// Signs in over HTTP the way the sign-in form does (next-auth's credentials flow): GET
// /api/auth/csrf for the CSRF token and its cookie, then POST the form-encoded credentials to
// /api/auth/callback/credentials. Returns the session cookie ("name=value") to send as `Cookie`.
// Each benchmarked user signs in once per run: the app allows 30 attempts per address per
// 15 minutes (successful ones are given back) and locks an account after 10 failures (ADR 010).

const SESSION_COOKIE = /^(__Secure-)?next-auth\.session-token=/;

function cookiePairs(response: Response): string[] {
  return response.headers.getSetCookie().map((c) => c.split(";")[0]!);
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(new URL("/api/auth/csrf", baseUrl));
  if (!csrf.ok) throw new Error(`GET /api/auth/csrf answered ${csrf.status}`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(new URL("/api/auth/callback/credentials", baseUrl), {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookiePairs(csrf).join("; ") },
    body: new URLSearchParams({ csrfToken, email, password, callbackUrl: baseUrl, json: "true" }),
  });
  const session = cookiePairs(response).find((c) => SESSION_COOKIE.test(c));
  if (!session) {
    const body = await response.text().catch(() => "");
    throw new Error(`sign-in as ${email} failed (${response.status} ${body.slice(0, 200)}); after 10 failures the account is locked for 15 minutes`);
  }
  return session;
}
