// Signing out without next-auth's client bundle (~12 kB gzip on every page): the same two
// requests its signOut() makes — the CSRF token, then a POST to the sign-out endpoint, which
// clears the session cookie.
export async function signOutRequest(callbackUrl = "/sign-in"): Promise<void> {
  const csrf = (await (await fetch("/api/auth/csrf", { cache: "no-store" })).json()) as { csrfToken: string };
  await fetch("/api/auth/signout", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Auth-Return-Redirect": "1" },
    body: new URLSearchParams({ csrfToken: csrf.csrfToken, callbackUrl, json: "true" }),
  });
}

/** Signs out, then a full navigation so no signed-in state survives in the page. */
export async function signOutNow(callbackUrl: string): Promise<void> {
  try {
    await signOutRequest(callbackUrl);
  } finally {
    window.location.assign(callbackUrl);
  }
}
